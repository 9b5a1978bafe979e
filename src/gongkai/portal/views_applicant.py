"""The applicant's own page ("我的申请"): opened with the tracking code plus a one-time code sent to the phone or
e-mail given in the application; then the state and dates in plain words, the letters and released files, the
补正 answered online, withdrawal, and the fee with how to pay it.

The session holds the opened application for ``GONGKAI_APPLICANT_SESSION_MINUTES``; no page names the tracking
code in its URL; every page is "no-store" (urls_cases). The first step answers the same whether or not the
tracking code exists or matches the contact (no enumeration).
"""

import time

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.cases import documents
from gongkai.cases.selectors_applicant import (
    applicant_file,
    applicant_letter,
    applicant_page,
    opened_application,
)
from gongkai.cases.services import (
    ReplyFile,
    request_access_code,
    submit_correction_reply,
    verify_access_code,
    withdraw_by_applicant,
)
from gongkai.core.downloads import bytes_download, file_download
from gongkai.core.errors import DomainError
from gongkai.core.public_forms import RateLimit, take_submission_slot, throttled_message
from gongkai.core.uploads import bound_public_upload
from gongkai.portal.views_applicant_forms import (
    AccessCodeForm,
    AccessRequestForm,
    CorrectionReplyForm,
    WithdrawForm,
)

OPENED = "applicant_case"
PENDING = "applicant_pending"
# Per address: code requests, and code entries (a person retyping a code has plenty).
CODE_REQUEST_LIMIT = RateLimit(count=10, seconds=3600)
CODE_ENTRY_LIMIT = RateLimit(count=20, seconds=600)


def _opened(request) -> int | None:
    opened = request.session.get(OPENED)
    if not opened or opened.get("until", 0) < time.time():
        request.session.pop(OPENED, None)
        return None
    return opened["id"]


def _throttled(request, template, context, wait):
    context["form"].add_error(None, throttled_message(wait))
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def applicant_start(request):
    """Step 1: the tracking code and the contact given; a code is sent when they belong together."""
    form = AccessRequestForm(request.POST or None)
    context = {"form": form, "code_form": None}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "portal/applicant/start.html", context, status=400)
        wait = take_submission_slot(request, "applicant-code", CODE_REQUEST_LIMIT)
        if wait is not None:
            return _throttled(request, "portal/applicant/start.html", context, wait)
        request_access_code(tracking_code=form.cleaned_data["tracking_code"], contact=form.cleaned_data["contact"])
        request.session[PENDING] = form.cleaned_data["tracking_code"]
        return redirect("portal:applicant_verify")
    return render(request, "portal/applicant/start.html", context)


@require_http_methods(["GET", "POST"])
def applicant_verify(request):
    """Step 2: the one-time code."""
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("portal:applicant_start")
    form = AccessCodeForm(request.POST or None)
    context = {"form": form, "tracking_code": pending}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "portal/applicant/verify.html", context, status=400)
        wait = take_submission_slot(request, "applicant-code-entry", CODE_ENTRY_LIMIT)
        if wait is not None:
            return _throttled(request, "portal/applicant/verify.html", context, wait)
        try:
            app = verify_access_code(tracking_code=pending, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
            return render(request, "portal/applicant/verify.html", context, status=400)
        request.session.cycle_key()
        request.session.pop(PENDING, None)
        minutes = int(getattr(settings, "GONGKAI_APPLICANT_SESSION_MINUTES", 30))
        request.session[OPENED] = {"id": app.pk, "until": time.time() + minutes * 60}
        return redirect("portal:applicant_case")
    return render(request, "portal/applicant/verify.html", context)


def _page_or_start(request):
    app_id = _opened(request)
    page = applicant_page(app_id) if app_id else None
    return app_id, page


def _render_case(request, page, *, reply_form=None, withdraw_form=None, status=200, error=""):
    """``error``: a refusal of the service, shown at the top (the form it came from may no longer be offered)."""
    return render(request, "portal/applicant/case.html", {
        "page": page, "reply_form": reply_form or CorrectionReplyForm(), "withdraw_form": withdraw_form or WithdrawForm(),
        "notice": request.session.pop("applicant_notice", ""), "error": error,
    }, status=status)


def applicant_case(request):
    _, page = _page_or_start(request)
    if page is None:
        return redirect("portal:applicant_start")
    return _render_case(request, page)


@csrf_exempt   # the upload bounds must be set before anything reads the body; CSRF is checked just below
@require_POST
def applicant_correction(request):
    refused = bound_public_upload(request)
    app_id, page = _page_or_start(request)
    if page is None:
        return redirect("portal:applicant_start")
    if refused is not None:
        # Nothing was read or kept; the page comes back with the reason (no CSRF check needed).
        return _render_case(request, page, status=413, error=refused)
    return _correction(request, app_id, page)


@csrf_protect
def _correction(request, app_id, page):
    form = CorrectionReplyForm(request.POST, request.FILES, upload_refusals=getattr(request, "upload_refusals", None))
    if not form.is_valid():
        return _render_case(request, page, reply_form=form, status=400)
    files = [ReplyFile(name, content, mime) for name, content, mime in form.cleaned_data["files"]]
    try:
        submit_correction_reply(app=opened_application(app_id), text=form.cleaned_data["text"], files=files)
    except DomainError as exc:
        return _render_case(request, page, reply_form=form, status=400, error=exc.message)
    request.session["applicant_notice"] = _("补正已提交。受理机关受理后，答复期限自收到补正之日起重新计算。")
    return redirect("portal:applicant_case")


@require_POST
def applicant_withdraw(request):
    app_id, page = _page_or_start(request)
    if page is None:
        return redirect("portal:applicant_start")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_case(request, page, withdraw_form=form, status=400)
    try:
        withdraw_by_applicant(app=opened_application(app_id), reason=form.cleaned_data["reason"],
                              confirmed=form.cleaned_data["confirm"])
    except DomainError as exc:
        return _render_case(request, page, withdraw_form=form, status=400, error=exc.message)
    request.session["applicant_notice"] = _("申请已撤回，本机关终止处理。撤回申请确认书可在下方下载。")
    return redirect("portal:applicant_case")


def applicant_letter_pdf(request, pk):
    app_id = _opened(request)
    if app_id is None:
        return redirect("portal:applicant_start")
    letter = applicant_letter(app_id, pk)
    if letter is None:
        raise Http404(_("没有该文书"))
    return bytes_download(documents.letter_pdf(letter), filename=f"{letter.number}.pdf", kind="pdf")


def applicant_file_download(request, pk):
    app_id = _opened(request)
    if app_id is None:
        return redirect("portal:applicant_start")
    released = applicant_file(app_id, pk)
    if released is None:
        raise Http404(_("没有该文件"))
    return file_download(released.file.open("rb"), filename=released.name, kind=released.content_type)


@require_POST
def applicant_leave(request):
    request.session.pop(OPENED, None)
    request.session.pop(PENDING, None)
    return redirect("portal:applicant_start")
