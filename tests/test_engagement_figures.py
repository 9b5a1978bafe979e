"""The figures the annual report reads are counted from records; the demo reproduces the 2017 seed report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.agencies.models import Agency
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.engagement import services, services_records
from gongkai.engagement.models import ArchiveRecord, Message, OutreachRecord
from gongkai.engagement.selectors import period_figures, records_for_figure

SH = ZoneInfo("Asia/Shanghai")
YEAR_2017 = {"start": dt.date(2017, 1, 1), "end": dt.date(2017, 12, 31)}


@pytest.fixture
def district(demo_db):
    """The demo as loaded once per session (tests/demo_database.py), copied for each test."""
    return Agency.objects.get(code="wsjkq")


def ids(agency):
    return list(Agency.objects.filter(path__startswith=agency.path).values_list("pk", flat=True))


def test_demo_reproduces_the_2017_report(district):
    f = period_figures(agency_ids=ids(district), **YEAR_2017)
    # 一（三）五：受理、办结公开电话(信箱)系统来件491件，受理率、办结率均100%，群众满意率98%。
    assert (f.mailbox_received, f.mailbox_accepted, f.mailbox_completed) == (491, 491, 491)
    assert (f.acceptance_rate, f.completion_rate, f.satisfaction_rate) == (100, 100, 98)
    assert f.suggestions_and_complaints == 28
    assert (f.concern_responses, f.press_conferences, f.online_interviews) == (256, 6, 5)
    assert (f.interpretations_of_normative, f.other_interpretations) == (3, 71)
    assert f.periodical_issues == {"今日万盛": 6}
    assert (f.archive_items_appraised, f.archive_volumes_appraised) == (20367, 901)
    assert (f.archive_visitors, f.archive_pages_copied) == (4431, 3581)
    assert (f.disclosure_staff, f.disclosure_staff_agencies) == (295, 42)
    assert f.trainings >= 2


def test_demo_loads_once(district):
    from gongkai.demo.load_engagement import load_step

    before = (Message.objects.count(), OutreachRecord.objects.count(), ArchiveRecord.objects.count())
    assert load_step() == "已存在，未重复载入"
    assert (Message.objects.count(), OutreachRecord.objects.count(), ArchiveRecord.objects.count()) == before
    assert not Message.objects.filter(is_demo=False).exists()


def test_drill_down_lists_the_records_behind_each_figure(district):
    agency_ids = ids(district)
    f = period_figures(agency_ids=agency_ids, **YEAR_2017)
    for figure in ("mailbox_received", "mailbox_satisfied", "concern_responses", "press_conferences",
                   "suggestions_and_complaints", "trainings"):
        assert records_for_figure(agency_ids=agency_ids, figure=figure, **YEAR_2017).count() == getattr(f, figure)
    appraisals = records_for_figure(agency_ids=agency_ids, figure="archive_items_appraised", **YEAR_2017)
    assert sum(r.items for r in appraisals) == 20367
    staff = records_for_figure(agency_ids=agency_ids, figure="disclosure_staff", **YEAR_2017)
    assert sum(r.people for r in staff) == 295
    with pytest.raises(ValueError):
        records_for_figure(agency_ids=agency_ids, figure="nonsense", **YEAR_2017)


@pytest.mark.django_db
def test_figures_follow_the_period_and_the_agencies(personas):
    gov, dept_a = personas.government, personas.dept_a
    publisher = personas["publisher"]
    late = dt.datetime(2017, 12, 29, 16, tzinfo=SH)
    m1, token = services.submit_message(actor=System, agency=dept_a, channel="web", category="consult", subject="s",
                                        body="b", received_at=late)
    services.submit_message(actor=publisher, agency=gov, channel="letter", category="complaint", subject="s",
                            body="b", received_at=late)
    services.submit_message(actor=System, agency=dept_a, channel="web", category="consult", subject="s", body="b",
                            received_at=dt.datetime(2018, 1, 2, 9, tzinfo=SH))
    services.reply_to_message(actor=publisher, message=m1, reply="答复", replied_at=dt.datetime(2018, 1, 3, tzinfo=SH))
    services.rate_message(token=token, rating="dissatisfied")
    f2017 = period_figures(agency_ids=[gov.pk, dept_a.pk], **YEAR_2017)
    # Received in 2017, answered in 2018: accepted and completed only in figures that end after the answer.
    assert (f2017.mailbox_received, f2017.mailbox_accepted, f2017.mailbox_completed) == (1, 0, 0)
    assert f2017.suggestions_and_complaints == 1
    assert (f2017.mailbox_rated, f2017.mailbox_satisfied, f2017.satisfaction_rate) == (1, 0, 0)
    wide = period_figures(agency_ids=[gov.pk, dept_a.pk], start=dt.date(2017, 1, 1), end=dt.date(2018, 12, 31))
    assert (wide.mailbox_received, wide.mailbox_accepted, wide.mailbox_completed) == (2, 1, 1)
    only_gov = period_figures(agency_ids=[gov.pk], **YEAR_2017)
    assert (only_gov.mailbox_received, only_gov.suggestions_and_complaints) == (0, 1)
    assert period_figures(agency_ids=[], **YEAR_2017).satisfaction_rate is None


@pytest.mark.django_db
def test_staffing_is_the_latest_report_up_to_the_period_end(personas):
    a = personas.dept_a
    services_records.report_staffing(actor=System, agency=a, as_of=dt.date(2017, 6, 30), people=4)
    services_records.report_staffing(actor=System, agency=a, as_of=dt.date(2017, 12, 31), people=5, full_time=1)
    services_records.report_staffing(actor=System, agency=a, as_of=dt.date(2018, 12, 31), people=7)
    assert period_figures(agency_ids=[a.pk], **YEAR_2017).disclosure_staff == 5
    f2019 = period_figures(agency_ids=[a.pk], start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31))
    assert f2019.disclosure_staff == 7


@pytest.mark.django_db
def test_archive_quantities_must_match_the_kind(personas):
    gov = personas.government
    with pytest.raises(ValidationFailed):
        services_records.record_archive_work(actor=System, agency=gov, kind="reading", recorded_on=dt.date(2017, 1, 3),
                                             pages=5)
    with pytest.raises(ValidationFailed):
        services_records.record_archive_work(actor=System, agency=gov, kind="delivery", recorded_on=dt.date(2017, 1, 3),
                                             items=5)
    with pytest.raises(NotAllowed):
        services_records.record_archive_work(actor=personas["supervisor"], agency=gov, kind="reading",
                                             recorded_on=dt.date(2017, 1, 3), visitors=5)
    assert not ArchiveRecord.objects.exists()
    services_records.record_archive_work(actor=personas["publisher"], agency=gov, kind="delivery",
                                         recorded_on=dt.date(2017, 1, 3), items=5, recipient="区图书馆")
    assert period_figures(agency_ids=[gov.pk], **YEAR_2017).archive_items_delivered == 5


@pytest.mark.django_db
def test_import_refuses_the_whole_batch_on_one_bad_record(personas):
    gov = personas.government
    good = OutreachRecord(agency=gov, kind="press_conference", held_on=dt.date(2017, 5, 1), topic="发布会")
    bad = OutreachRecord(agency=gov, kind="press_conference", held_on=dt.date(2017, 5, 2), topic="")
    with pytest.raises(ValidationFailed, match="第 2 条"):
        services_records.import_records(actor=System, agency=gov, kind="outreach", records=[good, bad], reason="t")
    assert not OutreachRecord.objects.exists()


@pytest.mark.django_db
def test_interpretation_links_published_catalog_items(personas):
    from tests.catalog_helpers import draft, published

    item = published(personas)
    unpublished = draft(personas, title="未发布的通知")
    record = services_records.record_outreach(
        actor=personas["publisher"], agency=personas.government, kind="normative_interpretation",
        held_on=dt.date(2024, 5, 6), topic="预算公开通知解读", index_numbers=[item.index_number])
    assert list(record.items.all()) == [item]
    assert item.outreach_records.get() == record
    with pytest.raises(ValidationFailed, match="没有对应的已公开信息"):
        services_records.record_outreach(
            actor=personas["publisher"], agency=personas.government, kind="other_interpretation",
            held_on=dt.date(2024, 5, 6), topic="x", index_numbers=[item.index_number, "NO-SUCH-1"])
    assert unpublished.index_number == "" or not unpublished.outreach_records.exists()
    assert OutreachRecord.objects.count() == 1


@pytest.mark.django_db
def test_database_statistics_equal_the_pure_count(personas):
    import random

    from gongkai.calendars.official import current_calendar
    from gongkai.engagement.domain.stats import by_month, by_unit
    from gongkai.engagement.selectors import mailbox_facts, mailbox_stats
    from gongkai.engagement.services_import import MessageRow, import_messages

    rng = random.Random(7)
    rows = []
    for _ in range(120):
        received = dt.datetime(2023, rng.randint(1, 12), rng.randint(1, 28), 9, tzinfo=SH)
        replied = received + dt.timedelta(days=rng.randint(0, 15)) if rng.random() < 0.8 else None
        rows.append(MessageRow(
            agency=personas.government, department=rng.choice([None, personas.dept_a, personas.town]),
            channel=rng.choice(["web", "phone"]), category="consult", subject="s", body="b", received_at=received,
            reply="r" if replied else "", replied_at=replied,
            rating=rng.choice(["", "satisfied", "basically", "dissatisfied"]) if replied else ""))
    import_messages(actor=System, agency=personas.government, rows=rows, reason="test")
    ids = [personas.government.pk, personas.dept_a.pk, personas.town.pk]
    start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    facts = mailbox_facts(agency_ids=ids, start=start, end=end)
    between = current_calendar().working_days_between
    months = mailbox_stats(agency_ids=ids, start=start, end=end, by="month")
    for month, expected in by_month(facts, 2023, between):
        if expected.received:
            assert months[month] == expected, month
    assert mailbox_stats(agency_ids=ids, start=start, end=end, by="unit") == dict(by_unit(facts, between))
