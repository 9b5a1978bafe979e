"""The applicant's own page (issue 16 §1) and the notices to applicants (§2): the one-time code (hashed,
expiring, attempts counted, rate-limited, no enumeration), plain dates with 暂定, 补正 online accepted by the
officer and restarting the clock (条例 art. 30), withdrawal and its report row, the fee with how to pay, letters
and released files to download, and notices from editable templates by mail and SMS with quiet hours."""

import datetime as dt
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.calendars.domain.workdays import WorkCalendar
from gongkai.calendars.official import package_calendar
from gongkai.cases import selectors_applicant, services
from gongkai.cases.domain.results import Result
from gongkai.cases.models import AccessCode, Application, CorrectionReply
from gongkai.cases.selectors import public_status, report_applications
from gongkai.cases.selectors_applicant import applicant_page
from gongkai.cases.tests.factories import online, walk_in
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import events_for
from gongkai.core.models import OutboxMessage
from gongkai.core.time import local_today

D = dt.date
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def code_in(message) -> str:
    return re.search(r"验证码[：]?(\d{6})", message.body).group(1)


def latest(channel="mail"):
    return OutboxMessage.objects.filter(channel=channel).order_by("-id").first()


# --- the one-time code -------------------------------------------------------------------------------------------

def test_code_goes_to_the_contact_given_and_is_kept_only_hashed(personas):
    app = online(personas.dept_a)
    OutboxMessage.objects.all().delete()
    services.request_access_code(tracking_code=app.tracking_code.lower(), contact="ZhangSan@Example.com ")
    message = OutboxMessage.objects.get()
    assert message.channel == "mail" and message.recipient == "zhangsan@example.com"
    code = code_in(message)
    row = AccessCode.objects.get()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert row.expires_at - row.created_at == timedelta(minutes=10)
    assert services.verify_access_code(tracking_code=app.tracking_code, code=code).pk == app.pk
    with pytest.raises(ValidationFailed, match="验证码不正确或已失效"):       # used once
        services.verify_access_code(tracking_code=app.tracking_code, code=code)
    assert [e.action for e in events_for(app)][-2:] == ["case.applicant_code_sent", "case.applicant_signed_in"]


def test_sms_code_is_sent_to_the_mobile_number_even_in_quiet_hours(personas, settings):
    settings.GONGKAI_SMS_QUIET_HOURS = "00:00-23:59"
    app = online(personas.dept_a)
    OutboxMessage.objects.all().delete()
    services.request_access_code(tracking_code=app.tracking_code, contact="+86 138-1234-1234")
    message = OutboxMessage.objects.get()
    assert message.channel == "sms" and message.recipient == "13812341234"
    assert message.next_attempt_at <= timezone.now()


@pytest.mark.parametrize("code, contact", [
    ("OWN", "someone@example.com"),        # the right tracking code, another e-mail
    ("OWN", "13900000000"),                # another phone
    ("GK2222222222", "zhangsan@example.com"),   # no such tracking code
    ("", ""),
])
def test_nothing_is_sent_and_nothing_is_told_when_code_and_contact_do_not_match(personas, code, contact):
    app = online(personas.dept_a)
    OutboxMessage.objects.all().delete()
    assert services.request_access_code(tracking_code=app.tracking_code if code == "OWN" else code,
                                        contact=contact) is None
    assert not OutboxMessage.objects.exists() and not AccessCode.objects.exists()


def test_attempts_are_counted_and_codes_expire(personas):
    app = online(personas.dept_a)
    services.request_access_code(tracking_code=app.tracking_code, contact="zhangsan@example.com")
    code = code_in(latest())
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            services.verify_access_code(tracking_code=app.tracking_code, code=wrong)
    assert AccessCode.objects.get().attempts == 5
    with pytest.raises(ValidationFailed):          # the right code, after the tries are used up
        services.verify_access_code(tracking_code=app.tracking_code, code=code)
    services.request_access_code(tracking_code=app.tracking_code, contact="zhangsan@example.com")
    fresh = code_in(latest())
    later = timezone.now() + timedelta(minutes=11)
    with pytest.raises(ValidationFailed):
        services.verify_access_code(tracking_code=app.tracking_code, code=fresh, now=later)


def test_a_new_code_replaces_the_old_and_at_most_three_are_sent_per_hour(personas):
    app = online(personas.dept_a)
    OutboxMessage.objects.all().delete()
    for _ in range(5):
        services.request_access_code(tracking_code=app.tracking_code, contact="zhangsan@example.com")
    assert OutboxMessage.objects.count() == 3 and AccessCode.objects.count() == 3
    first, *_, last = OutboxMessage.objects.order_by("id")
    with pytest.raises(ValidationFailed):
        services.verify_access_code(tracking_code=app.tracking_code, code=code_in(first))
    services.verify_access_code(tracking_code=app.tracking_code, code=code_in(last))
    later = timezone.now() + timedelta(minutes=61)
    services.request_access_code(tracking_code=app.tracking_code, contact="zhangsan@example.com", now=later)
    assert AccessCode.objects.count() == 4


