"""HTTP: the permission matrix of the case pages, privacy of the applicant's data, the public form and lookup."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.cases import services
from gongkai.cases.models import Application
from gongkai.cases.tests.factories import walk_in

pytestmark = pytest.mark.django_db
D = dt.date
ID = "510104199001011230"  # valid check digit (see factories.resident_id)


@pytest.fixture
def case(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 2, 5))
    return services.accept_application(actor=personas["handler_a"], app=app)


def client_for(client, personas, name):
    if name != "anonymous":
        client.force_login(personas[name])
    return client


# persona -> (case page status, sees the applicant's ID in clear)
MATRIX = {
    "anonymous": (302, False),
    "editor_a": (403, False),      # staff of the same department without a case role
    "editor_b": (403, False),      # another department
    "reviewer_a": (403, False),
    "handler_a": (200, True),
    "approver_a": (200, True),
    "supervisor": (200, False),    # government supervisor: reads the case, data masked
    "admin": (200, False),
    "superuser": (200, True),
}


@pytest.mark.parametrize(("name", "expected"), MATRIX.items(), ids=list(MATRIX))
def test_case_page_matrix(client, personas, case, name, expected):
    status, clear = expected
    response = client_for(client, personas, name).get(reverse("backoffice:case_detail", kwargs={"pk": case.pk}))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert (ID in body) == clear
        assert ("13812341234" in body) == clear
        if not clear:
            assert "5101**********1230" in body


@pytest.mark.parametrize("name", ["editor_b", "supervisor", "admin"])
def test_letters_attachments_and_export_need_personal_data_rights(client, personas, case, name):
    letter = case.letters.first()
    c = client_for(client, personas, name)
    assert c.get(reverse("backoffice:case_letter_pdf", kwargs={"pk": letter.pk})).status_code == 403
    assert c.get(reverse("backoffice:case_export", kwargs={"pk": case.pk})).status_code == 403


def test_handler_downloads_letters_and_exports_the_case_file(client, personas, case):
    import io
    import zipfile

    c = client_for(client, personas, "handler_a")
    letter = case.letters.first()
    pdf = c.get(reverse("backoffice:case_letter_pdf", kwargs={"pk": letter.pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = c.get(reverse("backoffice:case_letter_docx", kwargs={"pk": letter.pk}))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    export = c.get(reverse("backoffice:case_export", kwargs={"pk": case.pk}))
    names = zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert "events.json" in names and any(n.endswith(".pdf") for n in names)


def test_other_department_list_is_empty(client, personas, case):
    body = client_for(client, personas, "editor_b").get(reverse("backoffice:case_list")).content.decode()
    assert case.tracking_code not in body


def test_step_refused_with_a_reason_and_nothing_changed(client, personas, case):
    c = client_for(client, personas, "handler_a")
    response = c.post(reverse("backoffice:case_step", kwargs={"pk": case.pk, "step": "deliver"}),
                      {"method": "post", "posted_on": "2024-02-06", "postal_service": "ems",
                       "waybill_number": "EA123456789CN"})
    assert response.status_code == 400
    assert "不能执行“送达”" in response.content.decode()
    assert Application.objects.get(pk=case.pk).state == "accepted"


def test_public_form_creates_an_application_and_lookup_shows_no_personal_data(client, personas):
    data = {
        "applicant_type": "natural_person", "applicant_name": "李四", "id_type": "resident_id", "id_number": ID,
        "phone": "13900001111", "email": "lisi@example.com", "address": "某路1号",
        "description": "请公开本局2024年部门预算执行情况", "provision_form": "electronic", "delivery": "email",
    }
    response = client.post(reverse("portal:apply", kwargs={"code": personas.dept_a.code}), data)
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.channel == "online" and app.received_on is None
    done = client.get(response.url).content.decode()
    assert app.tracking_code in done and ID not in done
    assert app.tracking_code not in response.url
    status = client.post(reverse("portal:case_status"), {"code": app.tracking_code.lower()})
    body = status.content.decode()
    assert status.status_code == 200 and "已登记" in body
    for secret in (ID, "李四", "13900001111", "lisi@example.com", "某路1号", "部门预算"):
        assert secret not in body
    assert client.post(reverse("portal:case_status"), {"code": "GKNOTHING00"}).status_code == 404


def test_public_form_throttled_keeps_what_was_typed(client, personas, settings):
    data = {
        "applicant_type": "natural_person", "applicant_name": "王五", "id_type": "resident_id", "id_number": ID,
        "phone": "13900001111", "description": "请公开2024年某项目批复文件", "provision_form": "paper",
        "delivery": "pickup",
    }
    url = reverse("portal:apply", kwargs={"code": personas.dept_a.code})
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    refused = client.post(url, data)
    assert refused.status_code == 429
    assert "王五" in refused.content.decode()
    assert Application.objects.count() == 5


def test_public_form_errors_in_chinese_and_nothing_saved(client, personas):
    response = client.post(reverse("portal:apply", kwargs={"code": personas.dept_a.code}), {
        "applicant_type": "commercial", "applicant_name": "某公司", "id_type": "uscc", "id_number": "123",
        "phone": "1", "description": "请公开某文件", "provision_form": "paper", "delivery": "pickup"})
    assert response.status_code == 400
    assert "统一社会信用代码" in response.content.decode()
    assert not Application.objects.exists()


def test_workbench_panel_lists_due_cases(client, personas, case):
    body = client_for(client, personas, "handler_a").get(reverse("backoffice:workbench")).content.decode()
    assert "依申请公开" in body and case.tracking_code in body


def test_staff_register_an_oral_request_with_a_scan(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(client, personas, "handler_a")
    form = {
        "agency": personas.dept_a.code, "channel": "oral", "arrived_on": "2024-02-05",
        "applicant_type": "natural_person", "applicant_name": "赵六", "id_type": "resident_id", "id_number": ID,
        "phone": "13700000000", "description": "口头申请公开本局2023年决算", "provision_form": "paper",
        "delivery": "pickup",
    }
    refused = c.post(reverse("backoffice:case_register"), form)
    assert refused.status_code == 400 and "口头申请应由工作人员如实记录" in refused.content.decode()
    assert not Application.objects.exists()
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = c.post(reverse("backoffice:case_register"), {**form, "oral_record": "申请人口述：要2023年决算。",
                                                            "attachment": scan})
    app = Application.objects.get()
    assert response.status_code == 302 and app.received_on == D(2024, 2, 5) and app.attachments.count() == 1
    assert c.get(reverse("backoffice:case_attachment", kwargs={"pk": app.attachments.get().pk})).status_code == 200
    other = client_for(client.__class__(), personas, "editor_b")
    assert other.get(reverse("backoffice:case_attachment", kwargs={"pk": app.attachments.get().pk})).status_code == 403


def test_list_and_workbench_queries_do_not_grow_with_cases(client, personas, django_assert_max_num_queries):
    handler = personas["handler_a"]
    for i in range(12):
        walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5), description=f"申请公开第{i}号文件及其附件")
    c = client_for(client, personas, "handler_a")
    with django_assert_max_num_queries(12):
        assert c.get(reverse("backoffice:case_list")).status_code == 200
    with django_assert_max_num_queries(40):
        assert c.get(reverse("backoffice:workbench")).status_code == 200


def test_template_page_for_the_disclosure_office_only(client, personas):
    url = reverse("backoffice:case_templates")
    assert client_for(client, personas, "handler_a").get(url).status_code == 403
    client.logout()
    c = client_for(client, personas, "publisher")
    page = c.get(url + f"?agency={personas.government.code}&kind=fee")
    assert page.status_code == 200 and "信息处理费收费通知书" in page.content.decode()
    # A kind or result the form does not offer opens the default template (it was a KeyError, a 500).
    odd = c.get(url + f"?agency={personas.government.code}&kind={'x' * 300}&result=%D9%A1")
    assert odd.status_code == 200 and "补正" in odd.content.decode()
    bad = c.post(url, {"agency": personas.government.code, "kind": "fee", "title": "收费", "body": "{乱写}"})
    assert bad.status_code == 400 and "未知的占位符" in bad.content.decode()
    ok = c.post(url, {"agency": personas.government.code, "kind": "fee", "title": "收费通知",
                      "body": "{申请人}：应缴{收费金额}元。{救济途径}"})
    assert ok.status_code == 302


def test_appeal_recorded_and_decided_through_the_pages(client, personas, case):
    c = client_for(client, personas, "handler_a")
    response = c.post(reverse("backoffice:appeal_list"), {
        "agency": personas.dept_a.code, "tracking_code": case.tracking_code.lower(), "kind": "reconsideration",
        "body": "测试区人民政府", "filed_on": "2024-04-01", "case_number": "", "summary": ""})
    assert response.status_code == 302
    appeal = case.appeals.get()
    assert appeal.outcome == "pending"
    c.post(reverse("backoffice:appeal_outcome", kwargs={"pk": appeal.pk}), {"outcome": "upheld",
                                                                             "decided_on": "2024-05-20"})
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_on) == ("upheld", D(2024, 5, 20))
    assert client_for(client.__class__(), personas, "editor_b").get(
        reverse("backoffice:appeal_list")).content.decode().count(case.tracking_code) == 0


def test_an_appeal_outcome_for_a_missing_appeal_is_404_and_for_another_agencys_is_403(client, personas, case):
    from gongkai.cases.services_appeals import record_appeal

    appeal = record_appeal(actor=personas["handler_a"], agency=case.agency, application=case, kind="reconsideration",
                           body="测试区人民政府", filed_on=D(2024, 4, 1))
    url = reverse("backoffice:appeal_outcome", kwargs={"pk": appeal.pk})
    data = {"outcome": "upheld", "decided_on": "2024-05-20"}
    assert client_for(client, personas, "handler_a").post(
        reverse("backoffice:appeal_outcome", kwargs={"pk": appeal.pk + 1000}), data).status_code == 404
    assert client_for(client.__class__(), personas, "editor_b").post(url, data).status_code == 403
    appeal.refresh_from_db()
    assert appeal.outcome == "pending"
