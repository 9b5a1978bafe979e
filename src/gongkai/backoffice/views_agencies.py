from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.agencies import selectors
from gongkai.agencies.forms import OfficeForm
from gongkai.agencies.policy import can
from gongkai.agencies.services import update_agency_office
from gongkai.backoffice.access import staff_required
from gongkai.core.errors import ValidationFailed
from gongkai.core.form_errors import add_domain_error


@staff_required
def agency_list(request):
    agencies = selectors.visible_agencies(request.user).order_by("path", "sort_order")
    return render(request, "backoffice/agency_list.html", {"agencies": agencies})


@staff_required
def agency_detail(request, code):
    agency = selectors.access_agency(request.user, code)
    may_edit = can(request.user, "agency.edit_office", agency)
    form = OfficeForm(request.POST or None, instance=selectors.agency_for_edit(agency)) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                update_agency_office(actor=request.user, agency=agency, reason=request.POST.get("reason", ""),
                                     **{f: form.cleaned_data[f] for f in form.Meta.fields})
            except ValidationFailed as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, "已保存")
                return redirect("backoffice:agency_detail", code=agency.code)
    history = selectors.history(request.user, agency)[:50]
    return render(request, "backoffice/agency_detail.html",
                  {"agency": agency, "form": form, "history": history, "may_edit": may_edit})