# --- plain words and 暂定 ----------------------------------------------------------------------------------------

def test_before_receipt_no_clock_is_shown_and_no_pause_is_claimed(personas):
    page = applicant_page(online(personas.dept_a).pk)
    texts = {line.label: line.text for line in page.dates}
    assert texts["收到申请之日"] == "待本机关确认收到申请；确认后开始计算答复期限"
    assert "答复期限" not in texts
    assert not any("暂停" in line.text for line in page.dates)


def test_partial_disclosure_reads_without_the_reports_counting_note(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 2, 6))
    services.decide(actor=handler, app=app, result="partial", reply_type="36.2", reasons="提供实施方案",
                    withheld_what="人员身份证号码", withheld_why="涉及个人隐私", decided_on=D(2024, 2, 20))
    page = applicant_page(app.pk)
    assert page.result == "部分公开（可以公开的部分予以提供，其余部分不予公开并说明理由）（2024年02月20日）"
    assert "只计这一情形" not in page.result
    assert "只计这一情形" not in public_status(app.tracking_code).result_label
    # 部分公开 since 2024: 复议前置 for the withheld part (行政复议法 2023 art. 23), the same text as the letter
    assert page.remedies.startswith("对本答复中不予公开的部分不服的，应当先自收到本答复书之日起六十日内")


def test_a_date_on_a_provisional_year_says_so(personas, monkeypatch):
    shipped = package_calendar()
    # 2024 as if no State Council notice had come out yet.
    calendar = WorkCalendar(holidays=shipped._holidays, makeup_workdays=shipped._makeup,
                            official_years=shipped.official_years - {2024})
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    monkeypatch.setattr(selectors_applicant, "current_calendar", lambda: calendar)
    [due] = [line for line in applicant_page(app.pk).dates if line.label == "答复期限"]
    assert due.provisional
    monkeypatch.setattr(selectors_applicant, "current_calendar", package_calendar)
    [due] = [line for line in applicant_page(app.pk).dates if line.label == "答复期限"]
    assert due.text == "本机关应于2024年03月08日前作出答复" and not due.provisional


# --- 补正 online --------------------------------------------------------------------------------------------------

def _pending_correction(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    return services.request_correction(actor=handler, app=app, items="请说明所需信息的年份", period_days=10,
                                       on=D(2024, 3, 5))


def test_correction_answered_online_and_accepted_restarts_the_clock(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = _pending_correction(personas)
    page = applicant_page(app.pk)
    assert page.correction.may_answer and page.correction.due_on == D(2024, 3, 19)
    assert {line.label: line.text for line in page.dates}["答复期限"] == "自本机关收到补正后的申请之日起重新计算"
    reply = services.submit_correction_reply(app=app, text="所需信息为2023年度的实施方案",
                                             files=[services.ReplyFile("说明.pdf", PDF, "application/pdf")])
    assert reply.files.get().name == "说明.pdf"
    with pytest.raises(ValidationFailed, match="已提交过补正"):
        services.submit_correction_reply(app=app, text="再补一次的内容")
    app.refresh_from_db()
    assert app.state == "correction_pending"          # nothing restarts until the officer accepts
    with pytest.raises(NotAllowed):
        services.accept_correction_reply(actor=personas["editor_a"], app=app)
    app = services.accept_correction_reply(actor=personas["handler_a"], app=app, received_on=D(2024, 3, 15))
    assert app.state == "accepted" and app.reply_due_on == D(2024, 4, 15)
    assert app.description.endswith("【补正】所需信息为2023年度的实施方案")
    assert applicant_page(app.pk).correction.accepted
    with pytest.raises(ValidationFailed, match="已经受理"):
        services.accept_correction_reply(actor=personas["handler_a"], app=app)


def test_an_online_answer_in_time_is_not_lapsed_while_it_waits_for_the_officer(personas):
    answered, silent = _pending_correction(personas), _pending_correction(personas)
    late = _pending_correction(personas)
    for app, sent_on in ((answered, D(2024, 3, 15)), (late, D(2024, 3, 20))):
        reply = services.submit_correction_reply(app=app, text="所需信息为2023年度的实施方案")
        CorrectionReply.objects.filter(pk=reply.pk).update(submitted_on=sent_on)   # as if sent on that day
    assert services.lapse_windows(today=D(2024, 3, 25)) == 2      # the 补正 period ended on 2024-03-19
    assert Application.objects.get(pk=answered.pk).state == "correction_pending"
    assert Application.objects.get(pk=silent.pk).state == "abandoned"
    assert Application.objects.get(pk=late.pk).state == "abandoned"


@pytest.mark.parametrize("text, files, message", [
    ("短", [], "至少5个字"),
    ("x" * 3001, [], "不能超过3000字"),
    ("所需信息为2023年度", [("a.html", b"<html>", "text/html")], "格式不支持"),
])
def test_bad_correction_answers_are_refused_with_nothing_kept(personas, text, files, message):
    app = _pending_correction(personas)
    with pytest.raises(ValidationFailed, match=message):
        services.submit_correction_reply(app=app, text=text, files=[services.ReplyFile(*f) for f in files])
    assert not hasattr(Application.objects.get(pk=app.pk).correction, "reply")


def test_no_correction_answer_when_none_was_asked(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 3, 1))
    with pytest.raises(ValidationFailed, match="不需要补正"):
        services.submit_correction_reply(app=app, text="所需信息为2023年度")


# --- withdrawal ----------------------------------------------------------------------------------------------------

def test_withdrawal_by_the_applicant_stops_the_clock_and_counts_under_other(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 3, 1))
    with pytest.raises(ValidationFailed, match="请勾选确认撤回"):
        services.withdraw_by_applicant(app=app, reason="已经找到")
    decision = services.withdraw_by_applicant(app=app, reason="已在网站上找到", confirmed=True)
    app.refresh_from_db()
    assert app.state == "withdrawn" and decision.result == "other" and app.closed_on == local_today()
    event = events_for(app).get(action="case.withdrawn")
    assert event.actor is None and event.payload["source"] == "applicant"
    assert app.letters.order_by("-id").first().kind == "withdrawal"
    page = applicant_page(app.pk)
    assert not page.may_withdraw and page.result.startswith("您已于") and len(page.dates) == 2   # no deadline
    [fact] = [f for f in report_applications(agency_ids=[personas.dept_a.pk], year=2024) if f.case_id == app.pk]
    assert fact.result == Result.OTHER and fact.concluded_on == local_today()
    with pytest.raises(ValidationFailed, match="已经办结"):
        services.withdraw_by_applicant(app=app, confirmed=True)


