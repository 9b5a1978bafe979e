"""One form and one service per step of an application; the staff case page shows those the user may take."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.backoffice import views_cases_forms as f
from gongkai.cases import services
from gongkai.cases.domain.states import STEPS, State, available_steps
from gongkai.cases.models import Application, Consultation
from gongkai.cases.selectors import handlers_of


@dataclass(frozen=True)
class StepUi:
    form: type
    permission: str
    run: object          # (user, app, cleaned data) -> None
    button: str


def _form_kwargs(name: str, app: Application, user) -> dict:
    if name == "assign":
        return {"handlers": handlers_of(app)}
    if name == "transfer":
        return {"agencies": Agency.objects.filter(is_active=True).exclude(pk=app.agency_id).order_by("path")}
    if name == "end_consultation":
        return {"consultations": app.consultations.filter(replied_on__isnull=True)}
    return {}


def _user(pk):
    return get_user_model().objects.get(pk=pk)


STEP_UI: dict[str, StepUi] = {
    "confirm_receipt": StepUi(f.ConfirmReceiptForm, "case.register", lambda u, a, d: services.confirm_receipt(
        actor=u, app=a, confirmed_on=d["confirmed_on"], note=d["note"]), "确认收到"),
    "request_correction": StepUi(f.CorrectionForm, "case.handle", lambda u, a, d: services.request_correction(
        actor=u, app=a, items=d["items"], period_days=d["period_days"], on=d["on"]), "发出补正告知书"),
    "receive_correction": StepUi(f.ReceiveCorrectionForm, "case.handle", lambda u, a, d: services.receive_correction(
        actor=u, app=a, received_on=d["received_on"], corrected_description=d["corrected_description"]),
        "登记补正"),
    "accept": StepUi(f.AcceptForm, "case.handle", lambda u, a, d: services.accept_application(
        actor=u, app=a, on=d["on"]), "受理"),
    "assign": StepUi(f.AssignForm, "case.handle", lambda u, a, d: services.assign_handler(
        actor=u, app=a, handler=_user(d["handler"]), section=d["section"]), "指定"),
    "transfer": StepUi(f.TransferForm, "case.handle", lambda u, a, d: services.transfer_application(
        actor=u, app=a, to_agency=Agency.objects.get(code=d["to_agency"]), reason=d["reason"]), "转办"),
    "start_consultation": StepUi(f.ConsultationForm, "case.handle", lambda u, a, d: services.start_consultation(
        actor=u, app=a, kind=d["kind"], party=d["party"], sent_on=d["sent_on"]), "发出征求意见函"),
    "end_consultation": StepUi(f.EndConsultationForm, "case.handle", lambda u, a, d: services.end_consultation(
        actor=u, consultation=Consultation.objects.get(pk=d["consultation"], application=a),
        replied_on=d["replied_on"], opinion=d["opinion"]), "登记意见"),
    "extend": StepUi(f.ExtendForm, "case.approve", lambda u, a, d: services.extend_deadline(
        actor=u, app=a, days=d["days"], reason=d["reason"], notice_on=d["notice_on"]), "批准延期"),
    "set_reasonable_delay": StepUi(f.DelayForm, "case.approve", lambda u, a, d: services.set_reasonable_delay(
        actor=u, app=a, until=d["until"], reason=d["reason"], notice_on=d["notice_on"]), "确定延迟期限"),
    "issue_fee_notice": StepUi(f.FeeNoticeForm, "case.handle", lambda u, a, d: services.issue_fee_notice(
        actor=u, app=a, method=d["method"], pages=d["pages"], on=d["on"]), "发出收费通知"),
    "record_payment": StepUi(f.PaymentForm, "case.handle", lambda u, a, d: services.record_payment(
        actor=u, app=a, paid_on=d["paid_on"], receipt_number=d["receipt_number"], amount=d["amount"]), "登记缴费"),
    "decide": StepUi(f.DecideForm, "case.handle", lambda u, a, d: services.decide(actor=u, app=a, **d), "作出答复"),
    "deliver": StepUi(f.DeliverForm, "case.handle", lambda u, a, d: services.deliver(actor=u, app=a, **d),
                      "登记送达"),
    "close": StepUi(f.CloseForm, "case.handle", lambda u, a, d: services.close_case(actor=u, app=a, on=d["on"]),
                    "办结"),
    "withdraw": StepUi(f.WithdrawForm, "case.handle", lambda u, a, d: services.withdraw(
        actor=u, app=a, reason=d["reason"], on=d["on"]), "登记撤回"),
}


@dataclass(frozen=True)
class OfferedStep:
    name: str
    label: str
    legal_basis: str
    form: object
    button: str


def offered_steps(user, app: Application, bound: tuple[str, object] | None = None) -> list[OfferedStep]:
    offered = []
    for name in available_steps(State(app.state)):
        ui = STEP_UI.get(name)
        if ui is None or not can(user, ui.permission, app):
            continue
        if name == "confirm_receipt" and app.received_on is not None:
            continue
        if name == "end_consultation" and not app.consultations.filter(replied_on__isnull=True).exists():
            continue
        form = bound[1] if bound and bound[0] == name else ui.form(**_form_kwargs(name, app, user))
        step = STEPS[name]
        offered.append(OfferedStep(name, step.label, step.legal_basis, form, ui.button))
    return offered


def build_form(name: str, app: Application, user, data):
    return STEP_UI[name].form(data, **_form_kwargs(name, app, user))

