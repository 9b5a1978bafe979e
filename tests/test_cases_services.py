"""Services of the cases area: each step one event; impossible steps refused with nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.cases import services
from gongkai.cases.domain.results import Result
from gongkai.cases.models import Application, Decision, Fee
from gongkai.cases.selectors import report_applications
from gongkai.cases.tests.factories import online, resident_id, walk_in
from gongkai.core.actors import System
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.events import events_for
from gongkai.core.outbox import send_due_messages
from gongkai.core.time import local_today

D = dt.date
pytestmark = pytest.mark.django_db


def actions(app):
    return [e.action for e in events_for(app)]


def test_online_application_gets_a_tracking_code_and_waits_for_confirmation(personas):
    app = online(personas.dept_a)
    assert app.tracking_code.startswith("GK") and len(app.tracking_code) == 12
    assert app.state == "registered" and app.received_on is None and app.reply_due_on is None
    assert actions(app) == ["case.registered"]
    assert app.letters.get().kind == "receipt"
    today = local_today()
    app = services.confirm_receipt(actor=personas["handler_a"], app=app, confirmed_on=today)
    assert app.received_on == today and app.reply_due_on is not None
    assert actions(app)[-1] == "case.receipt_confirmed"


def test_walk_in_is_received_the_same_day(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 2, 5))
    assert app.received_on == D(2024, 2, 5)
    assert app.reply_due_on == D(2024, 3, 8)


def test_correction_restarts_the_clock_and_is_notified_once(personas, django_capture_on_commit_callbacks):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        app = services.request_correction(actor=handler, app=app, items="请说明所需信息的年份", period_days=10,
                                          on=D(2024, 3, 5))
    assert app.state == "correction_pending" and app.reply_due_on is None
    assert app.correction_due_on == D(2024, 3, 19)
    send_due_messages()
    assert mail.outbox[-1].to == ["zhangsan@example.com"]
    with pytest.raises(InvalidTransition, match="待补正"):
        services.accept_application(actor=handler, app=app)
    app = services.receive_correction(actor=handler, app=app, received_on=D(2024, 3, 15),
                                      corrected_description="请公开2023年老旧小区改造项目实施方案")
    assert app.state == "accepted" and app.reply_due_on == D(2024, 4, 15)
    assert app.description == "请公开2023年老旧小区改造项目实施方案"
    # 一次性告知: a second correction is refused even after a transfer back to registered-like states.
    with pytest.raises(InvalidTransition):
        services.request_correction(actor=handler, app=app, items="再补正", period_days=5)


def test_full_path_to_a_partial_disclosure(personas):
    handler, approver = personas["handler_a"], personas["approver_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 2, 6))
    app = services.assign_handler(actor=handler, app=app, handler=handler, section="综合科")
    services.extend_deadline(actor=approver, app=app, days=20, reason="涉及多个年度档案检索", notice_on=D(2024, 3, 1))
    app.refresh_from_db()
    assert app.reply_due_on == D(2024, 4, 8)
    assert app.extension.approved_by == approver
    with pytest.raises(ValidationFailed, match="部分公开须写明"):
        services.decide(actor=handler, app=app, result="partial", reply_type="36.2", reasons="提供方案",
                        decided_on=D(2024, 3, 20))
    assert not Decision.objects.exists()
    services.decide(actor=handler, app=app, result="partial", reply_type="36.2", reasons="提供实施方案",
                    withheld_what="施工单位人员身份证号码", withheld_why="涉及个人隐私（《条例》第十五条）",
                    decided_on=D(2024, 3, 20))
    app.refresh_from_db()
    assert app.state == "decided" and app.decision.result == Result.PARTIAL
    letter = app.letters.get(kind="decision")
    assert "施工单位人员身份证号码" in letter.body and "六十日内" in letter.body and "六个月内" in letter.body
    with pytest.raises(InvalidTransition, match="已作出答复"):
        services.decide(actor=handler, app=app, result="disclosed", reply_type="36.2", decided_on=D(2024, 3, 21))
    sent = timezone.make_aware(dt.datetime(2024, 4, 9, 9, 30))   # after the due date of 2024-04-08
    app = services.deliver(actor=handler, app=app, method="electronic", sent_at=sent)
    assert (app.delivered_on, app.delivery_method) == (D(2024, 4, 9), "电子送达")
    app = services.close_case(actor=handler, app=app)
    assert app.state == "closed"
    # One event per step; each names the letter it issued.
    assert actions(app) == ["case.registered", "case.accepted", "case.assigned", "case.extended", "case.decided",
                            "case.delivered", "case.closed"]
    decided = events_for(app).get(action="case.decided")
    assert decided.payload["letter"]["number"] == letter.number
    facts = report_applications(agency_ids=[personas.dept_a.pk], year=2024)
    assert [(f.result, f.concluded_on) for f in facts] == [(Result.PARTIAL, D(2024, 3, 20))]
    # Decided in time, but sent a day after the due date: timeliness is judged at the delivery's time point.
    assert (facts[0].answered_on, facts[0].late) == (D(2024, 4, 9), True)
    delivered = events_for(app).get(action="case.delivered")
    assert delivered.payload["late"] is True and delivered.payload["time_point"] == "2024-04-09"


def test_extension_needs_the_approver(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    app = services.accept_application(actor=handler, app=app)
    with pytest.raises(NotAllowed):
        services.extend_deadline(actor=handler, app=app, days=10, reason="x")
    with pytest.raises(ValidationFailed, match="1 至 20"):
        services.extend_deadline(actor=personas["approver_a"], app=app, days=21, reason="x")
    app.refresh_from_db()
    assert app.reply_due_on == D(2024, 3, 8)


def test_staff_of_another_department_cannot_register_or_handle(personas):
    with pytest.raises(NotAllowed):
        walk_in(personas["editor_b"], personas.dept_a, arrived_on=D(2024, 2, 5))
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 2, 5))
    with pytest.raises(NotAllowed):
        services.accept_application(actor=personas["supervisor"], app=app)
    assert Application.objects.get(pk=app.pk).state == "registered"


def test_invalid_intake_is_refused_with_nothing_saved(personas):
    with pytest.raises(ValidationFailed, match="校验位"):
        valid = resident_id()
        online(personas.dept_a, id_number=valid[:-1] + ("1" if valid[-1] != "1" else "2"))
    with pytest.raises(ValidationFailed, match="联系人"):
        online(personas.dept_a, applicant_type="commercial", id_type="uscc", id_number=personas.dept_a.uscc or "x")
    assert not Application.objects.exists()


def test_two_fee_methods_on_one_application_are_refused(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 6, 3))
    app = services.accept_application(actor=handler, app=app)
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    fee = services.issue_fee_notice(actor=handler, app=app, method="per_volume", pages=250, on=D(2024, 6, 7))
    assert fee.amount == Decimal("4700.00") and fee.payment_due_on == D(2024, 7, 8)
    app.refresh_from_db()
    assert app.state == "fee_pending" and app.reply_due_on is None
    with pytest.raises(ValidationFailed, match="只能采用一种计收方式"):
        services.issue_fee_notice(actor=handler, app=app, method="per_piece")
    assert Fee.objects.count() == 1
    services.record_payment(actor=handler, app=app, paid_on=D(2024, 6, 21), receipt_number="渝财票0001",
                            amount="4700")
    app.refresh_from_db()
    assert app.state == "in_progress" and app.reply_due_on == D(2024, 7, 15)


def test_per_piece_fee_counts_the_applicants_month(personas):
    handler = personas["handler_a"]
    apps = [walk_in(handler, personas.dept_a, arrived_on=D(2024, 5, 6), description=f"申请公开第{i}项信息内容")
            for i in range(10)]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 5, 7), description="申请公开第十一项信息内容")
    app = services.accept_application(actor=handler, app=app)
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    fee = services.issue_fee_notice(actor=handler, app=app, method="per_piece", on=D(2024, 5, 8))
    assert (fee.first_piece, fee.amount) == (11, Decimal("100.00"))
    with pytest.raises(ValidationFailed, match="0 元"):
        services.accept_application(actor=handler, app=apps[0])
        services.assign_handler(actor=handler, app=apps[0], handler=handler)
        services.issue_fee_notice(actor=handler, app=apps[0], method="per_piece", on=D(2024, 5, 8))


def test_timed_job_closes_lapsed_windows_once(personas):
    handler = personas["handler_a"]
    stale = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    services.request_correction(actor=handler, app=stale, items="请说明年份", period_days=5, on=D(2024, 3, 4))
    unpaid = walk_in(handler, personas.dept_a, arrived_on=D(2024, 6, 3), id_number=resident_id("51010419850505001"))
    unpaid = services.accept_application(actor=handler, app=unpaid)
    unpaid = services.assign_handler(actor=handler, app=unpaid, handler=handler)
    services.issue_fee_notice(actor=handler, app=unpaid, method="per_volume", pages=40, on=D(2024, 6, 7))
    assert services.lapse_windows(today=D(2024, 7, 9)) == 2
    assert services.lapse_windows(today=D(2024, 7, 9)) == 0
    assert services.lapse_windows() == 0
    for app, result in ((stale, Result.OTHER_NO_CORRECTION), (unpaid, Result.OTHER_UNPAID_FEE)):
        app.refresh_from_db()
        assert app.state == "abandoned" and app.decision.result == result
        assert actions(app).count("case.abandoned") == 1
    unpaid.refresh_from_db()
    assert unpaid.decision.decided_on == D(2024, 7, 9) and unpaid.fee.lapsed_on == D(2024, 7, 9)


def test_withdrawal_is_counted_as_other(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    services.withdraw(actor=handler, app=app, reason="申请人来电撤回", on=D(2024, 2, 7))
    app.refresh_from_db()
    assert app.state == "withdrawn" and app.decision.result == Result.OTHER
    with pytest.raises(InvalidTransition, match="已撤回"):
        services.withdraw(actor=handler, app=app)


def test_transfer_moves_the_case_with_a_reason(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    with pytest.raises(ValidationFailed, match="理由"):
        services.transfer_application(actor=handler, app=app, to_agency=personas.dept_b, reason=" ")
    app = services.transfer_application(actor=handler, app=app, to_agency=personas.dept_b, reason="属于教育局职责")
    assert app.agency == personas.dept_b and app.state == "accepted"
    assert app.reply_due_on == D(2024, 3, 8)


def test_calendar_change_recomputes_open_cases(personas):
    from gongkai.calendars.domain.workdays import WorkCalendar
    from gongkai.calendars.official import build_calendar
    from gongkai.cases.services import recompute_open_deadlines

    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 2, 5))
    base = build_calendar()
    holidays = {d: base.status(d).reason for d in (D(2024, 2, 19),)}
    changed = WorkCalendar(holidays={**{d: "春节" for d in [D(2024, 2, x) for x in range(10, 18)]}, **holidays},
                           makeup_workdays={D(2024, 2, 4): "春节", D(2024, 2, 18): "春节"},
                           official_years=base.official_years)
    assert recompute_open_deadlines(calendar=changed, changed_years={2024}, actor=System) == 1
    app.refresh_from_db()
    assert app.reply_due_on == D(2024, 3, 11)
    assert actions(app)[-1] == "case.deadline_recomputed"
    assert recompute_open_deadlines(calendar=changed, changed_years={2024}, actor=System) == 0


def test_already_disclosed_links_published_catalog_items(personas):
    from gongkai.catalog.models import Item

    handler = personas["handler_a"]
    item = Item.objects.create(agency=personas.dept_a, title="2024年部门预算", status="published",
                               index_number="MA0000902/2024-00001", published_on=D(2024, 1, 20))
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    with pytest.raises(ValidationFailed, match="MA0000902/2024-09999"):
        services.decide(actor=handler, app=app, result="disclosed", reply_type="36.1",
                        catalog_index_numbers="MA0000902/2024-09999", decided_on=D(2024, 2, 6))
    assert not Decision.objects.exists()
    decision = services.decide(actor=handler, app=app, result="disclosed", reply_type="36.1",
                               catalog_index_numbers="MA0000902/2024-00001", decided_on=D(2024, 2, 6))
    assert list(decision.catalog_items.all()) == [item]
    assert "MA0000902/2024-00001" in app.letters.get(kind="decision").body
