"""The job queue for platform administrators (superusers): how many tasks wait, whether the broker answers,
the timed jobs, the latest runs of the long sweeps, and the tasks that failed (newest first)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.backoffice.access import staff_required
from gongkai.core import queue
from gongkai.core.selectors import sweep_runs, task_failures
from gongkai.core.timed import timed_jobs


@staff_required
def queue_status(request):
    if not request.user.is_superuser:
        raise PermissionDenied(_("只有平台管理员可以查看任务队列"))
    enabled = queue.queue_enabled()
    return render(request, "backoffice/queue.html", {
        "enabled": enabled, "depth": queue.queue_depth() if enabled else None,
        "reachable": queue.broker_reachable() if enabled else None, "queue_name": settings.GONGKAI_QUEUE_NAME,
        "tick_seconds": queue.tick_seconds(), "jobs": timed_jobs(), "failures": task_failures(),
        "sweeps": sweep_runs(),
    })
