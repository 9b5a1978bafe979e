"""Demo step: the district's 2017 engagement year as records (the figures of the seed report come out of
counting them), plus a few 2024 records worked through the services. Idempotent: each part checks first.
"""

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.calendars.official import current_calendar
from gongkai.core.actors import Public, System
from gongkai.demo import engagement_2017 as seed
from gongkai.demo.clock import SET_UP, on
from gongkai.demo.district_2017 import DISTRICT
from gongkai.engagement import services
from gongkai.engagement.domain.mailbox import Category, Channel, Rating
from gongkai.engagement.domain.records import ArchiveKind, OutreachKind
from gongkai.engagement.models import (
    ArchiveRecord,
    Message,
    OutreachRecord,
    Periodical,
    PeriodicalIssue,
    StaffingReport,
    Training,
)
from gongkai.engagement.services_import import MessageRow, import_messages
from gongkai.engagement.services_records import create_periodical, import_records, record_training

SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "演示数据：2017年度报告所述工作"
# The year's records were entered by its end: their imports are stamped then.
ENTERED = dt.datetime(seed.YEAR, 12, 31, 18, 0, tzinfo=SHANGHAI)

TOPICS = {
    Category.CONSULT: seed.CONSULT_TOPICS, Category.SUGGESTION: seed.SUGGESTION_TOPICS,
    Category.COMPLAINT: seed.COMPLAINT_TOPICS, Category.REPORT: seed.REPORT_TOPICS,
    Category.MISDIRECTED: seed.MISDIRECTED_TOPICS,
}


