"""Public pages of 依申请公开: the application form and its guide for each agency, the status lookup.

The confirmation page and the status lookup show the tracking code, dates and steps, never personal data;
the tracking code travels in the session and in POST bodies, not in URLs.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from gongkai.agencies.selectors import agency_by_code
from gongkai.cases.domain.fees import PAGE_TIERS
from gongkai.cases.remedies import guide_remedies, remedy_text_for_code
from gongkai.cases.selectors import public_status
from gongkai.cases.services import ApplicantInput, submit_online_application
from gongkai.core.errors import DomainError
from gongkai.core.public_forms import (
    RateLimit,
    release_submission_slot,
    take_submission_slot,
    throttled_message,
)
from gongkai.core.uploads import bound_public_upload
from gongkai.portal.views_cases_forms import ApplicationForm, StatusForm

SESSION_KEY = "case_submitted"
# Lookups of a tracking code that find nothing, per address: a person retyping a code has plenty.
STATUS_MISS_LIMIT = RateLimit(count=20, seconds=600)
INPUT_FIELDS = ("applicant_type", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email",
                "address", "postcode", "description", "document_ref", "purpose", "provision_form", "delivery")


def _agency(code: str):
    try:
        return agency_by_code(code)
    except ObjectDoesNotExist:
        raise Http404(_("没有这个机关")) from None


@csrf_exempt   # the upload bounds must be set before anything reads the body; CSRF is checked just below
@require_http_methods(["GET", "POST"])
def apply(request, code):
    agency = _agency(code)
    if request.method == "POST":
        refused = bound_public_upload(request)
        if refused is not None:
            # Nothing was read or kept; the form comes back empty with the reason (no CSRF check needed).
            return render(request, "portal/cases/apply.html",
                          {"agency": agency, "form": ApplicationForm(), "refused": refused}, status=413)
    return _apply(request, agency)


@csrf_protect
def _apply(request, agency):
    form = ApplicationForm(request.POST or None, request.FILES or None,
                           upload_refusals=getattr(request, "upload_refusals", None))
    status, wait = 200, None
    if request.method == "POST" and form.is_valid():
        wait = take_submission_slot(request, "apply")
        if wait is not None:
            form.add_error(None, throttled_message(wait))
            status = 429
        else:
            data = ApplicantInput(**{k: form.cleaned_data.get(k) or "" for k in INPUT_FIELDS},
                                  files=form.cleaned_data["files"])
            try:
                app = submit_online_application(agency=agency, data=data)
            except DomainError as exc:
                release_submission_slot(request, "apply")   # only accepted applications count
                form.add_error(None, exc.message)
                status = 400
            else:
                request.session[SESSION_KEY] = {"code": app.tracking_code, "agency": agency.code}
                return redirect("portal:apply_done", code=agency.code)
    elif request.method == "POST":
        status = 400
    response = render(request, "portal/cases/apply.html", {"agency": agency, "form": form}, status=status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


def apply_done(request, code):
    agency = _agency(code)
    sent = request.session.get(SESSION_KEY)
    if not sent or sent.get("agency") != agency.code:
        return redirect("portal:apply", code=agency.code)
    return render(request, "portal/cases/apply_done.html", {"agency": agency, "code": sent["code"]})


def apply_guide(request, code):
    agency = _agency(code)
    return render(request, "portal/cases/guide.html", {"agency": agency, "page_tiers": PAGE_TIERS,
                                                       "remedies": guide_remedies(agency)})


@require_http_methods(["GET", "POST"])
def case_status(request):
    form = StatusForm(request.POST or None)
    status, found, wait = 200, None, None
    if request.method == "POST" and form.is_valid():
        # Only lookups that find nothing count against the limit: guessing codes is what it slows down.
        wait = take_submission_slot(request, "case-status-miss", STATUS_MISS_LIMIT)
        if wait is not None:
            form.add_error(None, throttled_message(wait))
            status = 429
        else:
            found = public_status(form.cleaned_data["code"].strip().upper())
            if found is None:
                form.add_error("code", _("没有找到该查询码对应的申请，请核对后重试。"))
                status = 404
            else:
                release_submission_slot(request, "case-status-miss")
    remedy = remedy_text_for_code(found.tracking_code) if found is not None else ""
    response = render(request, "portal/cases/status.html", {"form": form, "found": found, "remedy": remedy},
                      status=status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response
