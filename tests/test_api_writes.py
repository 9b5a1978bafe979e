"""Writes by token go through the areas' services: the catalog workflow with its screening, intake of
applications from other systems with their receipt date, the mailbox; the changes feed and report check."""

import datetime as dt
import json
from pathlib import Path

import pytest

from gongkai.core.models import Event
from gongkai.core.time import local_today
from tests.api_helpers import call, token_for

FIXTURES = Path(__file__).resolve().parents[1] / "src/gongkai/reports/tests/fixtures"
ITEM = {"agency": "dept-a", "title": "关于2025年春季植树活动的通知", "summary": "植树。", "body": "<p>请按时参加。</p>",
        "doc_number": "测财〔2025〕3号", "written_on": "2025-03-01"}
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "张三", "id_type": "passport",
             "id_number": "E12345678", "description": "2024年本区财政预算执行情况的报告", "provision_form": "electronic",
             "delivery": "email", "email": "zhangsan@example.cn"}


@pytest.mark.django_db
def test_an_item_goes_through_the_workflow_and_the_changes_feed(client, personas):
    editor = token_for(personas.dept_a, "item.edit", "item.submit", name="部门系统")
    reviewer = token_for(personas.dept_a, "item.review")
    secrecy = token_for(personas.dept_a, "item.secrecy_review")
    publisher = token_for(personas.government, "item.publish", "item.withdraw", name="公开办系统")
    start = call(client, "get", "/changes").json()
    assert start["changes"] == [] and start["next_cursor"] == ""
    item = call(client, "post", "/items", editor, ITEM).json()
    assert (item["status"], item["doc_number"], item["written_on"]) == ("draft", "测财〔2025〕3号", "2025-03-01")
    corrected = call(client, "patch", f"/items/{item['id']}", editor, {"summary": "春季植树。"})
    assert corrected.json()["summary"] == "春季植树。" and corrected.json()["revision"] == 2
    assert call(client, "post", f"/items/{item['id']}/review", reviewer, {}).status_code == 409   # not submitted
    assert call(client, "post", f"/items/{item['id']}/submit", editor).json()["status"] == "submitted"
    assert call(client, "post", f"/items/{item['id']}/review", editor, {}).status_code == 403
    assert call(client, "post", f"/items/{item['id']}/review", reviewer, {"comment": "同意"}).status_code == 200
    assert call(client, "post", f"/items/{item['id']}/secrecy-review", secrecy, {}).status_code == 200
    done = call(client, "post", f"/items/{item['id']}/publish", publisher, {"published_on": "2025-03-05"}).json()
    assert done["status"] == "published" and done["index_number"].endswith("/2025-00001")
    feed = call(client, "get", "/changes?agency=gov").json()
    assert [(c["change"], c["item"]["id"]) for c in feed["changes"]] == [("published", item["id"])]
    assert feed["changes"][0]["item"]["published_on"] == "2025-03-05"
    assert call(client, "get", f"/changes?cursor={feed['next_cursor']}").json()["changes"] == []
    listed = call(client, "get", "/items?agency=gov&doc_number=测财〔2025〕3号").json()["items"]
    assert [i["index_number"] for i in listed] == [done["index_number"]]
    assert call(client, "post", f"/items/{item['id']}/withdraw", publisher, {"reason": "内容有误"}).status_code == 200
    later = call(client, "get", f"/changes?cursor={feed['next_cursor']}").json()
    assert [(c["change"], c["item"]["id"]) for c in later["changes"]] == [("withdrawn", item["id"])]
    assert call(client, "get", "/items?agency=gov").json()["items"] == []
    labels = set(Event.objects.filter(object_id=str(item["id"]), content_type__model="item")
                 .values_list("actor_label", flat=True))
    assert len(labels) == 4 and all(label.startswith("接口令牌 ") for label in labels)


@pytest.mark.django_db
def test_publishing_keeps_the_screening_of_the_back_office(client, personas):
    editor = token_for(personas.dept_a, "item.edit", "item.submit", "item.review", "item.secrecy_review")
    publisher = token_for(personas.government, "item.publish")
    body = {**ITEM, "body": "<p>联系人身份证号 110101199003074258。</p>"}
    item = call(client, "post", "/items", editor, body).json()
    for step in ("submit", "review", "secrecy-review"):
        call(client, "post", f"/items/{item['id']}/{step}", editor, {} if step != "submit" else None)
    refused = call(client, "post", f"/items/{item['id']}/publish", publisher, {})
    assert refused.status_code == 422 and refused.json()["code"] == "catalog.screening_open"
    assert call(client, "get", f"/staff/items/{item['id']}", publisher).json()["status"] == "secrecy_reviewed"


@pytest.mark.django_db
def test_a_file_is_attached_by_its_content(client, personas):
    editor = token_for(personas.dept_a, "item.edit")
    item = call(client, "post", "/items", editor, ITEM).json()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = client.post(f"/api/v1/items/{item['id']}/attachments", {"file": SimpleUploadedFile("通知.pdf", pdf)},
                     HTTP_AUTHORIZATION=f"Bearer {editor}")
    assert ok.status_code == 201 and ok.json()["kind"] == "pdf" and ok.json()["name"] == "通知.pdf"
    fake = client.post(f"/api/v1/items/{item['id']}/attachments",
                       {"file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf")}, HTTP_AUTHORIZATION=f"Bearer {editor}")
    assert fake.status_code == 422