def _working_days(year: int) -> list[dt.date]:
    calendar = current_calendar()
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def _spread(days: list[dt.date], n: int) -> list[dt.date]:
    return [days[i * len(days) // n] for i in range(n)]


def _within_year(replied_on: dt.date, received_on: dt.date) -> dt.date:
    # The report says every item of the year was completed within it: late-December items were answered
    # before the year closed.
    return replied_on if replied_on.year == received_on.year else received_on


def _mailbox_2017(district: Agency, units: list[Agency], rng: random.Random) -> int:
    calendar = current_calendar()
    days = _working_days(seed.YEAR)
    categories = ([Category.CONSULT] * 70 + [Category.SUGGESTION] * 8 + [Category.COMPLAINT] * 8
                  + [Category.REPORT] * 6 + [Category.MISDIRECTED] * 8)
    rated = set(rng.sample(range(seed.MAILBOX_ITEMS), seed.MAILBOX_RATED))
    ratings = ([Rating.SATISFIED] * 300 + [Rating.BASICALLY] * (seed.MAILBOX_SATISFIED - 300)
               + [Rating.DISSATISFIED] * (seed.MAILBOX_RATED - seed.MAILBOX_SATISFIED))
    rng.shuffle(ratings)
    phone = set(rng.sample(range(seed.MAILBOX_ITEMS), seed.MAILBOX_PHONE_ITEMS))
    rows, published = [], 0
    for i, day in enumerate(_spread(days, seed.MAILBOX_ITEMS)):
        category = rng.choice(categories)
        subject, body = rng.choice(TOPICS[category])
        dept = rng.choice(units)
        received = _at(day, 8 + i % 9, (i * 7) % 60)
        replied_on = _within_year(calendar.add_working_days(day, rng.choice([1, 1, 2, 2, 3, 4])).due, day)
        reply = seed.REPLY_TEMPLATES[category.value].format(dept=dept.short_name or dept.name)
        publish = category is Category.CONSULT and i % 17 == 0 and published < seed.MAILBOX_PUBLISHED
        published += publish
        rows.append(MessageRow(
            agency=district, department=dept, channel=(Channel.PHONE if i in phone else Channel.WEB).value,
            category=category.value, subject=subject, body=body, received_at=received,
            reply=reply, replied_at=_at(replied_on, 17, 40), rating=ratings.pop().value if i in rated else "",
            consent_to_publish=publish or i % 3 == 0, public_question=body if publish else "",
            public_answer=reply if publish else "",
        ))
    for i, day in enumerate(_spread(days, seed.SUGGESTION_AND_COMPLAINT_LETTERS)):
        category = Category.SUGGESTION if i % 2 else Category.COMPLAINT
        subject, body = rng.choice(TOPICS[category])
        dept = rng.choice(units)
        rows.append(MessageRow(
            agency=district, department=dept, channel=Channel.LETTER.value, category=category.value,
            subject=subject, body=body, received_at=_at(day, 10),
            reply=seed.REPLY_TEMPLATES[category.value].format(dept=dept.short_name or dept.name),
            replied_at=_at(_within_year(calendar.add_working_days(day, 5).due, day), 15),
        ))
    with on(ENTERED):
        return import_messages(actor=System, agency=district, rows=rows, reason=REASON, is_demo=True)


def _outreach_2017(district: Agency, units: list[Agency], rng: random.Random) -> int:
    days = _working_days(seed.YEAR)
    records = []

    def add(kind, agency, day, topic, form=""):
        records.append(OutreachRecord(agency=agency, kind=kind.value, held_on=day, topic=topic, form=form,
                                      is_demo=True))

    for i, day in enumerate(_spread(days, seed.CONCERN_RESPONSES)):
        topic = seed.CONCERN_TOPICS[i % len(seed.CONCERN_TOPICS)]
        add(OutreachKind.CONCERN_RESPONSE, district if i % 4 == 0 else rng.choice(units), day,
            f"关于{topic}的回应", rng.choice(["网站回应", "微博回应", "微信回应", "新闻稿"]))
    for day, topic in zip(_spread(days[20:], seed.PRESS_CONFERENCES), seed.PRESS_TOPICS, strict=True):
        add(OutreachKind.PRESS_CONFERENCE, district, day, f"{topic}新闻发布会", "新闻发布会")
    for day, topic in zip(_spread(days[30:], seed.ONLINE_INTERVIEWS), seed.INTERVIEW_TOPICS, strict=True):
        add(OutreachKind.ONLINE_INTERVIEW, rng.choice(units), day, f"“{topic}”在线访谈", "在线访谈")
    for day, topic in zip(_spread(days[40:], seed.NORMATIVE_INTERPRETATIONS), seed.NORMATIVE_TOPICS, strict=True):
        add(OutreachKind.NORMATIVE_INTERPRETATION, district, day, topic, "文字解读")
    for i, day in enumerate(_spread(days, seed.OTHER_INTERPRETATIONS)):
        topic = seed.CONCERN_TOPICS[(i * 5) % len(seed.CONCERN_TOPICS)]
        add(OutreachKind.OTHER_INTERPRETATION, rng.choice([district, *units]), day, f"{topic}政策解读",
            seed.OTHER_INTERPRETATION_FORMS[i % len(seed.OTHER_INTERPRETATION_FORMS)])
    with on(ENTERED):
        return import_records(actor=System, agency=district, kind="outreach", records=records, reason=REASON)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.randint(80, 120) for _ in range(parts)]
    shares = [total * w // sum(weights) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def _archives_2017(district: Agency, archive: Agency, rng: random.Random) -> int:
    month_ends = [dt.date(seed.YEAR, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 12)] + [
        dt.date(seed.YEAR, 12, 31)]
    records = []
    quantities = zip(_split(seed.ARCHIVE_ITEMS_APPRAISED, 12, rng), _split(seed.ARCHIVE_VOLUMES_APPRAISED, 12, rng),
                     _split(seed.ARCHIVE_VISITORS, 12, rng), _split(seed.ARCHIVE_PAGES_COPIED, 12, rng), strict=True)
    for day, (items, volumes, visitors, pages) in zip(month_ends, quantities, strict=True):
        note = f"{day.month}月合计"
        records += [
            ArchiveRecord(agency=archive, kind=ArchiveKind.APPRAISAL.value, recorded_on=day, items=items,
                          volumes=volumes, notes=note, is_demo=True),
            ArchiveRecord(agency=archive, kind=ArchiveKind.READING.value, recorded_on=day, visitors=visitors,
                          notes=note, is_demo=True),
            ArchiveRecord(agency=archive, kind=ArchiveKind.COPYING.value, recorded_on=day, pages=pages,
                          notes=note, is_demo=True),
        ]
    for quarter_end, n in ((dt.date(2017, 3, 31), 42), (dt.date(2017, 6, 30), 37), (dt.date(2017, 9, 29), 45),
                           (dt.date(2017, 12, 29), 51)):
        for recipient in ("万盛经开区档案馆", "万盛经开区图书馆"):
            records.append(ArchiveRecord(agency=district, kind=ArchiveKind.DELIVERY.value, recorded_on=quarter_end,
                                         items=n, recipient=recipient, notes="主动公开的政府信息（条例第二十五条）",
                                         is_demo=True))
    with on(ENTERED):
        return import_records(actor=System, agency=district, kind="archive", records=records, reason=REASON)


def _staffing_2017(district: Agency, units: list[Agency], rng: random.Random) -> int:
    shares = _split(seed.DISCLOSURE_STAFF, len(units), rng)
    records = [StaffingReport(agency=unit, as_of=dt.date(seed.YEAR, 12, 31), people=people,
                              full_time=1 if people > 6 else 0, is_demo=True)
               for unit, people in zip(units, shares, strict=True)]
    with on(ENTERED):
        return import_records(actor=System, agency=district, kind="staffing", records=records, reason=REASON)


def _periodical_2017(district: Agency) -> int:
    with on(SET_UP):
        periodical = Periodical.objects.filter(agency=district, title=seed.PERIODICAL).first() or create_periodical(
            actor=System, agency=district, title=seed.PERIODICAL, is_demo=True)
    issues = [PeriodicalIssue(periodical=periodical, number=f"2017年第{n}期", published_on=dt.date(2017, 2 * n, 20),
                              copies=seed.PERIODICAL_COPIES_PER_ISSUE, is_demo=True,
                              distributed_to="各镇街、村（社区）、区图书馆、政务服务大厅等服务群众窗口")
              for n in range(1, seed.PERIODICAL_ISSUES + 1)]
    with on(ENTERED):
        return import_records(actor=System, agency=district, kind="issue", records=issues, reason=REASON)


def _trainings_2017(district: Agency) -> int:
    for held_on, topic, participants, hours in seed.TRAININGS:
        with on(dt.date.fromisoformat(held_on), 17):
            record_training(actor=System, agency=district, held_on=dt.date.fromisoformat(held_on), topic=topic,
                            participants=participants, hours=Decimal(hours), is_demo=True)
    return len(seed.TRAININGS)


def _year_2024(district: Agency, units: list[Agency]) -> int:
    """A few records of a later year, worked through the same services staff use."""
    officer = get_user_model().objects.get(username="demo-publisher")
    n = 0
    samples = [
        ("2024-03-11 09:20", Category.CONSULT, "2024年义务教育招生政策", "请问今年小学一年级招生什么时候报名？",
         "satisfied"),
        ("2024-05-20 14:05", Category.SUGGESTION, "建议公开老旧小区改造计划", "希望公开今年老旧小区改造的小区名单。",
         "basically"),
        ("2024-09-02 10:40", Category.COMPLAINT, "投诉夜间施工", "某工地夜间施工影响休息。", "dissatisfied"),
        ("2024-11-04 11:00", Category.CONSULT, "医保异地就医备案", "异地就医备案怎么办理？", None),
        ("2024-11-18 16:10", Category.REPORT, "举报占道堆放建材", "某路段长期占道堆放建材。", "open"),
    ]
    for when, category, subject, body, outcome in samples:
        received = dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
        with on(received):
            message, _token = services.submit_message(
                actor=officer, agency=district, channel=Channel.PHONE.value, category=category.value,
                subject=subject, body=body, consent_to_publish=True, received_at=received, is_demo=True)
        n += 1
        if outcome == "open":
            continue
        with on(received + dt.timedelta(days=3)) as replied_at:
            services.reply_to_message(actor=officer, message=message, reply="您好！已转相关单位办理，答复如下：……",
                                      replied_at=replied_at)
        if outcome:
            with on(replied_at + dt.timedelta(days=1)):
                services.record_rating(actor=officer, message=message, rating=outcome)
    with on(dt.datetime(2024, 12, 2, 9, 30, tzinfo=SHANGHAI)) as received:
        services.submit_message(actor=Public, agency=district, channel=Channel.WEB.value,
                                category=Category.MISDIRECTED.value, subject="申请公开2024年财政预算执行情况",
                                body="请公开本区2024年上半年财政预算执行情况的报告。", received_at=received, is_demo=True)
    services_records_2024(officer, district, units)
    return n + 1


def services_records_2024(officer, district: Agency, units: list[Agency]) -> None:
    from gongkai.engagement.services_records import record_issue, record_outreach, report_staffing

    with on(dt.date(2024, 6, 18), 17):
        record_outreach(actor=officer, agency=district, kind=OutreachKind.PRESS_CONFERENCE.value,
                        held_on=dt.date(2024, 6, 18), topic="2024年上半年经济运行情况新闻发布会", form="新闻发布会",
                        is_demo=True)
    with on(dt.date(2024, 7, 9), 17):
        record_outreach(actor=officer, agency=district, kind=OutreachKind.CONCERN_RESPONSE.value,
                        held_on=dt.date(2024, 7, 9), topic="关于汛期城区内涝的回应", form="网站回应", is_demo=True)
    with on(dt.date(2024, 4, 23), 17):
        record_training(actor=officer, agency=district, held_on=dt.date(2024, 4, 23),
                        topic="新修订条例实务与年度报告（国办公开办函〔2021〕30号格式）培训", participants=71,
                        hours=Decimal("3.0"), is_demo=True)
    periodical = Periodical.objects.get(agency=district, title=seed.PERIODICAL)
    with on(dt.date(2024, 3, 15)):
        record_issue(actor=officer, periodical=periodical, number="2024年第1期", published_on=dt.date(2024, 3, 15),
                     copies=3000, distributed_to="各镇街、村（社区）、服务群众窗口", is_demo=True)
    with on(dt.date(2024, 12, 31), 16):
        for unit in units[:3]:
            report_staffing(actor=officer, agency=unit, as_of=dt.date(2024, 12, 31), people=6, full_time=1,
                            is_demo=True)


def load_step() -> str:
    district = Agency.objects.get(code=DISTRICT["code"])
    units = list(district.children.filter(is_active=True).order_by("sort_order", "id"))
    archive = Agency.objects.get(code="wsjkq-dag")
    rng = random.Random(seed.YEAR)
    in_district = {"agency__path__startswith": district.path, "is_demo": True}
    done = []
    start, end = dt.date(seed.YEAR, 1, 1), dt.date(seed.YEAR, 12, 31)
    if not Message.objects.filter(received_on__range=(start, end), **in_district).exists():
        done.append(f"来信来电 {_mailbox_2017(district, units, rng)} 件")
    if not OutreachRecord.objects.filter(held_on__range=(start, end), **in_district).exists():
        done.append(f"回应与解读 {_outreach_2017(district, units, rng)} 条")
    if not ArchiveRecord.objects.filter(recorded_on__range=(start, end), **in_district).exists():
        done.append(f"档案与查阅 {_archives_2017(district, archive, rng)} 条")
    if not StaffingReport.objects.filter(as_of__range=(start, end), **in_district).exists():
        done.append(f"工作人员情况 {_staffing_2017(district, units, rng)} 个单位")
    if not PeriodicalIssue.objects.filter(published_on__range=(start, end), periodical__agency=district).exists():
        done.append(f"《{seed.PERIODICAL}》 {_periodical_2017(district)} 期")
    if not Training.objects.filter(held_on__range=(start, end), **in_district).exists():
        done.append(f"培训 {_trainings_2017(district)} 次")
    if not Message.objects.filter(received_on__year=2024, **in_district).exists():
        done.append(f"2024年来信来电 {_year_2024(district, units)} 件及其他记录")
    return "；".join(done) if done else "已存在，未重复载入"
