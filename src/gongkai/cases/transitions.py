"""The common path of every step: who may take it, whether the state allows it, the new state, the clock,
one event. Used only by the service modules."""

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.cases.clockfacts import STORED_FIELDS, stored_clock
from gongkai.cases.domain.states import STEPS, State, refusal, target_of
from gongkai.cases.domain.steps import permission_for
from gongkai.cases.letters import write_letter
from gongkai.cases.models import Application
from gongkai.core.actors import is_system
from gongkai.core.errors import InvalidTransition, NotAllowed
from gongkai.core.events import record_event

ACTION_PREFIX = "case."


def require(actor, action: str, obj) -> None:
    """Staff and tokens need the permission; ``System`` (the minute timer, demo loading) holds all; the public
    (``Public``: the online form, the applicant's page) reaches only the services made for it, which do not
    call this."""
    if not can(actor, action, obj):
        raise NotAllowed(_("您无权办理该申请"), action=action)


def require_step(actor, step: str, app) -> None:
    """The permission of ``step`` from the one steps table (``cases.domain.steps``); a step only the system
    takes refuses every person and token."""
    action = permission_for(step)
    if action is None:
        if not is_system(actor):
            raise NotAllowed(_("您无权办理该申请"), action=step)
        return
    require(actor, action, app)


def locked(app: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def check_step(app: Application, step: str) -> None:
    problem = refusal(step, State(app.state))
    if problem:
        raise InvalidTransition(problem, code="cases.wrong_state", step=step)


def refresh_clock(app: Application) -> dict:
    """Rewrite the stored copy of the clock; returns the fields that changed (before, after)."""
    values = stored_clock(app)
    changed = {}
    for name in STORED_FIELDS:
        if getattr(app, name) != values[name]:
            changed[name] = (getattr(app, name), values[name])
            setattr(app, name, values[name])
    return changed


def move(app: Application, step: str, *, actor, event_action: str, reason: str = "", payload: dict | None = None,
         extra_fields: list[str] | None = None, letter: dict | None = None, at=None):
    """Apply ``step`` to a locked application: state, clock, save, the step's letter, one event naming it."""
    before_state = app.state
    app.state = target_of(step, State(app.state)).value
    changed = refresh_clock(app)
    app.save(update_fields=["state", *STORED_FIELDS, *(extra_fields or []), "updated_at"])
    body = dict(payload or {})
    if letter is not None:
        issued = write_letter(actor=actor, app=app, **letter)
        body["letter"] = {"number": issued.number, "kind": issued.kind}
    if changed:
        body["clock"] = {k: [str(v[0]) if v[0] is not None else None, str(v[1]) if v[1] is not None else None]
                         for k, v in changed.items()}
    return record_event(
        actor=actor, obj=app, action=event_action, from_state=before_state, to_state=app.state, reason=reason,
        legal_basis=STEPS[step].legal_basis, payload=body, at=at,
    )