# --- fee and how to pay --------------------------------------------------------------------------------------------

def _fee_case(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 3, 1))
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    services.issue_fee_notice(actor=handler, app=app, method="per_volume", pages=250, on=D(2024, 3, 4))
    app.refresh_from_db()
    return app


def test_fee_notice_lists_how_to_pay_from_the_nearest_agency(personas):
    with pytest.raises(NotAllowed):
        services.save_fee_payment_details(actor=personas["handler_a"], agency=personas.government,
                                          collecting_unit="测试区财政局", method="非税平台")
    with pytest.raises(ValidationFailed, match="执收单位和缴费方式"):
        services.save_fee_payment_details(actor=personas["admin"], agency=personas.government, collecting_unit="")
    services.save_fee_payment_details(actor=personas["admin"], agency=personas.government,
                                      collecting_unit="测试区人民政府办公室", method="通过某某省非税收入统一缴款平台缴纳",
                                      payment_code="500110001", payment_url="https://pay.example.gov.cn/")
    app = _fee_case(personas)
    letter = app.letters.get(kind="fee")
    assert "按以下方式缴纳：\n执收单位：测试区人民政府办公室\n缴费方式：通过某某省非税收入统一缴款平台缴纳\n" in letter.body
    assert "非税缴款码（执收单位编码）：500110001" in letter.body and "按本通知所列方式" not in letter.body
    fee = applicant_page(app.pk).fee
    assert fee.amount == "4700.00" and fee.due_on == D(2024, 4, 1) and fee.state.startswith("待缴纳")
    assert fee.payment_url == "https://pay.example.gov.cn/"
    services.record_payment(actor=personas["handler_a"], app=app, paid_on=D(2024, 3, 8), receipt_number="NO123",
                            amount="4700")
    assert applicant_page(app.pk).fee.state == "已于2024年03月08日缴纳 4700.00 元（财政票据号码 NO123）"


def test_without_payment_details_the_letter_says_whom_to_ask(personas):
    letter = _fee_case(personas).letters.get(kind="fee")
    assert "缴费方式请与本机关政府信息公开工作机构联系确认。" in letter.body


# --- letters and released files ---------------------------------------------------------------------------------------

def test_letters_for_the_applicant_exclude_consultation_letters(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 3, 1))
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    services.start_consultation(actor=handler, app=app, kind="third_party", party="某某公司", sent_on=D(2024, 3, 4))
    kinds = [letter.kind for letter in applicant_page(app.pk).letters]
    assert kinds == ["receipt", "acceptance"]
    consultation = app.letters.get(kind="consultation")
    assert selectors_applicant.applicant_letter(app.pk, consultation.pk) is None


