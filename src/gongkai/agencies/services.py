"""The only writers of agencies and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.account_audit import ACTOR_ATTRIBUTE
from gongkai.agencies.domain.roles import Role
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.policy import can, forget_roles
from gongkai.agencies.signals import agency_changed
from gongkai.core.actors import is_system
from gongkai.core.errors import NotAllowed, Sentences, ValidationFailed
from gongkai.core.events import record_event, snapshot

AGENCY_FIELDS = [
    "kind", "level", "name", "short_name", "code", "uscc", "org_code", "office_name", "office_address",
    "office_postcode", "office_hours", "office_phone", "office_fax", "office_email", "website",
    "office_sections", "publishes_own_report", "disclosure_staff_count", "sort_order", "is_active", "is_demo",
]
OFFICE_FIELDS = [
    "office_name", "office_address", "office_postcode", "office_hours", "office_phone", "office_fax",
    "office_email", "website", "office_sections", "disclosure_staff_count",
]


def _require(actor, action: str, obj) -> None:
    if not can(actor, action, obj):
        raise NotAllowed(_("您无权执行此操作"), action=action)


def _announce(agency: Agency, fields) -> None:
    """Tell the areas that show agencies, once the change is committed (agencies.signals)."""
    agency_id, code, changed = agency.pk, agency.code, sorted(fields)
    transaction.on_commit(lambda: agency_changed.send(sender=Agency, agency_id=agency_id, code=code, fields=changed))


def _validated(agency: Agency) -> None:
    from django.core.exceptions import ValidationError

    try:
        agency.full_clean(exclude=["parent", "path"])
    except ValidationError as exc:
        raise ValidationFailed(_("机构信息有误：%(problems)s"), code="agencies.invalid", field=list(exc.message_dict),
                               problems=Sentences(f"{k}: {'，'.join(v)}" for k, v in exc.message_dict.items())) from exc


@transaction.atomic
def create_agency(*, actor, parent: Agency | None = None, reason: str = "", **fields) -> Agency:
    """Create an agency under ``parent``. ``System`` is the platform (set-up and demo loading)."""
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知字段：%(unknown)s"), code="agencies.unknown_fields", unknown=sorted(unknown))
    if parent is not None:
        _require(actor, "agency.manage", parent)
    elif not is_system(actor) and not actor.is_superuser:
        raise NotAllowed(_("只有平台管理员可以创建顶级机构"))
    agency = Agency(parent=parent, **fields)
    _validated(agency)
    agency.save()
    agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.save(update_fields=["path"])
    record_event(actor=actor, obj=agency, action="agency.created", after=snapshot(agency, AGENCY_FIELDS), reason=reason)
    return agency


@transaction.atomic
def update_agency_office(*, actor, agency: Agency, reason: str = "", **changes) -> Agency:
    """Change what the 政府信息公开指南 lists about the disclosure office (条例 art. 12)."""
    unknown = set(changes) - set(OFFICE_FIELDS)
    if unknown:
        raise ValidationFailed(_("不可在此修改的字段：%(unknown)s"), code="agencies.readonly_fields", unknown=sorted(unknown))
    _require(actor, "agency.edit_office", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = snapshot(agency, list(changes))
    for name, value in changes.items():
        setattr(agency, name, value)
    _validated(agency)
    agency.save()
    record_event(
        actor=actor, obj=agency, action="agency.office_updated", before=before,
        after=snapshot(agency, list(changes)), reason=reason,
    )
    _announce(agency, changes)
    return agency


@transaction.atomic
def update_agency(*, actor, agency: Agency, reason: str = "", **changes) -> Agency:
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知字段：%(unknown)s"), code="agencies.unknown_fields", unknown=sorted(unknown))
    _require(actor, "agency.manage", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = snapshot(agency, list(changes))
    for name, value in changes.items():
        setattr(agency, name, value)
    _validated(agency)
    agency.save()
    record_event(actor=actor, obj=agency, action="agency.updated", before=before,
                 after=snapshot(agency, list(changes)), reason=reason)
    _announce(agency, changes)
    return agency


@transaction.atomic
def grant_role(*, actor, user, agency: Agency, role: Role, reason: str = "") -> Membership:
    _require(actor, "membership.manage", agency)
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=Role(role).value)
    if created:
        record_event(actor=actor, obj=agency, action="membership.granted",
                     after={"user": user.get_username(), "role": role}, reason=reason)
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_role(*, actor, user, agency: Agency, role: Role, reason: str = "") -> bool:
    _require(actor, "membership.manage", agency)
    deleted, _ = Membership.objects.filter(user=user, agency=agency, role=Role(role).value).delete()
    if deleted:
        record_event(actor=actor, obj=agency, action="membership.revoked",
                     before={"user": user.get_username(), "role": role}, reason=reason)
    forget_roles(user)
    return bool(deleted)


def _password_problems(password: str, user) -> str:
    """The password validators' objections in one sentence, or "" when the password is acceptable."""
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        return "；".join(exc.messages)
    return ""


@transaction.atomic
def create_staff_user(*, actor, username: str, password: str, full_name: str = "", email: str = ""):
    """Create a login for a staff member. Roles are granted separately with ``grant_role``.

    The password must pass AUTH_PASSWORD_VALIDATORS, as any password set through the back office does.
    """
    if not is_system(actor) and not actor.is_superuser and not _is_any_admin(actor):
        raise NotAllowed(_("只有管理员可以创建工作人员账号"))
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("用户名 %(username)s 已存在"), code="agencies.username_taken", username=username)
    user = User(username=User.normalize_username(username), email=User.objects.normalize_email(email),
                first_name=full_name)
    problems = _password_problems(password, user)
    if problems:
        raise ValidationFailed(_("密码不符合要求：%(problems)s"), code="agencies.weak_password", problems=problems)
    user.set_password(password)
    setattr(user, ACTOR_ATTRIBUTE, actor)  # account_audit records user.created with this actor
    user.save()
    return user


@transaction.atomic
def change_password(*, actor, user, new_password: str, old_password: str | None = None):
    """Set a new password. Staff changing their own give the old one; the event never holds either."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("请先登录"))
    if actor.pk != user.pk and not actor.is_superuser:
        raise NotAllowed(_("只能修改自己的密码"))
    if old_password is not None and not user.check_password(old_password):
        raise ValidationFailed(_("原密码不正确"), code="agencies.wrong_password")
    problems = _password_problems(new_password, user)
    if problems:
        raise ValidationFailed(_("密码不符合要求：%(problems)s"), code="agencies.weak_password", problems=problems)
    user.set_password(new_password)
    setattr(user, ACTOR_ATTRIBUTE, actor)  # account_audit records account.password_changed
    user.save()
    return user


def _is_any_admin(user) -> bool:
    return Membership.objects.filter(user=user, role=Role.ADMIN).exists()
