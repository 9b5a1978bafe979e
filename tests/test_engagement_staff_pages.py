"""Staff pages of the mailbox, work records and dashboard: who gets what, and the handling journey over HTTP."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.core.actors import System
from gongkai.engagement import services
from gongkai.engagement.models import Message, Training

PERSONAS = ["anonymous", "editor_a", "editor_b", "reviewer_a", "publisher", "supervisor", "admin", "superuser"]
ALL_STAFF = set(PERSONAS) - {"anonymous"}
DASHBOARD = {"publisher", "supervisor", "admin", "superuser"}
HANDLERS_OF_A = {"editor_a", "publisher", "superuser"}


@pytest.fixture
def message(personas):
    message, _ = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                         subject="公租房申请条件", body="需要哪些材料？", writer_name="赵六",
                                         consent_to_publish=True)
    return message


MATRIX = [
    (lambda p, m: "/staff/engagement/", ALL_STAFF),
    (lambda p, m: f"/staff/engagement/messages/{m.pk}/",
     {"editor_a", "reviewer_a", "publisher", "supervisor", "admin", "superuser"}),
    (lambda p, m: "/staff/engagement/messages/new/", {"editor_a", "editor_b", "publisher", "superuser"}),
    (lambda p, m: "/staff/engagement/records/outreach/", ALL_STAFF),
    (lambda p, m: "/staff/engagement/records/periodical/", ALL_STAFF),
    (lambda p, m: "/staff/engagement/figures/?year=2017", ALL_STAFF),
    (lambda p, m: "/staff/engagement/figures/mailbox_received/?year=2017", ALL_STAFF),
    (lambda p, m: "/staff/dashboard/?year=2017", DASHBOARD),
    (lambda p, m: "/staff/dashboard/mailbox_monthly.xlsx?year=2017", DASHBOARD),
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", range(len(MATRIX)))
def test_engagement_url_matrix(client, personas, message, persona, row):
    build, allowed = MATRIX[row]
    url = build(personas, message)
    if persona != "anonymous":
        client.force_login(personas[persona])
    response = client.get(url)
    if persona in allowed:
        assert response.status_code == 200, url
    elif persona == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"], url
    else:
        assert response.status_code == 403, url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["editor_b", "reviewer_a", "supervisor", "admin"])
def test_those_who_may_not_handle_cannot_reply(client, personas, message, persona):
    client.force_login(personas[persona])
    response = client.post(f"/staff/engagement/messages/{message.pk}/", {"action": "reply", "reply": "答复"})
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.status == "received" and message.reply == ""


@pytest.mark.django_db
def test_handling_over_http(client, personas, message):
    client.force_login(personas["publisher"])
    page = f"/staff/engagement/messages/{message.pk}/"
    assert client.post(page, {"action": "assign", "department": personas.dept_a.pk}).status_code == 302
    assert client.post(page, {"action": "reply", "reply": ""}).status_code == 400
    assert client.post(page, {"action": "reply", "reply": "身份证明和收入证明。"}).status_code == 302
    refused = client.post(page, {"action": "publish", "public_question": "赵六问公租房",
                                 "public_answer": "身份证明。"})
    assert refused.status_code == 400 and "个人信息" in refused.content.decode()
    assert client.post(page, {"action": "publish", "public_question": "公租房需要什么材料？",
                              "public_answer": "身份证明和收入证明。"}).status_code == 302
    message.refresh_from_db()
    assert message.status == "replied" and message.published_at and message.department == personas.dept_a
    body = client.get(page).content.decode()
    assert "message.published" in body and "message.assigned" in body


@pytest.mark.django_db
def test_staff_enter_a_call_and_a_training(client, personas):
    client.force_login(personas["editor_a"])
    response = client.post("/staff/engagement/messages/new/", {
        "agency": personas.dept_a.code, "channel": "phone", "category": "complaint",
        "received_at": "2024-03-04T10:15", "subject": "投诉噪音", "body": "夜间施工。"})
    assert response.status_code == 302
    call = Message.objects.get()
    assert (call.channel, call.received_on, call.reply_due_on) == ("phone", dt.date(2024, 3, 4), dt.date(2024, 3, 11))
    foreign = client.post("/staff/engagement/messages/new/", {
        "agency": personas.dept_b.code, "channel": "phone", "category": "consult",
        "received_at": "2024-03-04T10:15", "subject": "s", "body": "b"})
    assert foreign.status_code == 400 and Message.objects.count() == 1
    ok = client.post("/staff/engagement/records/training/", {
        "agency": personas.dept_a.code, "held_on": "2024-04-01", "topic": "业务培训", "participants": 12})
    assert ok.status_code == 302 and Training.objects.get().participants == 12


@pytest.mark.django_db
def test_dashboard_counts_and_exports(client, personas, message):
    services.reply_to_message(actor=personas["publisher"], message=message, reply="答复")
    client.force_login(personas["supervisor"])
    year = message.received_on.year
    page = client.get(f"/staff/dashboard/?year={year}").content.decode()
    assert 'id="table-mailbox_monthly"' in page and "dashboard-data" in page
    response = client.get(f"/staff/dashboard/mailbox_monthly.xlsx?year={year}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("月份", "来件", "已答复")
    month_row = rows[1 + message.received_on.month]
    assert month_row[1:3] == (1, 1)
    assert client.get("/staff/dashboard/nonsense.xlsx").status_code == 404
    assert client.get("/staff/dashboard/?agency=no-such").status_code == 403


@pytest.mark.django_db
def test_dashboard_counts_applications_and_their_on_time_rate(client, personas):
    from django.utils import timezone

    from gongkai.cases.services_decision import decide, deliver
    from gongkai.cases.services_intake import ApplicantInput, register_application
    from gongkai.core.time import local_today

    handler = personas["handler_a"]
    data = ApplicantInput(applicant_type="natural_person", applicant_name="周九", id_type="passport",
                          id_number="E7654321", description="请公开本局2024年部门预算。", provision_form="electronic",
                          delivery="email", email="zhou@example.cn")
    app = register_application(actor=handler, agency=personas.dept_a, channel="in_person", data=data,
                               arrived_on=local_today())
    decide(actor=handler, app=app, result="not_processed_petition", reasons="属于投诉")
    client.force_login(personas["publisher"])
    year, month = local_today().year, local_today().month
    # On time is judged when the answer is delivered (国办公开办函〔2016〕235号): not yet, no rate.
    monthly = load_workbook(io.BytesIO(client.get(
        f"/staff/dashboard/applications_monthly.xlsx?year={year}").content)).active
    assert list(monthly.iter_rows(values_only=True))[1 + month][1:4] == (1, 1, None)
    deliver(actor=handler, app=app, method="electronic", sent_at=timezone.now())
    year, month = local_today().year, local_today().month
    monthly = load_workbook(io.BytesIO(client.get(
        f"/staff/dashboard/applications_monthly.xlsx?year={year}").content)).active
    assert list(monthly.iter_rows(values_only=True))[1 + month][1:4] == (1, 1, 100)
    agencies = load_workbook(io.BytesIO(client.get(
        f"/staff/dashboard/applications_agencies.xlsx?year={year}").content)).active
    assert list(agencies.iter_rows(values_only=True))[2][:4] == ("测试区财政局", 1, 1, 100)


@pytest.mark.django_db
def test_message_list_query_count_does_not_grow_with_messages(client, personas, django_assert_max_num_queries):
    for n in range(30):
        message, _ = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                             subject=f"来信{n}", body="b")
        if n % 2:
            services.assign_message(actor=personas["publisher"], message=message, department=personas.dept_a)
    client.force_login(personas["publisher"])
    with django_assert_max_num_queries(12):
        response = client.get("/staff/engagement/")
    assert response.status_code == 200 and response.content.decode().count("来信2") >= 1
    # A constant number per chart (the catalog's monthly counts are one query a month), not per record.
    with django_assert_max_num_queries(40):
        assert client.get("/staff/dashboard/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "sees"), [("editor_a", True), ("publisher", True), ("supervisor", False),
                                               ("reviewer_a", False)])
def test_writer_details_only_for_those_who_handle(client, personas, message, persona, sees):
    client.force_login(personas[persona])
    body = client.get(f"/staff/engagement/messages/{message.pk}/").content.decode()
    assert ("赵六" in body) is sees
