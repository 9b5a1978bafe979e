"""The review workflow of an information item, as a table (条例 art. 17: 公开前审查, incl. 保密审查).

draft → submitted → reviewed (department head) → secrecy_reviewed (保密审查) → published → withdrawn (撤稿).
Each reviewing step may send the item back to the editor with a reason. A secrecy-reviewed item may be
scheduled; the minute timer publishes it when its time comes.
"""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.errors import gettext_noop as _


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    SECRECY_REVIEWED = "secrecy_reviewed"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    Status.DRAFT: "草稿",
    Status.SUBMITTED: "待审核",
    Status.REVIEWED: "待保密审查",
    Status.SECRECY_REVIEWED: "待发布",
    Status.SCHEDULED: "定时发布",
    Status.PUBLISHED: "已发布",
    Status.WITHDRAWN: "已撤稿",
}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[Status]
    target: Status
    permission: str      # row of agencies.domain.roles.PERMISSIONS
    event: str           # action code of the event it writes
    needs_reason: bool = False


def _t(name, sources, target, permission, event, needs_reason=False) -> Transition:
    return Transition(name, frozenset(sources), target, permission, event, needs_reason)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", {Status.DRAFT}, Status.SUBMITTED, "item.submit", "item.submitted"),
        _t("review", {Status.SUBMITTED}, Status.REVIEWED, "item.review", "item.reviewed"),
        _t("reject_review", {Status.SUBMITTED}, Status.DRAFT, "item.review", "item.rejected", True),
        # 条例 art. 17: confidentiality review before publication.
        _t("secrecy_review", {Status.REVIEWED}, Status.SECRECY_REVIEWED, "item.secrecy_review",
           "item.secrecy_reviewed"),
        _t("reject_secrecy", {Status.REVIEWED}, Status.DRAFT, "item.secrecy_review", "item.rejected", True),
        _t("publish", {Status.SECRECY_REVIEWED, Status.SCHEDULED}, Status.PUBLISHED, "item.publish",
           "item.published"),
        _t("schedule", {Status.SECRECY_REVIEWED}, Status.SCHEDULED, "item.publish", "item.scheduled"),
        _t("unschedule", {Status.SCHEDULED}, Status.SECRECY_REVIEWED, "item.publish", "item.unscheduled"),
        _t("reject_publish", {Status.SECRECY_REVIEWED, Status.SCHEDULED}, Status.DRAFT, "item.publish",
           "item.rejected", True),
        _t("withdraw", {Status.PUBLISHED}, Status.WITHDRAWN, "item.withdraw", "item.withdrawn", True),
    ]
}

EDITABLE = frozenset({Status.DRAFT})
PUBLIC = frozenset({Status.PUBLISHED})
# Items that still owe publication under art. 26.
PENDING = frozenset({Status.DRAFT, Status.SUBMITTED, Status.REVIEWED, Status.SECRECY_REVIEWED, Status.SCHEDULED})


class TransitionRefused(DomainError):
    """The step does not apply to the current state (``catalog.wrong_state``) or lacks its reason."""


def check_transition(name: str, current: Status, *, reason: str = "") -> Transition:
    """The transition ``name`` from ``current``, or TransitionRefused saying why not."""
    transition = TRANSITIONS[name]
    if current not in transition.sources:
        allowed = "、".join(STATUS_LABELS[s] for s in sorted(transition.sources))
        raise TransitionRefused(_("当前状态为“%(status)s”，只有“%(allowed)s”的信息可以执行此操作"), code="catalog.wrong_state", status=STATUS_LABELS[current], allowed=allowed)
    if transition.needs_reason and not reason.strip():
        raise TransitionRefused(_("请填写理由"), code="catalog.reason_required")
    return transition


def available(current: Status) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if current in t.sources]
