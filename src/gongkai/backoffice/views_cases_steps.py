"""The staff case page's steps: the cases area decides which steps a user is offered, validates them with its
forms and takes them with its services (``gongkai.cases.steps``); the back office adds only the button of each
step, keyed by the same step codes as the steps table (``gongkai.cases.domain.steps``)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.cases import steps

# step -> the label of its button (the UI's own part of a step)
STEP_BUTTONS: dict[str, str] = {
    "confirm_receipt": _("确认收到"),
    "request_correction": _("发出补正告知书"),
    "receive_correction": _("登记补正"),
    "accept": _("受理"),
    "assign": _("指定"),
    "transfer": _("转办"),
    "start_consultation": _("发出征求意见函"),
    "end_consultation": _("登记意见"),
    "extend": _("批准延期"),
    "set_reasonable_delay": _("确定延迟期限"),
    "issue_fee_notice": _("发出收费通知"),
    "record_payment": _("登记缴费"),
    "decide": _("作出答复"),
    "deliver": _("登记送达"),
    "close": _("办结"),
    "withdraw": _("登记撤回"),
}


@dataclass(frozen=True)
class OfferedStep:
    name: str
    label: str
    legal_basis: str
    form: object
    button: str


def offered_steps(user, app, bound: tuple[str, object] | None = None) -> list[OfferedStep]:
    offered = []
    for step in steps.offered_steps(user, app):
        form = bound[1] if bound and bound[0] == step.name else steps.step_form(step.name, app)
        offered.append(OfferedStep(step.name, step.label, step.legal_basis, form, STEP_BUTTONS[step.name]))
    return offered
