"""Letters as PDF/DOCX, attachments, the case file for litigation, and the editable letter templates.

Letters and attachments carry the applicant's name and identifiers: only the handling agency's case roles
(``case.view_personal_data``) may download them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import require_open, staff_required
from gongkai.backoffice.views_cases_forms import LetterDeliveryForm, TemplateForm
from gongkai.cases import documents, selectors
from gongkai.cases.domain.letters import PLACEHOLDERS
from gongkai.cases.letters import template_for
from gongkai.cases.selectors_documents import access_attachment, access_letter, saved_templates
from gongkai.cases.services import deliver, record_delivery, save_letter_template
from gongkai.core.downloads import bytes_download, file_download
from gongkai.core.errors import DomainError
from gongkai.core.events import record_event


def _read_letter(request, pk):
    letter = access_letter(request.user, pk)
    selectors.record_personal_data_read(actor=request.user, app=letter.application, what="letter",
                                        detail=letter.number)
    return letter


@staff_required
def letter_pdf(request, pk):
    letter = _read_letter(request, pk)
    # A delivered letter is served as the original that went out (its bytes match the recorded hash).
    data, _frozen = documents.original_bytes(letter)
    return bytes_download(data, filename=f"{letter.number}.pdf", kind="pdf")


@staff_required
def letter_docx(request, pk):
    letter = _read_letter(request, pk)
    return bytes_download(documents.letter_docx(letter), filename=f"{letter.number}.docx", kind="docx")


@staff_required
@require_http_methods(["GET", "POST"])
def letter_delivered(request, pk):
    """Record how a letter reached the applicant (国办公开办函〔2016〕235号), with its evidence."""
    letter = access_letter(request.user, pk)
    app = letter.application
    if not can(request.user, "case.handle", app):
        raise PermissionDenied(_("您无权登记送达"))
    form = LetterDeliveryForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if letter.kind == "decision":
                    deliver(actor=request.user, app=app, **form.cleaned_data)
                else:
                    record_delivery(actor=request.user, letter=letter, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已登记送达"))
                return redirect("backoffice:case_detail", pk=app.pk)
        status = 400
    return render(request, "backoffice/cases/delivery.html", {
        "letter": letter, "app": app, "form": form, "delivery": getattr(letter, "delivery", None),
    }, status=status)


@staff_required
def attachment_download(request, pk):
    attachment = access_attachment(request.user, pk)
    selectors.record_personal_data_read(actor=request.user, app=attachment.application, what="attachment",
                                        detail=attachment.name)
    return file_download(attachment.file.open("rb"), filename=attachment.name, kind=attachment.content_type)


@staff_required
def case_export(request, pk):
    app = selectors.access_case(request.user, pk, action="case.view_personal_data")
    data = documents.case_file_zip(app)
    record_event(actor=request.user, obj=app, action="case.exported", reason="导出案卷")
    return bytes_download(data, filename=f"case-{app.tracking_code}.zip", kind="zip")


@staff_required
def templates_list(request):
    require_open(request.user, "case.configure", _("您无权设置文书模板"))
    agencies = list(agencies_where(request.user, "case.configure").order_by("path"))
    code = request.GET.get("agency") or request.POST.get("agency") or agencies[0].code
    agency = next((a for a in agencies if a.code == code), None)
    if agency is None:
        raise PermissionDenied(_("您无权设置该机关的文书模板"))
    # The query string only picks which template the form opens with: a kind or result that is not one of the
    # form's choices opens the default (the correction notice) rather than failing.
    kinds = {value for value, _label in TemplateForm.base_fields["kind"].choices}
    results = {value for value, _label in TemplateForm.base_fields["result"].choices}
    kind, result = request.GET.get("kind", "correction"), request.GET.get("result", "")
    initial = {"kind": kind if kind in kinds else "correction", "result": result if result in results else ""}
    title, body = template_for(agency, initial["kind"], initial["result"])
    form = TemplateForm(request.POST or None, initial={**initial, "title": title, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            save_letter_template(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("模板已保存"))
            return redirect(f"{request.path}?agency={agency.code}&kind={form.cleaned_data['kind']}"
                            f"&result={form.cleaned_data['result']}")
    return render(request, "backoffice/cases/templates.html", {
        "form": form, "agencies": agencies, "agency": agency, "placeholders": PLACEHOLDERS,
        "saved": saved_templates(agency),
    }, status=400 if form.errors else 200)


