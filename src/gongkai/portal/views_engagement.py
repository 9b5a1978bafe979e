"""The public mailbox of each agency: write, read the published questions and answers, and rate a reply
through the private link."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies.selectors import agency_by_code
from gongkai.core.actors import Public
from gongkai.core.errors import DomainError
from gongkai.core.outbox import queue_mail
from gongkai.core.public_forms import (
    RateLimit,
    release_submission_slot,
    take_submission_slot,
    throttled_message,
)
from gongkai.engagement import services
from gongkai.engagement.selectors import published_messages
from gongkai.portal.views_engagement_forms import MailboxForm, RatingForm

SESSION_KEY = "mailbox_sent"
# Changing a rating is allowed, hammering the form is not.
RATING_LIMIT = RateLimit(count=10, seconds=600)


def _agency(code: str):
    try:
        return agency_by_code(code)
    except ObjectDoesNotExist:
        raise Http404(_("没有这个机关")) from None


def _queue_link(message, link: str) -> None:
    subject = _("您的来信已收到（查询码 %(code)s）") % {"code": message.tracking_code}
    body = _("您的来信《%(subject)s》已收到。查看答复并评价：%(link)s\n请妥善保存此链接，不要转发他人。") % {
        "subject": message.subject, "link": link}
    queue_mail(to=message.writer_email, subject=subject, body=body, agency_path=message.agency.path,
               dedupe_key=f"engagement.mailbox_link:{message.pk}")


@require_http_methods(["GET", "POST"])
def mailbox(request, code):
    agency = _agency(code)
    form = MailboxForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        wait = take_submission_slot(request, "mailbox")
        if wait is not None:
            form.add_error(None, throttled_message(wait))
            status = 429
        else:
            try:
                data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
                # The letter and the mail with its private link commit together (the outbox sends it).
                with transaction.atomic():
                    message, token = services.submit_message(actor=Public, agency=agency, channel="web", **data)
                    link = request.build_absolute_uri(reverse("portal:mailbox_rate", kwargs={"token": token}))
                    if message.writer_email:
                        _queue_link(message, link)
            except DomainError as exc:
                release_submission_slot(request, "mailbox")   # only accepted letters count
                form.add_error(None, exc.message)
                status = 400
            else:
                request.session[SESSION_KEY] = {"code": message.tracking_code, "link": link,
                                                "agency": agency.code}
                return redirect("portal:mailbox_sent", code=agency.code)
    elif request.method == "POST":
        status = 400
    page = Paginator(published_messages(agency), 20).get_page(request.GET.get("page"))
    response = render(request, "portal/engagement/mailbox.html",
                      {"agency": agency, "form": form, "page": page,
                       "reply_days": services.reply_working_days()}, status=status)
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


def mailbox_sent(request, code):
    agency = _agency(code)
    sent = request.session.get(SESSION_KEY)
    if not sent or sent.get("agency") != agency.code:
        return redirect("portal:mailbox", code=agency.code)
    return render(request, "portal/engagement/mailbox_sent.html", {"agency": agency, "sent": sent})


@require_http_methods(["GET", "POST"])
def mailbox_rate(request, token):
    message = services.message_for_token(token)
    if message is None:
        raise Http404(_("链接无效或已失效"))
    # A rating already given is shown as given; a first rating starts with nothing chosen.
    form = RatingForm(request.POST or None, initial={"rating": message.rating} if message.rating else None)
    status = 200
    wait = None
    if request.method == "POST":
        wait = take_submission_slot(request, "mailbox-rating", RATING_LIMIT) if form.is_valid() else None
        if wait is not None:
            form.add_error(None, throttled_message(wait))
            status = 429
        elif form.is_valid():
            try:
                services.rate_message(token=token, **form.cleaned_data)
            except DomainError as exc:
                release_submission_slot(request, "mailbox-rating")
                form.add_error(None, exc.message)
                status = 400
            else:
                return redirect("portal:mailbox_rate", token=token)
        else:
            status = 400
    response = render(request, "portal/engagement/mailbox_rate.html",
                      {"message": message, "form": form, "agency": message.agency}, status=status)
    # The address is the writer's key: keep it out of other sites' referrers, caches and search engines
    # ("no-referrer" would make browsers send Origin: null and fail the CSRF check of the rating form).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
