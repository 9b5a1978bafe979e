"""Taking a step of an application, the same for every interface: which steps an actor is offered, the step's
form with its choices, and the service that takes it.

Who may take a step is the steps table (``cases.domain.steps``), which the services check as well; whether the
state allows it is ``cases.domain.states.STEPS``. The back office renders the forms and the API binds a step's
JSON values to them, so a step is validated alike before the same service takes it and writes its event.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.cases import services
from gongkai.cases.domain.states import STEPS, State, available_steps, refusal
from gongkai.cases.domain.steps import permission_for
from gongkai.cases.forms import STEP_FORMS
from gongkai.cases.models import Application, Consultation
from gongkai.cases.selectors import handlers_of


@dataclass(frozen=True)
class OfferedStep:
    name: str
    label: str
    legal_basis: str
    permission: str


def is_step(name: str) -> bool:
    """Whether ``name`` is a step a person or an integration may take at all."""
    return name in STEP_FORMS and permission_for(name) is not None


def may_take(actor, name: str, app: Application) -> bool:
    """The steps table's answer for ``actor`` on ``app`` (not the state: ``offered_steps`` adds that)."""
    return is_step(name) and can(actor, permission_for(name), app)


def _pending(app: Application, name: str) -> bool:
    """Steps the state allows but the case's facts make pointless: a second confirmation of receipt, ending a
    consultation when none is open."""
    if name == "confirm_receipt":
        return app.received_on is not None
    if name == "end_consultation":
        return not app.consultations.filter(replied_on__isnull=True).exists()
    return False


def offered_steps(actor, app: Application) -> list[OfferedStep]:
    """The steps ``actor`` may take on ``app`` now, in the order of the state table."""
    offered = []
    for name in available_steps(State(app.state)):
        if not may_take(actor, name, app) or _pending(app, name):
            continue
        step = STEPS[name]
        offered.append(OfferedStep(name, step.label, step.legal_basis, permission_for(name)))
    return offered


def _choices(name: str, app: Application) -> dict:
    if name == "assign":
        return {"handlers": handlers_of(app)}
    if name == "transfer":
        return {"agencies": Agency.objects.filter(is_active=True).exclude(pk=app.agency_id).order_by("path")}
    if name == "end_consultation":
        return {"consultations": app.consultations.filter(replied_on__isnull=True)}
    return {}


def step_form(name: str, app: Application, data=None):
    """The form of step ``name`` for ``app``, bound to ``data`` when given (its choices read from the case)."""
    return STEP_FORMS[name](data, **_choices(name, app))


def _user(pk):
    return get_user_model().objects.get(pk=pk)


RUNNERS: dict[str, Callable] = {
    "confirm_receipt": lambda u, a, d: services.confirm_receipt(
        actor=u, app=a, confirmed_on=d["confirmed_on"], note=d["note"]),
    "request_correction": lambda u, a, d: services.request_correction(
        actor=u, app=a, items=d["items"], period_days=d["period_days"], on=d["on"]),
    "receive_correction": lambda u, a, d: services.receive_correction(
        actor=u, app=a, received_on=d["received_on"], corrected_description=d["corrected_description"]),
    "accept": lambda u, a, d: services.accept_application(actor=u, app=a, on=d["on"]),
    "assign": lambda u, a, d: services.assign_handler(
        actor=u, app=a, handler=_user(d["handler"]), section=d["section"]),
    "transfer": lambda u, a, d: services.transfer_application(
        actor=u, app=a, to_agency=Agency.objects.get(code=d["to_agency"]), reason=d["reason"]),
    "start_consultation": lambda u, a, d: services.start_consultation(
        actor=u, app=a, kind=d["kind"], party=d["party"], sent_on=d["sent_on"]),
    "end_consultation": lambda u, a, d: services.end_consultation(
        actor=u, consultation=Consultation.objects.get(pk=d["consultation"], application=a),
        replied_on=d["replied_on"], opinion=d["opinion"]),
    "extend": lambda u, a, d: services.extend_deadline(
        actor=u, app=a, days=d["days"], reason=d["reason"], notice_on=d["notice_on"]),
    "set_reasonable_delay": lambda u, a, d: services.set_reasonable_delay(
        actor=u, app=a, until=d["until"], reason=d["reason"], notice_on=d["notice_on"]),
    "issue_fee_notice": lambda u, a, d: services.issue_fee_notice(
        actor=u, app=a, method=d["method"], pages=d["pages"], on=d["on"]),
    "record_payment": lambda u, a, d: services.record_payment(
        actor=u, app=a, paid_on=d["paid_on"], receipt_number=d["receipt_number"], amount=d["amount"]),
    "decide": lambda u, a, d: services.decide(actor=u, app=a, **d),
    "deliver": lambda u, a, d: services.deliver(actor=u, app=a, **d),
    "close": lambda u, a, d: services.close_case(actor=u, app=a, on=d["on"]),
    "withdraw": lambda u, a, d: services.withdraw(actor=u, app=a, reason=d["reason"], on=d["on"]),
}


def take_step(actor, name: str, app: Application, cleaned: dict) -> Application:
    """Take step ``name`` with a valid form's ``cleaned_data``: the step's own service, which checks the
    permission and the state again and writes the step's event in the same transaction. Returns the case as it
    now stands (read afresh: after a transfer the actor may no longer see it, but it has just acted on it)."""
    RUNNERS[name](actor, app, cleaned)
    return Application.objects.select_related("agency").get(pk=app.pk)


def refusal_now(name: str, app: Application) -> str | None:
    """Why the case's state does not allow step ``name`` now (a sentence), or None."""
    return refusal(name, State(app.state))
