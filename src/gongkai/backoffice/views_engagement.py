"""Staff pages of the mailbox and hotline: the list with overdue flags, entry of calls and letters, and one
message's handling (accept, assign, reply, decline, publish, rating of calls) with its history."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_engagement_forms import (
    AssignForm,
    DeclineForm,
    MessageEntryForm,
    PublishForm,
    ReplyForm,
    StaffRatingForm,
    UnpublishForm,
)
from gongkai.backoffice.views_engagement_records import RECORD_TABS, may_see_dashboard
from gongkai.core.errors import DomainError
from gongkai.core.events import events_for
from gongkai.core.time import local_today
from gongkai.engagement import policy, services
from gongkai.engagement.domain import mailbox as rules
from gongkai.engagement.labels import CATEGORY_CHOICES, CHANNEL_CHOICES, STATUS_CHOICES
from gongkai.engagement.selectors import (
    access_message,
    message_departments,
    messages_for,
    open_messages_handled_by,
)

FILTERS = {"status": dict(STATUS_CHOICES), "channel": dict(CHANNEL_CHOICES), "category": dict(CATEGORY_CHOICES)}


@staff_required
def message_list(request):
    qs = messages_for(request.user)
    chosen = {}
    for name, choices in FILTERS.items():
        value = request.GET.get(name, "")
        if value in choices:
            qs = qs.filter(**{name: value})
            chosen[name] = value
    today = local_today()
    if request.GET.get("flag") == "overdue":
        qs = qs.filter(status__in=[s.value for s in rules.OPEN_STATUSES], reply_due_on__lt=today)
        chosen["flag"] = "overdue"
    elif request.GET.get("flag") == "inspection":
        qs = qs.filter(status__in=[s.value for s in rules.OPEN_STATUSES],
                       received_on__lt=rules.add_months(today, -rules.INSPECTION_MONTHS))
        chosen["flag"] = "inspection"
    query = request.GET.get("q", "").strip()[:50]
    if query:
        qs = qs.filter(subject__icontains=query) | qs.filter(tracking_code=query.upper())
    page = Paginator(qs.order_by("-received_at", "-id"), 50).get_page(request.GET.get("page"))
    rows = [(m, rules.is_overdue(status=m.status, due_on=m.reply_due_on, today=today),
             rules.breaches_inspection_rule(status=m.status, received_on=m.received_on, today=today))
            for m in page.object_list]
    may_enter = agencies_where(request.user, "engagement.handle").exists()
    return render(request, "backoffice/engagement/message_list.html", {
        "record_tabs": RECORD_TABS, "may_see_dashboard": may_see_dashboard(request.user), "page": page, "rows": rows, "filters": FILTERS, "chosen": chosen, "q": query, "may_enter": may_enter,
        "querystring": "&".join(f"{k}={v}" for k, v in {**chosen, **({"q": query} if query else {})}.items()),
    })


@staff_required
def message_new(request):
    agencies = list(agencies_where(request.user, "engagement.handle").order_by("path"))
    if not agencies:
        raise PermissionDenied(_("您无权登记来电来信"))
    form = MessageEntryForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            code = data.pop("agency")
            agency = next(a for a in agencies if a.code == code)   # the form offers only these
            try:
                message, _token = services.submit_message(actor=request.user, agency=agency, **data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                flash.success(request, _("已登记，查询码 %(code)s") % {"code": message.tracking_code})
                return redirect("backoffice:engagement_message", pk=message.pk)
    return render(request, "backoffice/engagement/message_new.html", {"form": form}, status=status)


def _forms(message, data=None, action: str = ""):
    departments = message_departments(message)
    bound = lambda name: data if action == name else None  # noqa: E731
    return {
        "assign": AssignForm(bound("assign"), departments=departments,
                             initial={"department": message.department_id}),
        "reply": ReplyForm(bound("reply"), initial={"reply": message.reply}),
        "decline": DeclineForm(bound("decline")),
        "publish": PublishForm(bound("publish"), initial=dict(zip(
            ("public_question", "public_answer"), services.publication_draft(message), strict=True))),
        "unpublish": UnpublishForm(bound("unpublish")),
        "rate": StaffRatingForm(bound("rate")),
    }


def _act(request, message, action: str, forms: dict) -> bool:
    user = request.user
    if action == "accept":
        services.accept_message(actor=user, message=message)
        return True
    form = forms.get(action)
    if form is None or not form.is_valid():
        return False
    data = form.cleaned_data
    if action == "assign":
        department = message_departments(message).get(pk=data["department"])   # one of the form's choices
        services.assign_message(actor=user, message=message, department=department, note=data["note"])
    elif action == "reply":
        services.reply_to_message(actor=user, message=message, reply=data["reply"])
    elif action == "decline":
        services.decline_message(actor=user, message=message, reason=data["reason"])
    elif action == "publish":
        services.publish_message(actor=user, message=message, **data)
    elif action == "unpublish":
        services.unpublish_message(actor=user, message=message, reason=data["reason"])
    elif action == "rate":
        services.record_rating(actor=user, message=message, **data)
    return True


@staff_required
def message_detail(request, pk):
    message = access_message(request.user, pk)
    may_handle = policy.may(request.user, "engagement.handle", message)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _forms(message, request.POST, action)
    error, status = "", 200
    if request.method == "POST":
        if not may_handle:
            raise PermissionDenied(_("您无权办理此来信"))
        try:
            if _act(request, message, action, forms):
                flash.success(request, _("已保存"))
                return redirect("backoffice:engagement_message", pk=message.pk)
            status = 400
        except DomainError as exc:
            error, status = exc.message, 400
    today = local_today()
    return render(request, "backoffice/engagement/message_detail.html", {
        "message": message, "may_handle": may_handle, "forms": forms, "error": error, "action": action,
        "overdue": rules.is_overdue(status=message.status, due_on=message.reply_due_on, today=today),
        "inspection_limit": rules.inspection_limit_on(message.received_on),
        "inspection_breach": rules.breaches_inspection_rule(status=message.status, received_on=message.received_on,
                                                            today=today),
        "open": rules.Status(message.status) in rules.OPEN_STATUSES,
        "history": events_for(message),  # access_message above is the door
        "may_convert": rules.Status(message.status) in rules.OPEN_STATUSES and can(
            request.user, "case.register", message.agency),
    }, status=status)


def workbench_panel(user):
    """Open messages past their reply limit or the 3-month inspection limit, for those who handle them."""
    handled = agencies_where(user, "engagement.handle")
    dashboard = may_see_dashboard(user)
    if not handled.exists():
        return {"dashboard": True, "handles": False} if dashboard else None
    today = local_today()
    open_messages = open_messages_handled_by(user)
    overdue = open_messages.filter(reply_due_on__lt=today)
    return {
        "dashboard": dashboard,
        "handles": True,
        "open": open_messages.count(),
        "overdue": overdue.count(),
        "inspection": open_messages.filter(
            received_on__lt=rules.add_months(today, -rules.INSPECTION_MONTHS)).count(),
        "oldest": list(overdue.order_by("reply_due_on")[:5]),
    }
