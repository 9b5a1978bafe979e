"""Roles and the permission table: which role grants which action, and how far down the tree it reaches.

A role is held in one agency. ``SUBTREE_ROLES`` reach the agencies below it too (a government's supervisor
sees its departments and towns); the others act only in their own agency (a department editor sees only
its department).
"""

from enum import StrEnum


class Role(StrEnum):
    EDITOR = "editor"
    REVIEWER = "reviewer"
    SECRECY_REVIEWER = "secrecy_reviewer"
    PUBLISHER = "publisher"
    CASE_HANDLER = "case_handler"
    CASE_APPROVER = "case_approver"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.EDITOR: "信息编辑",
    Role.REVIEWER: "审核人（部门负责人）",
    Role.SECRECY_REVIEWER: "保密审查员",
    Role.PUBLISHER: "发布人（公开办）",
    Role.CASE_HANDLER: "依申请公开承办人",
    Role.CASE_APPROVER: "依申请公开审批人",
    Role.SUPERVISOR: "监督人员（只读）",
    Role.ADMIN: "管理员",
}

SUBTREE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN, Role.PUBLISHER})

ALL_STAFF = frozenset(Role)

# action -> roles that grant it. Apps add their rows here so that one table answers every question.
PERMISSIONS: dict[str, frozenset[Role]] = {
    # agencies
    "agency.view": ALL_STAFF,
    "agency.manage": frozenset({Role.ADMIN}),
    "agency.edit_office": frozenset({Role.ADMIN, Role.PUBLISHER}),
    "membership.manage": frozenset({Role.ADMIN}),
    "history.view": ALL_STAFF,
    # catalog (主动公开)
    "item.view": ALL_STAFF,
    "item.edit": frozenset({Role.EDITOR}),
    "item.submit": frozenset({Role.EDITOR}),
    "item.review": frozenset({Role.REVIEWER}),
    "item.secrecy_review": frozenset({Role.SECRECY_REVIEWER}),
    "item.override_screening": frozenset({Role.REVIEWER, Role.SECRECY_REVIEWER}),
    "item.publish": frozenset({Role.PUBLISHER}),
    "item.withdraw": frozenset({Role.PUBLISHER}),
    "catalog.configure": frozenset({Role.ADMIN, Role.PUBLISHER}),
    "item.set_validity": frozenset({Role.EDITOR, Role.PUBLISHER}),
    "catalog.import": frozenset({Role.PUBLISHER, Role.ADMIN}),
    "compilation.manage": frozenset({Role.PUBLISHER}),
    # cases (依申请公开)
    "case.view": frozenset({Role.CASE_HANDLER, Role.CASE_APPROVER, Role.SUPERVISOR, Role.ADMIN}),
    "case.view_personal_data": frozenset({Role.CASE_HANDLER, Role.CASE_APPROVER}),
    "case.register": frozenset({Role.CASE_HANDLER}),
    "case.handle": frozenset({Role.CASE_HANDLER}),
    "case.approve": frozenset({Role.CASE_APPROVER}),
    "case.configure": frozenset({Role.PUBLISHER, Role.ADMIN}),
    # engagement
    "engagement.view": ALL_STAFF,
    "engagement.handle": frozenset({Role.EDITOR, Role.CASE_HANDLER, Role.PUBLISHER}),
    # reports
    "report.view": ALL_STAFF,
    "report.edit": frozenset({Role.PUBLISHER, Role.ADMIN}),
    "report.publish": frozenset({Role.PUBLISHER}),
    # Who answers for a report sees every record behind its numbers (without personal data).
    "report.records.view": frozenset({Role.PUBLISHER, Role.SUPERVISOR, Role.ADMIN}),
    "dashboard.view": frozenset({Role.PUBLISHER, Role.SUPERVISOR, Role.ADMIN}),
    # portal: column texts around the generated 指南/制度, and the inspection-readiness check
    "portal.edit": frozenset({Role.PUBLISHER, Role.ADMIN}),
    "inspection.view": frozenset({Role.PUBLISHER, Role.SUPERVISOR, Role.ADMIN}),
    # sites: the cluster's sites, their identity and yearly figures, and the 找错 queue of each site
    "site.view": ALL_STAFF,
    "site.manage": frozenset({Role.ADMIN, Role.PUBLISHER}),
    "site.handle_reports": frozenset({Role.PUBLISHER, Role.EDITOR}),
    # core: the outbox of mail and SMS (failed and queued messages, retry)
    "outbox.manage": frozenset({Role.ADMIN}),
}

# Supervisors are read-only wherever they reach: the table above must never give them a writing action.
READ_ONLY_ACTIONS = frozenset(
    a for a in PERMISSIONS if a.endswith(".view") or a in {"history.view", "dashboard.view"}
)


def roles_for(action: str) -> frozenset[Role]:
    try:
        return PERMISSIONS[action]
    except KeyError:
        raise KeyError(f"unknown action {action!r}: add it to agencies.domain.roles.PERMISSIONS") from None


def reaches(role: Role, *, holder_path: str, target_path: str) -> bool:
    """Whether a role held at ``holder_path`` reaches the agency at ``target_path`` (materialised paths)."""
    if holder_path == target_path:
        return True
    return role in SUBTREE_ROLES and target_path.startswith(holder_path)
