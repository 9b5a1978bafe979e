"""Redaction for 部分公开 in a case's documents: upload the file to give in part, mark what to withhold (terms,
the personal-data finder's findings, page regions as coordinates), see the redacted pages and the verification
record, confirm image pages, release the verified file.

The source and its previews show personal data: only the case roles that may see it (``case.view_personal_data``)
read them; marking, confirming and releasing need ``case.handle``.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.policy import can
from gongkai.backoffice.access import staff_required
from gongkai.cases import selectors
from gongkai.cases.domain.redaction import GROUNDS, PERSONAL_DATA_GROUND, Ground
from gongkai.cases.redaction import pdf, services
from gongkai.core.downloads import bytes_download
from gongkai.core.errors import DomainError

GROUND_CHOICES = [(row.ground.value, f"{row.label}（{row.article}）") for row in GROUNDS]


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("要部分公开的文件（PDF、DOCX 或 XLSX）"))


class MarkForm(forms.Form):
    terms = forms.CharField(label=gettext_lazy("按文字检索遮盖（每行一个，所有出现处都遮盖）"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    term_ground = forms.ChoiceField(label=gettext_lazy("检索词不予公开的理由"), choices=GROUND_CHOICES,
                                    initial=Ground.THIRD_PARTY)
    personal = forms.MultipleChoiceField(label=gettext_lazy("个人信息（与发布前审查相同的识别规则）"),
                                         required=False, widget=forms.CheckboxSelectMultiple)
    personal_ground = forms.ChoiceField(label=gettext_lazy("个人信息不予公开的理由"), choices=GROUND_CHOICES,
                                        initial=PERSONAL_DATA_GROUND)
    regions = forms.CharField(
        label=gettext_lazy("按页面区域遮盖（每行一个：页码: x0, y0, x1, y1，单位为点，从页面左上角量起）"),
        required=False, widget=forms.Textarea(attrs={"rows": 3, "placeholder": "1: 72, 100, 300, 140"}))
    region_ground = forms.ChoiceField(label=gettext_lazy("区域不予公开的理由"), choices=GROUND_CHOICES,
                                      initial=Ground.THIRD_PARTY)

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personal"].choices = [
            (s.key, f"第{s.page}页 {s.label} {s.masked}") for s in suggestions]


class ConfirmForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("人工核对说明"), widget=forms.Textarea(attrs={"rows": 2}))


def _initial_marks(record, suggestions) -> dict:
    """The form as last applied, or with every personal-data finding ticked for a new record."""
    if not record.marks:
        return {"personal": [s.key for s in suggestions]}
    terms = [m["what"] for m in record.marks if m["kind"] == "term"]
    regions = [f"{m['page']}: {', '.join(f'{v:g}' for v in m['rect'])}" for m in record.marks
               if m["kind"] == "region"]
    ticked = {(m["page"], tuple(m["rect"])) for m in record.marks if m["kind"] == "personal"}
    grounds = {m["kind"]: m["ground"] for m in record.marks}
    return {
        "terms": "\n".join(dict.fromkeys(terms)), "regions": "\n".join(regions),
        "personal": [s.key for s in suggestions if any((s.page, tuple(r)) in ticked for r in s.rects)],
        "term_ground": grounds.get("term", Ground.THIRD_PARTY), "region_ground": grounds.get("region",
                                                                                             Ground.THIRD_PARTY),
        "personal_ground": grounds.get("personal", PERSONAL_DATA_GROUND),
    }


@staff_required
def redaction_list(request, pk):
    app = selectors.access_case(request.user, pk, action="case.view_personal_data")
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not can(request.user, "case.handle", app):
            messages.error(request, _("您无权办理该申请"))
            return redirect("backoffice:case_redactions", pk=app.pk)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.GONGKAI_REDACTION_MAX_BYTES:
                form.add_error("file", _("文件大小 %(size).1f MB，超过上限 %(limit).0f MB。") % {
                    "size": upload.size / 1048576, "limit": settings.GONGKAI_REDACTION_MAX_BYTES / 1048576})
            else:
                try:
                    record = services.start_redaction(actor=request.user, app=app, name=upload.name,
                                                      data=upload.read())
                except DomainError as exc:
                    form.add_error("file", exc.message)
                else:
                    return redirect("backoffice:case_redaction", pk=record.pk)
        status = 400
    return render(request, "backoffice/cases/redactions.html", {
        "app": app, "form": form, "records": services.redactions_for(app),
        "may_handle": can(request.user, "case.handle", app),
    }, status=status)


def _detail(request, record, *, mark_form=None, confirm_form=None, status=200):
    suggestions = services.suggestions(record)
    if mark_form is None:
        mark_form = MarkForm(initial=_initial_marks(record, suggestions), suggestions=suggestions)
    checks = record.verification.get("checks", [])
    return render(request, "backoffice/cases/redaction.html", {
        "app": record.application, "record": record, "form": mark_form,
        "confirm_form": confirm_form or ConfirmForm(),
        "may_handle": can(request.user, "case.handle", record.application),
        "pages": range(1, record.page_count + 1), "sizes": services.page_sizes(record),
        "checks": checks, "failed": [c for c in checks if not c["passed"]],
        "unproven": record.verification.get("unproven_pages", []),
        "not_found": record.verification.get("not_found", []),
    }, status=status)


@staff_required
def redaction_detail(request, pk):
    record = services.access_redaction(request.user, pk)
    if request.method != "POST":
        return _detail(request, record)
    action = request.POST.get("action", "")
    form = None
    try:
        if action == "redact":
            suggestions = services.suggestions(record)
            form = MarkForm(request.POST, suggestions=suggestions)
            if not form.is_valid():
                return _detail(request, record, mark_form=form, status=400)
            data = form.cleaned_data
            record = services.redact_document(
                actor=request.user, record=record, terms=data["terms"], term_ground=Ground(data["term_ground"]),
                regions=data["regions"], region_ground=Ground(data["region_ground"]),
                personal=frozenset(data["personal"]), personal_ground=Ground(data["personal_ground"]))
            messages.success(request, record.get_status_display())
        elif action == "confirm":
            form = ConfirmForm(request.POST)
            if not form.is_valid():
                return _detail(request, record, confirm_form=form, status=400)
            services.confirm_redaction(actor=request.user, record=record, note=form.cleaned_data["note"])
            messages.success(request, _("已确认，文件可以提供"))
        elif action == "release":
            services.release_redaction(actor=request.user, record=record)
            messages.success(request, _("已登记提供遮盖后的文件"))
        else:
            messages.error(request, _("未知的操作"))
    except DomainError as exc:
        if action == "redact" and form is not None:
            form.add_error(None, exc.message)
            return _detail(request, record, mark_form=form, status=400)
        messages.error(request, exc.message)
    return redirect("backoffice:case_redaction", pk=record.pk)


@staff_required
def redaction_page(request, pk, which, page):
    record = services.access_redaction(request.user, pk)
    if which not in {"source", "output"}:
        raise Http404
    if which == "output":
        if not record.output:
            return HttpResponse(_("尚未遮盖"), status=404, content_type="text/plain; charset=utf-8")
        with record.output.open("rb") as handle:
            data, outline = handle.read(), ()
    else:
        data = services.source_bytes(record)
        outline = [m["rect"] for m in record.marks if m["page"] == page]
    try:
        png = pdf.render_png(data, page, dpi=settings.GONGKAI_REDACTION_PREVIEW_DPI, outline=outline,
                             max_pages=settings.GONGKAI_REDACTION_MAX_PAGES)
    except DomainError as exc:
        return HttpResponse(exc.message, status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def redaction_download(request, pk):
    """Only the verified output is ever handed out: an unverified or failed file is refused."""
    record = services.access_redaction(request.user, pk)
    try:
        data = services.verified_output(record)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:case_redaction", pk=record.pk)
    stem = record.original_name.rsplit(".", 1)[0]
    return bytes_download(data, filename=f"{stem}-部分公开.pdf", kind="pdf")

