"""The page that follows long work started from the back office (a catalog import, a report's statistics):
a progress bar with counts and time left while it runs — ``backoffice/work_progress.js`` asks the JSON status
every second; without scripts the page reloads itself — and the outcome when it has ended."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.access import staff_required
from gongkai.core.background import status
from gongkai.core.selectors import background_work_of


def _work(request, pk):
    work = background_work_of(request.user, pk)
    if work is None:
        raise Http404
    return work


@staff_required
def work_detail(request, pk):
    work = _work(request, pk)
    if work.kind == "report.generate" and work.state == work.State.DONE and not request.GET.get("stay"):
        regenerated = work.arguments.get("notice") == "regenerated"
        messages.success(request, _("已按最新记录重新统计并冻结。") if regenerated else _("已生成并冻结数据。"))
        return redirect("backoffice:report_detail", pk=work.result["report_id"])
    return render(request, "backoffice/work.html", {
        "work": work, "status": status(work), "status_url": reverse("backoffice:work_status", args=[work.pk]),
        "result": work.result,
    })


@staff_required
def work_status(request, pk):
    response = JsonResponse(status(_work(request, pk)))
    response["Cache-Control"] = "no-store"
    return response
