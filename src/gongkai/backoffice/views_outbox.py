"""The outbox for administrators (公开办): mail and SMS not sent yet — queued, and failed with the error — and
"retry now". Each administrator sees the messages caused by the work of the agencies they administer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.core import outbox
from gongkai.core.selectors import outbox_counts, outbox_messages

ACTION = "outbox.manage"
STATES = ("failed", "queued")


def _reach(user) -> list[str] | None:
    """The agency paths whose messages the user may see (None: all, for superusers)."""
    if user.is_superuser:
        return None
    kept: list[str] = []
    for path in sorted(agencies_where(user, ACTION).values_list("path", flat=True)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    if not kept:
        raise PermissionDenied(_("您无权查看待发消息"))
    return kept


@staff_required
def outbox_list(request):
    reach = _reach(request.user)
    state = request.GET.get("state") if request.GET.get("state") in STATES else "failed"
    page = Paginator(outbox_messages(agency_paths=reach, states=[state]), 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/outbox.html", {
        "page": page, "state": state, "counts": outbox_counts(agency_paths=reach),
        "max_attempts": outbox.max_attempts(),
    })


@staff_required
@require_POST
def outbox_retry(request, pk: int):
    reach = _reach(request.user)
    if not outbox_messages(agency_paths=reach).filter(pk=pk).exists():
        raise Http404(_("没有这条待发消息"))
    message = outbox.retry_now(actor=request.user, message_id=pk)
    if message.state == "sent":
        messages.success(request, _("已重新发送。"))
    else:
        messages.error(request, _("仍未发出：%(error)s") % {"error": message.last_error})
    state = request.POST.get("state") if request.POST.get("state") in STATES else "failed"
    return redirect(f"{reverse('backoffice:outbox')}?state={state}")