@pytest.mark.django_db
def test_an_application_from_12345_gets_its_receipt_date_by_channel(client, personas):
    hotline = token_for(personas.dept_a, "case.register", name="12345热线")
    today = local_today()
    arrived, confirmed = today - dt.timedelta(days=2), today - dt.timedelta(days=1)
    body = {"agency": "dept-a", "channel": "hotline_12345", "arrived_on": arrived.isoformat(), **APPLICANT}
    waiting = call(client, "post", "/applications", hotline, body).json()
    assert waiting["channel"] == "hotline_12345" and waiting["received_on"] is None   # art. 31(3): on confirmation
    confirmed_app = call(client, "post", "/applications", hotline, {**body, "confirmed_on": confirmed.isoformat()})
    assert confirmed_app.status_code == 201 and confirmed_app.json()["received_on"] == confirmed.isoformat()
    assert confirmed_app.json()["due_on"] is not None
    walk_in = call(client, "post", "/applications", hotline, {**body, "channel": "in_person"}).json()
    assert walk_in["received_on"] == arrived.isoformat()   # art. 31(1): the day it was handed in
    events = Event.objects.filter(action__in=["case.registered", "case.receipt_confirmed"])
    assert events.count() == 4 and {e.payload["api_token"] for e in events} == {hotline.split("_")[1]}
    bad = call(client, "post", "/applications", hotline, {**body, "arrived_on": (today + dt.timedelta(days=3)).isoformat()})
    assert bad.status_code == 422
    other = call(client, "post", "/applications", hotline, {**body, "agency": "dept-b"})
    assert other.status_code == 403


@pytest.mark.django_db
def test_a_hotline_call_is_registered_and_answered(client, personas):
    hotline = token_for(personas.dept_a, "engagement.handle", name="公开电话系统")
    body = {"agency": "dept-a", "channel": "phone", "category": "consult", "subject": "预算公开时间",
            "body": "请问部门预算何时公开？", "writer_name": "李四"}
    message = call(client, "post", "/messages", hotline, body).json()
    assert message["status"] == "received" and message["reply_due_on"]
    replied = call(client, "post", f"/messages/{message['id']}/reply", hotline, {"reply": "将于批复后20日内公开。"})
    assert replied.status_code == 200 and replied.json()["status"] == "replied"
    assert call(client, "post", "/messages/999999/reply", hotline, {"reply": "x"}).status_code == 404
    outsider = token_for(personas.dept_b, "engagement.handle")
    assert call(client, "post", f"/messages/{message['id']}/reply", outsider, {"reply": "x"}).status_code == 403


@pytest.mark.django_db
def test_report_check_answers_as_the_command(client):
    clean = json.loads((FIXTURES / "clean-2024.json").read_text(encoding="utf-8"))
    broken = json.loads((FIXTURES / "broken-identity-2024.json").read_text(encoding="utf-8"))
    ok = call(client, "post", "/reports/check", None, {"report": clean}).json()
    assert ok["ok"] is True and ok["errors"] == [] and ok["form"] == "2021"
    bad = call(client, "post", "/reports/check", None, {"report": broken}).json()
    assert bad["ok"] is False and len(bad["errors"]) == 2
    assert "表三 四、结转下年度继续办理 / 自然人" in {c for e in bad["errors"] for c in e["cells"]}
    assert call(client, "post", "/reports/check", None, {"report": {"x": 1}}).status_code == 422


@pytest.mark.django_db
def test_a_refusal_says_its_code_field_and_message_in_the_language_asked_for(client, personas):
    editor = token_for(personas.dept_a, "item.edit", "item.submit", "item.review", "item.secrecy_review")
    publisher = token_for(personas.government, "item.publish", "item.withdraw")
    item = call(client, "post", "/items", editor, ITEM).json()
    for step in ("submit", "review", "secrecy-review"):
        call(client, "post", f"/items/{item['id']}/{step}", editor, {} if step != "submit" else None)
    call(client, "post", f"/items/{item['id']}/publish", publisher, {})
    english = call(client, "post", f"/items/{item['id']}/withdraw", publisher, {"reason": " "},
                   HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 422
    assert english.json() == {"code": "catalog.reason_required", "message": "Enter a reason.",
                              "fields": [{"path": "body.reason", "message": "Enter a reason."}]}
    chinese = call(client, "post", f"/items/{item['id']}/withdraw", publisher, {"reason": " "},
                   HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.json()["message"] == "请填写理由" and chinese.json()["code"] == "catalog.reason_required"
    refused = call(client, "post", f"/items/{item['id']}/submit", editor, None, HTTP_ACCEPT_LANGUAGE="en").json()
    assert refused["code"] == "catalog.wrong_state" and refused["message"].startswith("The current status is")
