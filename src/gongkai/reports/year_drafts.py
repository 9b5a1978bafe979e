"""The year's report drafts of every agency that publishes its own report, as a sweep several workers share
(core/sweeps.py): each January a province's platform freezes the past year's figures of thousands of agencies
into their drafts before the 1月31日 deadline. ``gongkai sweep start reports.year_drafts [--argument 2025]``.

A chunk is a range of agency ids; each agency's draft is generated (or refreshed while still a draft) by
``services.generate_report`` with its event, as when the office presses 生成. A published report is left as
it is (a correction is the office's decision), so running a chunk again changes nothing but the drafts'
figures, which follow the records.
"""

import logging

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.actors import System
from gongkai.core.errors import InvalidTransition
from gongkai.core.sweeps import id_ranges, register_sweep
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportStatus

logger = logging.getLogger(__name__)
CHUNK = 50   # agencies per chunk: about a second each at province scale (docs/benchmarks.md)


def _agencies():
    return Agency.objects.filter(is_active=True, publishes_own_report=True)


def past_year() -> str:
    return str(timezone.localdate().year - 1)


def chunks(year: str) -> list[tuple[int, int]]:
    published = AnnualReport.objects.filter(year=int(year), status=ReportStatus.PUBLISHED).values("agency_id")
    ids = _agencies().exclude(pk__in=published).order_by("pk").values_list("pk", flat=True)
    return id_ranges(ids, CHUNK)


@register_sweep("reports.year_drafts", "为每个单独发布年度报告的机构生成上一年度的报告草稿（分块，多个进程分担）",
                chunks=chunks, default_argument=past_year)
def draft_between(first: int, last: int, year: str) -> int:
    drafted = 0
    for agency in _agencies().filter(pk__gte=first, pk__lte=last).order_by("pk"):
        try:
            services.generate_report(actor=System, agency=agency, year=int(year))
        except InvalidTransition:   # published meanwhile: the office's own version stands
            continue
        drafted += 1
    return drafted
