"""The applicant's page over HTTP: the same answer for a right and a wrong tracking code, the code step, the page
with its letters and downloads, 补正 with upload checks, withdrawal, bad input and odd URLs; the officer's side
(accepting the online 补正, releasing a file, the notice and payment settings page)."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import services
from gongkai.cases.models import Application
from gongkai.cases.tests.factories import online, walk_in
from gongkai.core.models import OutboxMessage

D = dt.date
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def open_page(client, app, contact="zhangsan@example.com"):
    client.post("/apply/mine/", {"tracking_code": app.tracking_code, "contact": contact})
    code = re.search(r"验证码[：]?(\d{6})", OutboxMessage.objects.order_by("-id").first().body).group(1)
    return client.post("/apply/mine/verify/", {"code": code})


def test_right_and_wrong_tracking_codes_get_the_same_answer(client, personas):
    app = online(personas.dept_a)
    answers = []
    for code, contact in [(app.tracking_code, "zhangsan@example.com"), ("GK2222222222", "zhangsan@example.com"),
                          (app.tracking_code, "other@example.com")]:
        response = client.post("/apply/mine/", {"tracking_code": code, "contact": contact})
        assert response.status_code == 302 and response["Location"] == "/apply/mine/verify/"
        page = client.get("/apply/mine/verify/")
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode().replace(code, "CODE")))
    assert answers[0] == answers[1] == answers[2]


def test_the_code_opens_the_page_and_the_session_holds_it(client, personas):
    assert client.get("/apply/mine/case/")["Location"] == "/apply/mine/"
    assert client.get("/apply/mine/verify/")["Location"] == "/apply/mine/"
    app = online(personas.dept_a)
    client.post("/apply/mine/", {"tracking_code": app.tracking_code, "contact": "zhangsan@example.com"})
    bad = client.post("/apply/mine/verify/", {"code": "12ab"})
    assert bad.status_code == 400 and "验证码为6位数字" in bad.content.decode()
    wrong = client.post("/apply/mine/verify/", {"code": "000000"})
    assert wrong.status_code == 400 and "验证码不正确或已失效" in wrong.content.decode()
    response = open_page(client, app)
    assert response["Location"] == "/apply/mine/case/"
    page = client.get("/apply/mine/case/")
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert app.tracking_code in body and "待本机关确认收到申请" in body and "暂停计算" not in body
    assert "张三" not in body and "510104" not in body
    client.post("/apply/mine/leave/")
    assert client.get("/apply/mine/case/")["Location"] == "/apply/mine/"


def test_letters_download_as_pdf_and_others_cases_are_not_found(client, personas):
    app = online(personas.dept_a)
    other = online(personas.dept_a)
    open_page(client, app)
    letter = app.letters.get()
    response = client.get(f"/apply/mine/letters/{letter.pk}.pdf")
    assert response.status_code == 200 and b"".join(response.streaming_content if response.streaming else
                                                    [response.content]).startswith(b"%PDF")
    assert client.get(f"/apply/mine/letters/{other.letters.get().pk}.pdf").status_code == 404
    assert client.get("/apply/mine/letters/99999999999999999999.pdf").status_code == 404
    assert client.get("/apply/mine/files/1/").status_code == 404


def test_correction_online_with_upload_checks_then_accepted_by_the_officer(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    services.request_correction(actor=handler, app=app, items="请说明年份", period_days=10, on=D(2024, 3, 5))
    open_page(client, app)
    html = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    refused = client.post("/apply/mine/correction/", {"text": "所需信息为2023年度", "file1": html})
    assert refused.status_code == 400 and "只接受 PDF、JPG 或 PNG" in refused.content.decode()
    short = client.post("/apply/mine/correction/", {"text": "短"})
    assert short.status_code == 400 and "至少5个字" in short.content.decode()
    good = SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf")
    response = client.post("/apply/mine/correction/", {"text": "所需信息为2023年度实施方案", "file1": good})
    assert response.status_code == 302
    page = client.get("/apply/mine/case/").content.decode()
    assert "补正已提交" in page and "等待受理机关受理" in page

    client.force_login(handler)
    detail = client.get(f"/staff/cases/{app.pk}/").content.decode()
    assert "所需信息为2023年度实施方案" in detail and 'id="accept-reply"' in detail
    response = client.post(f"/staff/cases/{app.pk}/online-correction/", {"received_on": "2024-03-15"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == "accepted" and app.reply_due_on == D(2024, 4, 15)
    bad = client.post(f"/staff/cases/{app.pk}/online-correction/", {"received_on": "not-a-date"})
    assert bad.status_code == 302


def test_withdrawal_needs_the_tick_and_then_ends_the_case(client, personas):
    app = online(personas.dept_a)
    open_page(client, app)
    refused = client.post("/apply/mine/withdraw/", {"reason": "不需要了"})
    assert refused.status_code == 400 and "请勾选确认撤回" in refused.content.decode()
    assert client.post("/apply/mine/withdraw/", {"confirm": "on", "reason": "不需要了"}).status_code == 302
    page = client.get("/apply/mine/case/").content.decode()
    assert "申请已撤回" in page and "撤回政府信息公开申请确认书" in page and "撤回申请</button>" not in page
    assert Application.objects.get(pk=app.pk).state == "withdrawn"
    again = client.post("/apply/mine/withdraw/", {"confirm": "on"})
    assert again.status_code == 400 and "已经办结" in again.content.decode()


def test_code_requests_from_one_address_are_limited(client, personas):
    for _ in range(10):
        assert client.post("/apply/mine/", {"tracking_code": "GK2222222222", "contact": "a@b.cn"}).status_code == 302
    response = client.post("/apply/mine/", {"tracking_code": "GK2222222222", "contact": "a@b.cn"})
    assert response.status_code == 429 and "Retry-After" in response


def test_bad_input_on_the_first_step(client):
    response = client.post("/apply/mine/", {"tracking_code": "x" * 40, "contact": ""})
    assert response.status_code == 400
    assert client.post("/apply/mine/case/").status_code in {302, 405}
    assert client.get("/apply/mine/withdraw/").status_code == 405


def test_officer_releases_a_file_and_the_applicant_downloads_it(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    app = services.accept_application(actor=handler, app=app, on=D(2024, 3, 1))
    services.decide(actor=handler, app=app, result="disclosed", reply_type="36.2", decided_on=D(2024, 3, 10))
    client.force_login(handler)
    upload = SimpleUploadedFile("实施方案.pdf", PDF, content_type="application/pdf")
    assert client.post(f"/staff/cases/{app.pk}/release/", {"file": upload}).status_code == 302
    assert client.post(f"/staff/cases/{app.pk}/release/", {}).status_code == 302   # told, nothing kept
    assert app.released_files.count() == 1
    client.logout()
    open_page(client, app)
    released = app.released_files.get()
    response = client.get(f"/apply/mine/files/{released.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_notice_and_payment_settings_page(client, personas):
    client.force_login(personas["handler_a"])
    assert client.get("/staff/cases/notices/").status_code == 403
    client.force_login(personas["admin"])
    page = client.get("/staff/cases/notices/?event=nonsense&channel=fax")
    assert page.status_code == 200 and "收到您的政府信息公开申请" in page.content.decode()
    bad = client.post("/staff/cases/notices/?agency=gov", {"form": "notice", "agency": "gov", "event": "decided",
                                                            "channel": "sms", "body": "{不存在}"})
    assert bad.status_code == 400 and "未知的占位符" in bad.content.decode()
    ok = client.post("/staff/cases/notices/", {"form": "notice", "agency": "gov", "event": "decided",
                                               "channel": "sms", "body": "【测试区】{查询码}已答复"})
    assert ok.status_code == 302
    history = client.get("/staff/cases/notices/?agency=gov").content.decode()
    assert "修改通知模板：作出答复（短信）" in history
    bad = client.post("/staff/cases/notices/", {"form": "payment", "agency": "gov", "collecting_unit": "办公室",
                                                "method": "非税平台", "payment_url": "http://insecure"})
    assert bad.status_code == 400 and "https://" in bad.content.decode()
    ok = client.post("/staff/cases/notices/", {"form": "payment", "agency": "gov", "collecting_unit": "办公室",
                                               "method": "非税平台", "payment_code": "5001"})
    assert ok.status_code == 302
    dept = client.get("/staff/cases/notices/?agency=dept-a").content.decode()
    assert "当前显示的是上级机关的设置" in dept


def test_an_oversized_correction_upload_is_refused_before_it_is_read(client, personas, settings):
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES = 1024
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 3, 1))
    services.request_correction(actor=handler, app=app, items="请说明年份", period_days=10, on=D(2024, 3, 5))
    open_page(client, app)
    skipped = SimpleUploadedFile("big.pdf", PDF + b"0" * 200_000, content_type="application/pdf")
    response = client.post("/apply/mine/correction/", {"text": "所需信息为2023年度实施方案", "file1": skipped})
    assert response.status_code == 400 and "附件合计不能超过" in response.content.decode()   # skipped as it came in
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 1_200_000, content_type="application/pdf")
    response = client.post("/apply/mine/correction/", {"text": "所需信息为2023年度实施方案", "file1": big})
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()     # refused unread
    assert not hasattr(Application.objects.get(pk=app.pk).correction, "reply")


def test_the_page_reads_in_english(client, personas):
    app = online(personas.dept_a)
    client.post("/language/", {"language": "en", "next": "/apply/mine/"})
    start = client.get("/apply/mine/").content.decode()
    assert "Send me a code" in start and "My application" in start
    open_page(client, app)
    page = client.get("/apply/mine/case/").content.decode()
    assert "Where it stands" in page and "Withdraw the request" in page
