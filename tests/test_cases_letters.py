"""Letter templates the disclosure office edits, reminders to handlers, repetition evidence, overdue CLI."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.cases import services
from gongkai.cases.domain.repetition import EarlierCase, evidence
from gongkai.cases.models import Application
from gongkai.cases.selectors import repetition_evidence
from gongkai.cases.tests.factories import walk_in
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import events_for
from gongkai.core.outbox import send_due_messages
from gongkai.core.time import local_today

D = dt.date


@pytest.mark.django_db
def test_office_template_is_used_below_it_and_unknown_placeholders_refused(personas):
    with pytest.raises(ValidationFailed, match="未知的占位符"):
        services.save_letter_template(actor=personas["publisher"], agency=personas.government, kind="correction",
                                      title="补正告知", body="{申请人}：请补正{不存在的字段}。")
    with pytest.raises(NotAllowed):
        services.save_letter_template(actor=personas["handler_a"], agency=personas.dept_a, kind="correction",
                                      title="补正告知", body="{申请人}")
    services.save_letter_template(actor=personas["publisher"], agency=personas.government, kind="correction",
                                  title="补正通知（区公开办格式）",
                                  body="{申请人}：请在{补正期限}个工作日内补正：{补正事项}。{救济途径}")
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    services.request_correction(actor=handler, app=app, items="请写明年份", period_days=5, on=D(2024, 3, 4))
    letter = app.letters.get(kind="correction")
    assert letter.title == "补正通知（区公开办格式）"
    assert letter.body.startswith("张三：请在5个工作日内补正：请写明年份。")
    # A 补正 notice is a procedural step, not separately open to 行政复议 (国办函〔2021〕132号 art. 3): no remedy.
    assert letter.body == "张三：请在5个工作日内补正：请写明年份。"


@pytest.mark.django_db
def test_handlers_are_reminded_once_per_due_date(personas, django_capture_on_commit_callbacks):
    handler = personas["handler_a"]
    handler.email = "handler@example.com"
    handler.save()
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    services.accept_application(actor=handler, app=app)
    send_due_messages()  # the receipt and the new-application notice
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_handlers(today=D(2024, 3, 6)) == 1
        assert services.remind_handlers(today=D(2024, 3, 7)) == 0
    assert send_due_messages() == 1
    assert [m.to for m in mail.outbox] == [["handler@example.com"]]
    assert "2024-03-08" in mail.outbox[0].subject and "510104" not in mail.outbox[0].body
    assert [e.action for e in events_for(app)].count("case.reminder_sent") == 1


def test_repetition_evidence_flags_but_never_decides():
    earlier = [EarlierCase(1, "GKA", D(2024, 1, 5), "申请公开2023年老旧小区改造项目清单和资金来源", True),
               EarlierCase(2, "GKB", D(2024, 2, 5), "申请公开某学校招生方案", False)]
    found = evidence("申请公开2023年老旧小区改造项目清单和资金来源情况", D(2024, 3, 1), earlier)
    assert found.repeated and not found.mass
    assert [case.case_id for case, _ in found.similar] == [1]
    many = [EarlierCase(i, f"GK{i}", D(2024, 1, 1) + dt.timedelta(days=i), f"第{i}项不同内容的申请", False)
            for i in range(12)]
    assert evidence("另一项申请内容", D(2024, 3, 1), many).mass


@pytest.mark.django_db
def test_repetition_evidence_reads_the_same_applicants_earlier_cases(personas):
    handler = personas["handler_a"]
    first = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    services.decide(actor=handler, app=first, result="disclosed", reply_type="36.2", decided_on=D(2024, 2, 6))
    second = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 5))
    found = repetition_evidence(second)
    assert found.repeated and found.similar[0][0].tracking_code == first.tracking_code
    assert Application.objects.get(pk=second.pk).state == "registered"


@pytest.mark.django_db
def test_overdue_command_lists_open_cases_past_due(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    services.accept_application(actor=handler, app=app)
    out = StringIO()
    call_command("cases", "overdue", "--agency", personas.dept_a.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(app.tracking_code) and "答复期限 2024-03-08" in lines[0]
    assert lines[-1] == "共 1 件逾期。"
    out = StringIO()
    call_command("cases", "overdue", "--agency", personas.dept_b.code, stdout=out)
    assert out.getvalue().strip() == "共 0 件逾期。"
    assert local_today() > D(2024, 3, 8)


@pytest.mark.django_db
def test_importing_a_years_notice_recomputes_open_cases(personas):
    """Through the calendar service: the recomputer registered in AppConfig.ready moves the stored date."""
    from gongkai.calendars.domain.notice import HolidayNotice
    from gongkai.calendars.domain.statutory import statutory_holidays
    from gongkai.calendars.official import current_calendar
    from gongkai.calendars.services import set_calendar_year

    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=local_today())
    app = services.accept_application(actor=handler, app=app)
    services.extend_deadline(actor=personas["approver_a"], app=app, days=20, reason="档案量大")
    app.refresh_from_db()
    due = app.reply_due_on
    calendar = current_calendar()
    assert app.due_provisional is calendar.range_is_provisional(local_today(), due)
    # The year's notice as the calendar knows it now, plus one more holiday on the due date itself.
    days = [due.replace(month=1, day=1) + dt.timedelta(days=n) for n in range(366)]
    days = [d for d in days if d.year == due.year]
    holidays = {d: "法定节假日" for d in days if d.weekday() < 5 and not calendar.status(d).working}
    workdays = {d: "调休" for d in days if d.weekday() >= 5 and calendar.status(d).working}
    # A notice names every statutory holiday of its year (《全国年节及纪念日放假办法》).
    holidays.update({d: n for d, n in statutory_holidays(due.year).items() if not calendar.status(d).working})
    holidays[due] = "测试假日"
    set_calendar_year(actor=System, notice=HolidayNotice(
        year=due.year, document_number="测试〔0000〕1号", title="测试通知", published_on=None,
        holidays=holidays, workdays=workdays))
    app.refresh_from_db()
    assert app.reply_due_on > due and not app.due_provisional
    event = events_for(app).get(action="case.deadline_recomputed")
    assert event.before["reply_due_on"] == due.isoformat()
