"""Long sweeps cut into chunks (core/sweeps.py), in the embedded default: the timer's job works through them,
each chunk once per run; the link check, the search reindex, the report drafts and the static republication
are sweeps. With a queue, two workers sharing a sweep: tests/test_engines_production.py."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.catalog.models import LinkCheck
from gongkai.core import sweeps
from gongkai.core.actors import System
from gongkai.core.models import JobMark, SweepRun
from gongkai.core.timed import run_job
from tests.catalog_helpers import published

CALLS: list[tuple[int, int]] = []
FAIL_ON: set[int] = set()


@pytest.fixture
def counting_sweep():
    CALLS.clear()
    FAIL_ON.clear()

    @sweeps.register_sweep("tests.counting", "测试：记录每块", chunks=lambda: sweeps.id_ranges(range(1, 11), 3))
    def count(first: int, last: int) -> int:
        if first in FAIL_ON:
            raise RuntimeError(f"chunk {first} fails")
        CALLS.append((first, last))
        return last - first + 1

    yield "tests.counting"
    sweeps._SWEEPS.pop("tests.counting")


def test_ids_are_cut_into_ranges_of_the_size_asked():
    assert sweeps.id_ranges([2, 3, 5, 8, 13, 21, 34], 3) == [(2, 5), (8, 21), (34, 34)]
    assert sweeps.id_ranges([], 3) == []


@pytest.mark.django_db
def test_the_timer_works_through_a_run_each_chunk_once(counting_sweep):
    run = sweeps.start(counting_sweep)
    assert not run.queued and run.chunks == [[1, 3], [4, 6], [7, 9], [10, 10]]
    assert run_job("core.sweeps") == 4
    assert CALLS == [(1, 3), (4, 6), (7, 9), (10, 10)]
    run.refresh_from_db()
    assert run.finished_at is not None and sweeps.progress(run) == (4, 4)
    assert sweeps.run_chunk(counting_sweep, run.pk, 4, 6) == sweeps.DONE   # a task delivered twice
    assert run_job("core.sweeps") == 0 and len(CALLS) == 4


@pytest.mark.django_db
def test_a_failed_chunk_leaves_no_mark_and_is_done_at_the_next_tick(counting_sweep):
    FAIL_ON.add(4)
    run = sweeps.start(counting_sweep)
    with pytest.raises(RuntimeError):
        sweeps.run_pending()
    assert sweeps.pending_chunks(run) == [[4, 6], [7, 9], [10, 10]]
    FAIL_ON.clear()
    assert sweeps.run_pending() == 3
    run.refresh_from_db()
    assert run.finished_at is not None and sorted(CALLS) == [(1, 3), (4, 6), (7, 9), (10, 10)]


@pytest.mark.django_db
def test_the_timer_stops_at_its_budget_and_goes_on_next_minute(counting_sweep):
    ticks = iter(range(100))
    run = sweeps.start(counting_sweep)
    assert sweeps.run_pending(budget_seconds=3, clock=lambda: next(ticks)) == 2
    assert sweeps.progress(run) == (2, 4)
    assert sweeps.run_pending() == 2 and sweeps.progress(run) == (4, 4)


@pytest.mark.django_db
def test_periodic_sweeps_start_by_themselves_only_with_a_queue(settings):
    settings.GONGKAI_BROKER_URL = ""
    assert sweeps.start_due() == []
    assert not SweepRun.objects.exists()


@pytest.mark.django_db
def test_the_link_sweep_records_every_published_items_links(personas, settings):
    settings.GONGKAI_LINK_CHECK = False   # no internet here: the sweep records, asks nothing
    published(personas, title="链接一", body='<p><a href="https://www.gov.cn/a.htm">一</a></p>')
    published(personas, title="链接二", body='<p><a href="https://www.gov.cn/b.htm">二</a>'
                                            '<a href="https://www.gov.cn/a.htm">一</a></p>')
    run = sweeps.start("catalog.link_sweep")
    assert sweeps.run_pending() == len(run.chunks) >= 1
    assert sorted(LinkCheck.objects.values_list("url", flat=True)) == ["https://www.gov.cn/a.htm",
                                                                       "https://www.gov.cn/b.htm"]
    assert not LinkCheck.objects.filter(checked_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_chunked_reindex_gives_back_what_the_index_found(personas, django_capture_on_commit_callbacks):
    from django.db import connection

    from gongkai.search import selectors
    from gongkai.search.backends import backend_for

    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):   # the index follows publication on commit
            published(personas, title=f"分块重建索引的通知{n}", body="<p>防汛抗旱。</p>")
    before = [h.doc.key for h in selectors.search("防汛抗旱").hits]
    assert len(before) == 3
    backend_for(connection).clear()
    assert selectors.search("防汛抗旱").hits == []
    run = sweeps.start("search.reindex")
    sweeps.run_pending()
    assert sweeps.progress(run) == (len(run.chunks), len(run.chunks))
    assert [h.doc.key for h in selectors.search("防汛抗旱").hits] == before
    sweeps.run_chunk("search.reindex", sweeps.start("search.reindex").pk, *run.chunks[0])   # again: same index
    assert [h.doc.key for h in selectors.search("防汛抗旱").hits] == before


@pytest.mark.django_db
def test_the_year_drafts_of_every_reporting_agency_each_once(personas):
    from gongkai.agencies.models import Agency
    from gongkai.core.models import Event
    from gongkai.reports.models import AnnualReport

    year = dt.date.today().year - 1
    reporting = Agency.objects.filter(is_active=True, publishes_own_report=True)
    run = sweeps.start("reports.year_drafts", argument=str(year))
    sweeps.run_pending()
    drafts = AnnualReport.objects.filter(year=year)
    assert sorted(drafts.values_list("agency_id", flat=True)) == sorted(reporting.values_list("pk", flat=True))
    events = Event.objects.filter(action="report.generated").count()
    assert events == reporting.count()
    for first, last in run.chunks:   # tasks delivered again
        assert sweeps.run_chunk("reports.year_drafts", run.pk, first, last) == sweeps.DONE
    assert Event.objects.filter(action__startswith="report.").count() == events


@pytest.mark.django_db
def test_a_republication_of_one_agency_writes_its_item_pages_only(personas, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    mine = published(personas, title="部门A的信息")
    from gongkai.catalog import services

    other = services.publish_item(actor=System, item=_ready_of(personas.dept_b))
    for path in (tmp_path / "site").rglob("index.html"):
        path.unlink()
    run = sweeps.start("portal.republish", argument=personas.dept_a.code)
    assert sweeps.run_pending() == len(run.chunks)
    page = tmp_path / "site" / reverse("portal:item", kwargs={"code": mine.agency.code, "pk": mine.pk}).strip("/")
    skipped = tmp_path / "site" / reverse("portal:item", kwargs={"code": other.agency.code, "pk": other.pk}).strip("/")
    assert (page / "index.html").exists() and not (skipped / "index.html").exists()
    assert JobMark.objects.filter(job=f"sweep:{run.pk}").count() == len(run.chunks)


def _ready_of(agency):
    from gongkai.catalog import services

    item = services.create_item(actor=System, agency=agency, title="部门B的信息", summary="概述。", body="<p>正文。</p>")
    services.submit_item(actor=System, item=item)
    services.review_item(actor=System, item=item)
    return services.secrecy_review_item(actor=System, item=item)
