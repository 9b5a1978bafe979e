"""Who acts when no staff member does, named explicitly: the platform itself (``System``) or the public
(``Public``). ``actor=None`` means nothing: services refuse it (``gongkai.agencies.policy.can`` raises).

- ``System`` is the platform acting on its own authority: timed jobs and the queue, demo loading, data
  migrations and commands an operator runs on the server. It passes every permission check (whoever can run
  it already holds the server) and its events read “系统”.
- ``Public`` is a person without an account acting through the portal: a visitor reporting an error on a
  website, an applicant applying online or acting on their own application's page, a writer to the mailbox
  rating a reply. It passes no staff permission check; the services that the public may use decide what it
  may do there (its own application, the public form) and name it in their events (“公众”, or the role given).

Neither is a user: ``is_authenticated`` is false, so "created by" columns stay empty, as for an API token
(``agencies.domain.actors.TokenActor``). Both carry ``event_label``, which ``core.events.record_event`` writes as
the event's actor.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    duty: str = ""      # what the platform was doing, for the event ("定时任务", "演示数据", "命令"); optional

    is_authenticated = False
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False

    @property
    def event_label(self) -> str:
        return f"系统（{self.duty}）" if self.duty else "系统"

    def get_username(self) -> str:
        return self.event_label

    def __str__(self) -> str:
        return self.event_label


@dataclass(frozen=True)
class PublicActor:
    role: str = "公众"  # how the event names the person: 公众, 申请人, 来信人, 网民 …

    is_authenticated = False
    is_anonymous = True
    is_active = True
    is_superuser = False
    is_staff = False

    @property
    def event_label(self) -> str:
        return self.role

    def get_username(self) -> str:
        return self.role

    def __str__(self) -> str:
        return self.role


System = SystemActor()
Public = PublicActor()


def is_system(actor) -> bool:
    return isinstance(actor, SystemActor)


def is_public(actor) -> bool:
    return isinstance(actor, PublicActor)


def require_actor(actor) -> None:
    """Services call this (through ``policy.can``) so that a forgotten actor fails loudly, not silently."""
    if actor is None:
        raise TypeError("actor=None is not an actor: pass a user, a token, gongkai.core.actors.System or Public")
