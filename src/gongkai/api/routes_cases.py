"""Case steps for integrations that handle cases elsewhere: the steps a caller is offered on an application
(by its 查询码), and taking one through the cases area's own forms and services (``gongkai.cases.steps``).

Who may take a step is the steps table (``cases.domain.steps``), the same as for the back office; a token
reaches the cases of its agency and the agencies below it. A missing case is 404, a case the caller may not see
or a step it may not take 403, a step the case's state does not allow 409, values the step's form or service
refuses 422 with the field paths (``body.values.<field>``). Every step writes its event, naming the token.
"""

import datetime as dt
from typing import Literal

from django import forms
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema

from gongkai.agencies.policy import can
from gongkai.api.auth import WRITE_AUTH
from gongkai.api.errors import ERROR_RESPONSES, ApiError
from gongkai.cases import steps
from gongkai.cases.domain.steps import staff_steps
from gongkai.cases.selectors import access_case_by_code
from gongkai.core.errors import InvalidTransition, NotAllowed

router = Router(tags=["cases (write)"], auth=WRITE_AUTH)

TrackingCode = Path(..., min_length=1, max_length=16, pattern=r"^[-A-Za-z0-9]+$", description="查询码")
StepName = Literal[tuple(staff_steps())]
StepPath = Path(..., description="步骤代码（cases.domain.steps）")
# Holding any of these lets a caller see a case's steps (the step itself needs its own permission).
CASE_ACTIONS = ("case.view", "case.register", "case.handle", "case.approve")


class ChoiceOut(Schema):
    value: str
    label: str


class StepFieldOut(Schema):
    name: str
    label: str
    kind: Literal["text", "integer", "decimal", "date", "datetime", "choice"]
    required: bool
    default: str | int | None = Field(None, description="缺省时所取的值（日期缺省为当天）")
    choices: list[ChoiceOut] = []


class StepOut(Schema):
    name: str
    label: str
    legal_basis: str
    permission: str
    fields: list[StepFieldOut]


class CaseStepsOut(Schema):
    tracking_code: str
    agency: str
    state: str
    steps: list[StepOut]


def _kind(field: forms.Field) -> str:
    if isinstance(field, forms.ChoiceField):
        return "choice"
    if isinstance(field, forms.DateTimeField):
        return "datetime"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.DecimalField):
        return "decimal"
    if isinstance(field, forms.IntegerField):
        return "integer"
    return "text"


def _default(field: forms.Field):
    value = field.initial() if callable(field.initial) else field.initial
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, int | str) else None


def _fields(form: forms.Form) -> list[StepFieldOut]:
    out = []
    for name, field in form.fields.items():
        choices = ([ChoiceOut(value=str(v), label=str(label)) for v, label in field.choices if str(v) != ""]
                   if isinstance(field, forms.ChoiceField) else [])
        out.append(StepFieldOut(name=name, label=str(field.label or name), kind=_kind(field),
                                required=field.required, default=_default(field), choices=choices))
    return out


def _steps_out(actor, app) -> CaseStepsOut:
    offered = [StepOut(name=s.name, label=s.label, legal_basis=s.legal_basis, permission=s.permission,
                       fields=_fields(steps.step_form(s.name, app)))
               for s in steps.offered_steps(actor, app)]
    return CaseStepsOut(tracking_code=app.tracking_code, agency=app.agency.code, state=app.state, steps=offered)


@router.get("/applications/{tracking_code}/steps", response={200: CaseStepsOut, **ERROR_RESPONSES},
            summary="列出申请当前可办理的步骤及其字段")
def list_steps(request, tracking_code: str = TrackingCode):
    app = access_case_by_code(request.auth, tracking_code, *CASE_ACTIONS)
    return _steps_out(request.auth, app)


Value = str | int | float | None


class StepIn(Schema):
    values: dict[str, Value] = Field(default_factory=dict, description="步骤的字段值（见 GET …/steps）；缺省的取缺省值")


def _bound(form: forms.Form, values: dict) -> dict:
    """The form's data: the caller's values as text, absent fields at their defaults (today for dates)."""
    data = {}
    for name, field in form.fields.items():
        if name in values and values[name] is not None:
            data[name] = str(values[name])
        else:
            default = _default(field)
            if default is not None:
                data[name] = str(default)
    return data


def _form_errors(form: forms.Form) -> list[dict]:
    fields = []
    for name, errors in form.errors.items():
        path = "body.values" if name == "__all__" else f"body.values.{name}"
        fields.extend({"path": path, "message": str(message)} for message in errors)
    return fields


@router.post("/applications/{tracking_code}/steps/{step}", response={200: CaseStepsOut, **ERROR_RESPONSES},
             summary="办理申请的一个步骤（与后台相同的表单校验和服务）")
def take_step(request, payload: StepIn, tracking_code: str = TrackingCode, step: StepName = StepPath):
    actor = request.auth
    app = access_case_by_code(actor, tracking_code, *CASE_ACTIONS)
    if not steps.may_take(actor, step, app):
        raise NotAllowed(_("您无权执行该操作"))
    problem = steps.refusal_now(step, app)
    if problem:
        raise InvalidTransition(problem, step=step)
    blank = steps.step_form(step, app)
    unknown = sorted(set(payload.values) - set(blank.fields))
    if unknown:
        message = _("该步骤没有这些字段：%(names)s") % {"names": "、".join(unknown)}
        raise ApiError(422, "unknown_field", message,
                       [{"path": f"body.values.{name}", "message": message} for name in unknown])
    form = steps.step_form(step, app, _bound(blank, payload.values))
    if not form.is_valid():
        raise ApiError(422, "invalid_input", _("请求的内容有误，请按字段说明改正。"), _form_errors(form))
    app = steps.take_step(actor, step, app, form.cleaned_data)
    if not any(can(actor, action, app) for action in CASE_ACTIONS):   # e.g. transferred out of its reach
        return CaseStepsOut(tracking_code=app.tracking_code, agency=app.agency.code, state=app.state, steps=[])
    return _steps_out(actor, app)