def test_released_files_only_after_a_decision(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    with pytest.raises(ValidationFailed, match="作出答复后"):
        services.release_file(actor=handler, app=app, name="方案.pdf", content=PDF, content_type="application/pdf")
    app = services.accept_application(actor=handler, app=app, on=D(2024, 3, 1))
    services.decide(actor=handler, app=app, result="disclosed", reply_type="36.2", decided_on=D(2024, 3, 10))
    upload = SimpleUploadedFile("方案.pdf", PDF, content_type="application/pdf")
    released = services.release_file(actor=handler, app=app, name=upload.name, content=upload,
                                     content_type="application/pdf")
    assert released.sha256 == __import__("hashlib").sha256(PDF).hexdigest()
    assert [f.name for f in applicant_page(app.pk).files] == ["方案.pdf"]
    other = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    assert selectors_applicant.applicant_file(other.pk, released.pk) is None


# --- notices from templates ----------------------------------------------------------------------------------------

def test_each_event_notifies_by_mail_and_sms_from_the_built_in_wording(personas, settings):
    settings.GONGKAI_SMS_QUIET_HOURS = ""
    handler, approver = personas["handler_a"], personas["approver_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 2, 6))
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    services.extend_deadline(actor=approver, app=app, days=10, reason="档案检索", notice_on=D(2024, 3, 1))
    app.refresh_from_db()
    services.decide(actor=handler, app=app, result="disclosed", reply_type="36.2", decided_on=D(2024, 3, 10))
    mails = list(OutboxMessage.objects.filter(channel="mail").order_by("id"))
    sms = list(OutboxMessage.objects.filter(channel="sms").order_by("id"))
    assert [m.subject for m in mails] == [
        f"【政府信息公开】申请 {app.tracking_code}：已收到",
        f"【政府信息公开】申请 {app.tracking_code}：政府信息公开申请受理通知书",
        f"【政府信息公开】申请 {app.tracking_code}：答复期限延长",
        f"【政府信息公开】申请 {app.tracking_code}：已作出答复",
    ]
    assert "2024年03月08日前作出答复" in mails[0].body
    assert "将于2024年03月22日前作出答复" in mails[2].body
    assert "作出答复：予以公开。" in mails[3].body
    assert len(sms) == 4 and all(m.recipient == "13812341234" for m in sms)
    assert sms[2].body == f"【测试区财政局】您的申请（{app.tracking_code}）答复期限延长至2024年03月22日。"
    for message in mails + sms:          # never the applicant's name or identifiers
        assert "张三" not in message.body and "510104" not in message.body


def test_an_office_template_wins_for_its_departments_and_each_save_is_a_version(personas, settings):
    settings.GONGKAI_SMS_QUIET_HOURS = ""
    admin = personas["admin"]
    with pytest.raises(ValidationFailed, match="未知的占位符"):
        services.save_notice_template(actor=admin, agency=personas.government, event="correction_requested",
                                      channel="sms", body="请补正{姓名}")
    with pytest.raises(ValidationFailed, match="不能超过300字"):
        services.save_notice_template(actor=admin, agency=personas.government, event="correction_requested",
                                      channel="sms", body="补" * 301)
    services.save_notice_template(actor=admin, agency=personas.government, event="correction_requested",
                                  channel="sms", body="【测试区】申请{查询码}请于{补正期限}前补正。")
    services.save_notice_template(actor=admin, agency=personas.government, event="correction_requested",
                                  channel="sms", body="【测试区政务公开】申请{查询码}请于{补正期限}前补正。")
    app = _pending_correction(personas)
    message = latest("sms")
    assert message.body == f"【测试区政务公开】申请{app.tracking_code}请于2024年03月19日前补正。"
    saves = events_for(personas.government).filter(action="case.notice_template_saved").order_by("id")
    assert [e.before for e in saves] == [None, {"subject": "", "body": "【测试区】申请{查询码}请于{补正期限}前补正。"}]


def test_an_sms_notice_in_quiet_hours_waits_for_their_end(personas, settings):
    now = timezone.localtime()
    start, end = (now - timedelta(hours=1)).strftime("%H:%M"), (now + timedelta(hours=1)).strftime("%H:%M")
    settings.GONGKAI_SMS_QUIET_HOURS = f"{start}-{end}"
    _pending_correction(personas)
    sms, mail = latest("sms"), latest("mail")
    assert sms.next_attempt_at > timezone.now() + timedelta(minutes=58)
    assert timezone.localtime(sms.next_attempt_at).strftime("%H:%M") == end
    assert mail.next_attempt_at <= timezone.now()   # mail is not held back


def test_a_landline_gets_no_sms(personas):
    OutboxMessage.objects.all().delete()
    walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 3, 1), phone="023-4826 1234")
    assert not OutboxMessage.objects.filter(channel="sms").exists()
