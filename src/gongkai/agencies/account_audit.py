"""Account events for the audit trail, whatever door changed the account.

Accounts are changed by the services here, by the Django admin, by ``gongkai createsuperuser`` and
``changepassword``: the one place that sees all of them is the user model's save, so the events for account
rows are written here. A door that knows who acted sets ``user._audit_actor`` before saving (the services and
the admin do); otherwise the actor is the system. No password, old or new, is ever written to an event.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from gongkai.core.actors import System
from gongkai.core.client_address import client_address
from gongkai.core.events import record_event

User = get_user_model()
FLAGS = ("is_superuser", "is_staff", "is_active")
ACTOR_ATTRIBUTE = "_audit_actor"


def _actor(user):
    # A save outside the services (createsuperuser, a shell, a data migration) is the platform's own.
    return getattr(user, ACTOR_ATTRIBUTE, None) or System


@receiver(pre_save, sender=User)
def _remember_flags(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    instance._audit_before = sender._default_manager.filter(pk=instance.pk).values(*FLAGS).first()


@receiver(post_save, sender=User)
def _record_account_changes(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    actor = _actor(instance)
    name = instance.get_username()
    if created:
        record_event(actor=actor, obj=instance, action="user.created",
                     after={"username": name, "name": instance.first_name,
                            **{flag: getattr(instance, flag) for flag in FLAGS}})
        if instance.is_superuser:
            record_event(actor=actor, obj=instance, action="account.superuser_granted",
                         from_state="", to_state="superuser", payload={"username": name})
        return
    before = getattr(instance, "_audit_before", None) or {}
    for flag in FLAGS:
        if flag in before and before[flag] != getattr(instance, flag):
            _record_flag(actor, instance, flag, before[flag], getattr(instance, flag))
    # set_password() keeps the new raw password on the instance until the save; a hash upgrade at login
    # (check_password's setter) clears it first, so it is not a change.
    if getattr(instance, "_password", None) is not None:
        record_event(actor=actor, obj=instance, action="account.password_changed", payload={"username": name})
    instance._audit_before = None


def _record_flag(actor, user, flag: str, old: bool, new: bool) -> None:
    actions = {
        "is_superuser": ("account.superuser_granted", "account.superuser_revoked"),
        "is_staff": ("account.admin_access_granted", "account.admin_access_revoked"),
        "is_active": ("account.activated", "account.deactivated"),
    }
    granted, revoked = actions[flag]
    record_event(actor=actor, obj=user, action=granted if new else revoked,
                 before={flag: old}, after={flag: new}, payload={"username": user.get_username()})


def _record_permissions(sender, instance, action, pk_set, model, reverse=False, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"} or not isinstance(instance, User):
        return
    if action != "post_clear" and not pk_set:
        return
    names = sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set or []))
    record_event(actor=_actor(instance), obj=instance, action="account.permissions_changed",
                 payload={"username": instance.get_username(), "field": model._meta.model_name,
                          "change": action.removeprefix("post_"), "values": names})


m2m_changed.connect(_record_permissions, sender=User.groups.through, dispatch_uid="gongkai-audit-groups")
m2m_changed.connect(_record_permissions, sender=User.user_permissions.through,
                    dispatch_uid="gongkai-audit-user-permissions")


@receiver(user_logged_in)
def _record_login(sender, request, user, **kwargs):
    record_event(actor=user, obj=user, action="account.login",
                 payload={"address": client_address(request), "path": getattr(request, "path", "")})


@receiver(user_logged_out)
def _record_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(actor=user, obj=user, action="account.logout",
                     payload={"address": client_address(request)})
