"""Reconsideration and litigation records (table 四): list, new, outcome."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_cases_forms import AppealForm, AppealOutcomeForm
from gongkai.cases.selectors import access_appeal, visible_appeals
from gongkai.cases.selectors_documents import case_in_agency
from gongkai.cases.services import record_appeal, record_appeal_outcome
from gongkai.core.errors import DomainError


@staff_required
def appeal_list(request):
    agencies = list(agencies_where(request.user, "case.handle").order_by("path"))
    form = AppealForm(request.POST or None, agencies=agencies) if agencies else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("您无权登记"))
        if form.is_valid():
            data = form.cleaned_data
            agency = next(a for a in agencies if a.code == data["agency"])
            application = None
            if data["tracking_code"]:
                application = case_in_agency(agency, data["tracking_code"])
                if application is None:
                    form.add_error("tracking_code", _("该机关没有这个查询码的申请。"))
            if not form.errors:
                try:
                    record_appeal(actor=request.user, agency=agency, application=application, kind=data["kind"],
                                  body=data["body"], filed_on=data["filed_on"], case_number=data["case_number"],
                                  summary=data["summary"])
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("已登记"))
                    return redirect("backoffice:appeal_list")
    appeals = visible_appeals(request.user).order_by("-filed_on")[:200]
    return render(request, "backoffice/cases/appeals.html", {
        "form": form, "appeals": appeals, "outcome_form": AppealOutcomeForm(),
    }, status=400 if form is not None and form.errors else 200)


@staff_required
@require_POST
def appeal_outcome(request, pk):
    appeal = access_appeal(request.user, pk)
    form = AppealOutcomeForm(request.POST)
    if form.is_valid():
        try:
            record_appeal_outcome(actor=request.user, appeal=appeal, **form.cleaned_data)
            messages.success(request, _("已登记结果"))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请选择结果并填写日期"))
    return redirect("backoffice:appeal_list")


