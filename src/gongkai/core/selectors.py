"""Readers of the shared kernel's tables for the interfaces."""

from django.db.models import Q, QuerySet

from gongkai.core.models import OutboxMessage

State = OutboxMessage.State


def outbox_messages(*, agency_paths: list[str] | None, states: list[str] | None = None) -> QuerySet:
    """Messages caused by the work of the agencies at ``agency_paths`` and below (None: every message, for
    superusers), newest first; by default those not sent yet (queued, failed)."""
    rows = OutboxMessage.objects.filter(state__in=states or [State.QUEUED, State.FAILED])
    if agency_paths is not None:
        reach = Q(pk__in=[])
        for path in filter(None, agency_paths):
            reach |= Q(agency_path__startswith=path)
        rows = rows.filter(reach)
    return rows.order_by("-created_at", "-id")


def outbox_counts(*, agency_paths: list[str] | None) -> dict[str, int]:
    rows = outbox_messages(agency_paths=agency_paths, states=[State.QUEUED, State.FAILED])
    return {State.QUEUED: rows.filter(state=State.QUEUED).count(), State.FAILED: rows.filter(state=State.FAILED).count()}


def task_failures(limit: int = 100) -> list:
    from gongkai.core.models import TaskFailure

    return list(TaskFailure.objects.order_by("-failed_at", "-id")[:limit])


def background_work_of(user, pk: int):
    """A work the user started (a superuser sees any), or None."""
    from gongkai.core.models import BackgroundWork

    rows = BackgroundWork.objects.filter(pk=pk)
    if not user.is_superuser:
        rows = rows.filter(started_by=user)
    return rows.select_related("started_by").first()


def sweep_runs(limit: int = 20) -> list[dict]:
    """The latest runs of the long sweeps (core/sweeps.py) with their chunks done, for the queue page."""
    from gongkai.core import sweeps
    from gongkai.core.models import SweepRun

    runs = list(SweepRun.objects.order_by("-started_at", "-id")[:limit])
    return [{"run": run, "done": sweeps.progress(run)[0], "total": len(run.chunks)} for run in runs]
