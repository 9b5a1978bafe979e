"""Staff pages of 依申请公开: the list, registration, the case page with its steps, the clock explanation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import may_open, require_open, staff_required
from gongkai.backoffice.views_cases_forms import RegisterForm
from gongkai.backoffice.views_cases_steps import STEP_BUTTONS, offered_steps
from gongkai.cases import selectors, steps
from gongkai.cases.domain.clock import explain
from gongkai.cases.domain.receipt import CHANNEL_LABELS, RECEIPT_RULES, Channel
from gongkai.cases.domain.results import REPLY_TYPE_LABELS, ROW_OF, ReplyType, Result
from gongkai.cases.domain.states import STATE_LABELS, State
from gongkai.cases.selectors_applicant import online_correction
from gongkai.cases.services import ApplicantInput, register_application
from gongkai.core.errors import DomainError

REGISTER_FIELDS = ("applicant_type", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email",
                   "address", "postcode", "description", "document_ref", "provision_form", "delivery")


@staff_required
def case_list(request):
    state = request.GET.get("state", "")
    code = request.GET.get("q", "").strip().upper()
    cases = selectors.find_cases(request.user, state=state, code=code)
    page = Paginator(cases.order_by("-submitted_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "backoffice/cases/list.html", {
        "page": page, "states": [(s.value, STATE_LABELS[s]) for s in State], "state": state, "q": code,
        "may_register": may_open(request.user, "case.register"),
    })


@staff_required
def case_register(request):
    require_open(request.user, "case.register", _("您无权登记申请"))
    agencies = list(agencies_where(request.user, "case.register").order_by("path"))
    form = RegisterForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = next(a for a in agencies if a.code == data["agency"])
        try:
            app = register_application(
                actor=request.user, agency=agency, channel=data["channel"], arrived_on=data["arrived_on"],
                oral_record=data["oral_record"],
                data=ApplicantInput(**{k: data.get(k) or "" for k in REGISTER_FIELDS}, files=data["attachment"]),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已登记，查询码 %(code)s") % {"code": app.tracking_code})
            return redirect("backoffice:case_detail", pk=app.pk)
    return render(request, "backoffice/cases/register.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(request, app, bound=None):
    clock = selectors.case_clock(app)
    decision = getattr(app, "decision", None)
    return {
        "app": app,
        "applicant": selectors.applicant_view(request.user, app),
        "state_label": STATE_LABELS[State(app.state)],
        "channel_label": CHANNEL_LABELS[Channel(app.channel)],
        "receipt_rule": RECEIPT_RULES[Channel(app.channel)].text,
        "clock": clock,
        "windows": clock.deadline.windows if clock.deadline else (),
        "decision": decision,
        "result_label": ROW_OF[Result(decision.result)].label if decision else "",
        "reply_type_label": REPLY_TYPE_LABELS.get(ReplyType(decision.reply_type)) if decision and decision.reply_type else "",
        "evidence": selectors.repetition_evidence(app),
        "letters": app.letters.all(),
        "consultations": app.consultations.all(),
        "fee": getattr(app, "fee", None),
        "extension": getattr(app, "extension", None),
        "correction": getattr(app, "correction", None),
        "attachments": app.attachments.all(),
        "online_correction": online_correction(app),
        "released_files": app.released_files.all(),
        "appeals": app.appeals.all(),
        "steps": offered_steps(request.user, app, bound),
        "may_see_letters": can(request.user, "case.view_personal_data", app),
        "may_handle": can(request.user, "case.handle", app),
        "events": selectors.case_events(request.user, app),
    }


@staff_required
def case_detail(request, pk):
    app = selectors.access_case(request.user, pk)
    return render(request, "backoffice/cases/detail.html", _detail_context(request, app))


@staff_required
def case_clock(request, pk):
    app = selectors.access_case(request.user, pk)
    clock = selectors.case_clock(app)
    return render(request, "backoffice/cases/clock.html", {
        "app": app, "clock": clock, "lines": explain(clock.deadline) if clock.deadline else [],
    })


@staff_required
@require_POST
def case_step(request, pk, step):
    app = selectors.access_case(request.user, pk)
    if not steps.is_step(step):
        raise PermissionDenied(_("未知的操作"))
    if not steps.may_take(request.user, step, app):
        raise PermissionDenied(_("您无权执行该操作"))
    form = steps.step_form(step, app, request.POST)
    if form.is_valid():
        try:
            steps.take_step(request.user, step, app, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已完成：%(step)s") % {"step": STEP_BUTTONS[step]})
            return redirect("backoffice:case_detail", pk=app.pk)
    app = selectors.access_case(request.user, pk)
    context = _detail_context(request, app, bound=(step, form))
    context["open_step"] = step
    if step not in {offered.name for offered in context["steps"]}:
        for error in form.non_field_errors():
            messages.error(request, error)
    return render(request, "backoffice/cases/detail.html", context, status=400)
