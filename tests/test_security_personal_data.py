"""Personal data (条例 art. 15; 个人信息保护法): replayed through the real views and services.

1. Screening cannot be walked around: every variant that used to be published is held at the publish step,
   the look-alikes are not; a finding is lifted only by a reviewer's reason.
2. Imports go through the same review (the office's settings decide what may publish at once).
3. The mailbox publish form starts from a redacted text; what is left is blocked unless a reason is given.
4. Files under var/ are private, ID numbers are encrypted at rest, and staff reads of an applicant's data
   leave events.

The ID number is fictitious with a valid GB 11643 check character (see src/gongkai/catalog/tests/
test_screening_normalised.py for the pure table of variants).
"""

import datetime as dt
import hashlib
import io
import stat
from pathlib import Path

import docx
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.cases import services as cases
from gongkai.cases.models import Application
from gongkai.cases.tests.factories import person
from gongkai.catalog import services as catalog
from gongkai.catalog.models import CatalogSettings, Item, ScreeningFinding
from gongkai.config.database_url import parse_database_url
from gongkai.core.actors import System
from gongkai.core.models import Event
from gongkai.engagement import services as engagement
from gongkai.engagement.models import Message
from tests.catalog_helpers import draft, ready

pytestmark = pytest.mark.django_db

ID = "50011019850317126X"
FULL_WIDTH_ID = "５００１１０１９８５０３１７１２６Ｘ"


def publish_over_http(client, personas, item):
    client.force_login(personas["publisher"])
    response = client.post(reverse("backoffice:catalog_item_action", args=[item.pk, "publish"]))
    assert response.status_code == 302
    return Item.objects.get(pk=item.pk)


# Where the personal data sits → the field its finding names, and what the original text holds there.
HELD = [
    ({"doc_number": ID}, "文号", "id_number", ID),
    ({"keywords": f"公示,{ID}"}, "关键词", "id_number", ID),
    ({"body": f'<p>见附图<img src="/media/a.png" alt="申请人张三{ID}"></p>'}, "正文（图片说明）", "id_number", ID),
    ({"body": f'<p><a href="https://example.cn/" title="联系人身份证{ID}">详情</a></p>'}, "正文（标题属性）",
     "id_number", ID),
    ({"body": "<p>身份证号 500110 19850317 126X</p>"}, "正文", "id_number", "500110 19850317 126X"),
    ({"body": f"<p>身份证号{FULL_WIDTH_ID}</p>"}, "正文", "id_number", FULL_WIDTH_ID),
    ({"body": "<p>身份证号5001101985<br>0317126X</p>"}, "正文", "id_number", "5001101985\n0317126X"),
    ({"summary": "请致电139.1111.0001"}, "内容概述", "mobile", "139.1111.0001"),
    ({"summary": "请致电139 1111 0001"}, "内容概述", "mobile", "139 1111 0001"),
    ({"title": f"关于{ID}的公示"}, "名称", "id_number", ID),
    ({"body": '<p><a href="mailto:13911110001@139.com">来信</a></p>'}, "正文（链接地址）", "mobile", "13911110001"),
]


@pytest.mark.parametrize(("fields", "field", "kind", "original"), HELD, ids=[h[1] + "-" + h[3] for h in HELD])
def test_every_variant_is_held_at_the_publish_step(client, personas, fields, field, kind, original):
    item = ready(personas, **fields)
    item = publish_over_http(client, personas, item)
    assert item.status == "secrecy_reviewed" and item.index_number == ""
    finding = ScreeningFinding.objects.get(item=item, status="open")
    assert (finding.kind, finding.field) == (kind, field)
    text = catalog.screening.public_texts(item)[field]
    assert text[finding.start:finding.end] == original          # the highlight points at the original characters
    assert ID not in finding.match and "13911110001" not in finding.match
    page = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    assert f"第 {finding.start + 1}–{finding.end} 字" in page
    assert client.get(f"/gk/{item.agency.code}/items/{item.pk}/").status_code == 404


LOOK_ALIKES = [
    {"doc_number": "500110198503171230"},                           # fails the GB 11643 check character
    {"doc_number": "500110 19850317 123X"},                         # the same shape with spaces
    {"summary": "咨询电话：023-48271234，(023)4827 1234，（０２３）４８２７　１２３４"},
    {"body": "<table><tr><td>13</td><td>9111</td><td>10001</td></tr></table>"},
]


@pytest.mark.parametrize("fields", LOOK_ALIKES, ids=[next(iter(f.values()))[:20] for f in LOOK_ALIKES])
def test_look_alikes_publish(client, personas, fields):
    item = publish_over_http(client, personas, ready(personas, **fields))
    assert item.status == "published"
    assert not ScreeningFinding.objects.filter(item=item).exists()


def test_a_reviewer_lifts_a_finding_with_a_reason_then_it_publishes(client, personas):
    item = ready(personas, doc_number=ID)
    finding = ScreeningFinding.objects.get(item=item)
    url = reverse("backoffice:catalog_finding_override", args=[item.pk, finding.pk])
    client.force_login(personas["editor_a"])
    client.post(url, {"reason": "需要公开"})
    client.force_login(personas["reviewer_a"])
    client.post(url, {"reason": "  "})
    assert ScreeningFinding.objects.get(pk=finding.pk).status == "open"
    client.post(url, {"reason": "号码为虚构示例，经核实可以公开"})
    assert publish_over_http(client, personas, item).status == "published"
    event = Event.objects.for_object(item).get(action="item.screening_overridden")
    assert (event.reason, event.actor) == ("号码为虚构示例，经核实可以公开", personas["reviewer_a"])


def docx_bytes(*, author: str, text: str = "正文") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    document.core_properties.author = author
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "field"), [
    ("通知.docx", docx_bytes(author="张三 139 1111 0001"), "附件属性：通知.docx"),
    (f"{ID}.docx", docx_bytes(author="财政局"), f"附件名称：{ID}.docx"),
    ("名单.docx", docx_bytes(author="财政局", text=f"张三 {FULL_WIDTH_ID}"), "附件：名单.docx"),
])
def test_attachment_names_text_and_properties_are_screened(client, personas, settings, tmp_path, name, data, field):
    settings.MEDIA_ROOT = tmp_path
    item = draft(personas)
    client.force_login(personas["editor_a"])
    client.post(reverse("backoffice:catalog_attachment_add", args=[item.pk]),
                {"file": SimpleUploadedFile(name, data)})
    assert item.attachments.count() == 1
    catalog.submit_item(actor=personas["editor_a"], item=item)
    catalog.review_item(actor=personas["reviewer_a"], item=item)
    catalog.secrecy_review_item(actor=personas["secrecy_a"], item=item)
    item = publish_over_http(client, personas, item)
    assert item.status == "secrecy_reviewed"
    assert ScreeningFinding.objects.get(item=item, status="open").field == field


# --- 2. Imports ---------------------------------------------------------------------------------------------

IMPORT_HEADER = "名称,内容概述,文号,关键词,发布日期"
WITH_FINDINGS = f"关于张三低保资格的公示,身份证号{ID}，联系电话139 1111 0001,,,2017-03-01"
CLEAN = "2017年1月财政收支情况,收支总体平稳,,,2017-02-03"


def import_over_http(client, personas, *lines, agency=None):
    client.force_login(personas["publisher"])
    data = ("\n".join([IMPORT_HEADER, *lines]) + "\n").encode()
    return client.post(reverse("backoffice:catalog_import"), {
        "file": SimpleUploadedFile("old-catalog.csv", data, content_type="text/csv"),
        "agency": (agency or personas.dept_a).pk}, follow=True)   # to the page that follows the import's work


def test_by_default_imported_rows_wait_for_review(client, personas):
    response = import_over_http(client, personas, WITH_FINDINGS, CLEAN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "已导入 2 条信息：直接发布 0 条，进入审核 2 条。" in page
    assert ID not in page and "500110********126X" in page
    assert not Item.objects.filter(status="published").exists()
    held = Item.objects.get(title__startswith="关于张三")
    assert held.status == "submitted" and held.index_number and held.published_on == dt.date(2017, 3, 1)
    assert sorted(held.findings.filter(status="open").values_list("kind", flat=True)) == ["id_number", "mobile"]
    events = Event.objects.filter(action="item.imported")
    assert events.count() == 2 and {e.to_state for e in events} == {"submitted"}
    assert events.get(object_id=str(held.pk)).payload["held_for_review"] is True
    client.force_login(personas["reviewer_a"])
    queue = client.get(reverse("backoffice:catalog_review_queue")).content.decode()
    assert "关于张三低保资格的公示" in queue and "2017年1月财政收支情况" in queue


def test_clean_rows_publish_only_where_the_office_said_so(client, personas):
    CatalogSettings.objects.create(agency=personas.dept_a, import_publishes_clean_rows=True)
    import_over_http(client, personas, WITH_FINDINGS, CLEAN)
    assert Item.objects.get(title="2017年1月财政收支情况").status == "published"
    held = Item.objects.get(title__startswith="关于张三")
    assert held.status == "submitted"
    assert client.get(f"/gk/{personas.dept_a.code}/items/{held.pk}/").status_code == 404


def test_the_office_may_refuse_a_file_with_findings(client, personas):
    CatalogSettings.objects.create(agency=personas.dept_a, import_with_findings="refuse",
                                   import_publishes_clean_rows=True)
    page = import_over_http(client, personas, CLEAN, WITH_FINDINGS).content.decode()
    assert "本机构设置为有审查发现的行不予导入" in page and "未写入任何数据" in page
    assert not Item.objects.exists()


def test_a_held_import_row_publishes_after_the_same_review_keeping_its_number(client, personas):
    import_over_http(client, personas, WITH_FINDINGS)
    item = Item.objects.get()
    number = item.index_number
    catalog.review_item(actor=personas["reviewer_a"], item=item)
    catalog.secrecy_review_item(actor=personas["secrecy_a"], item=item)
    assert publish_over_http(client, personas, item).status == "secrecy_reviewed"
    for finding in item.findings.filter(status="open"):
        catalog.override_finding(actor=personas["reviewer_a"], finding=finding, reason="低保公示依法须公开身份信息（已核实）")
    item = publish_over_http(client, personas, item)
    assert (item.status, item.index_number, item.published_on) == ("published", number, dt.date(2017, 3, 1))


# --- 3. Mailbox Q&A -----------------------------------------------------------------------------------------

LETTER = (f"我叫赵六，家住重庆市万盛经开区万东镇建设路12号3单元，身份证{ID}，电话139 1111 0001。"
          "请问公租房申请需要哪些材料？")


@pytest.fixture
def replied(personas):
    message, _ = engagement.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                           subject="公租房", body=LETTER, writer_name="赵六",
                                           writer_phone="13911110001", consent_to_publish=True)
    engagement.reply_to_message(actor=personas["publisher"], message=message,
                                reply="赵六您好：需要身份证明和收入证明。如有疑问请拨打13911110001。")
    return message


def test_the_publish_form_starts_from_a_redacted_text(client, personas, replied):
    client.force_login(personas["publisher"])
    response = client.get(f"/staff/engagement/messages/{replied.pk}/")
    form = response.context["forms"]["publish"]
    question, answer = form.initial["public_question"], form.initial["public_answer"]
    assert question == "我叫＊＊＊，家住＊＊＊，身份证＊＊＊，电话＊＊＊。请问公租房申请需要哪些材料？"
    assert answer == "＊＊＊您好：需要身份证明和收入证明。如有疑问请拨打＊＊＊。"
    page = f"/staff/engagement/messages/{replied.pk}/"
    assert client.post(page, {"action": "publish", "public_question": question,
                              "public_answer": answer}).status_code == 302
    replied.refresh_from_db()
    assert replied.published_at and ID not in replied.public_question


@pytest.mark.parametrize("leftover", [f"身份证{FULL_WIDTH_ID}", "电话139.1111.0001", "赵六问", "电话 139 2222 0002"])
def test_what_is_left_is_blocked_unless_a_reason_is_given(client, personas, replied, leftover):
    client.force_login(personas["publisher"])
    page = f"/staff/engagement/messages/{replied.pk}/"
    data = {"action": "publish", "public_question": f"{leftover}：公租房需要什么材料？", "public_answer": "身份证明。"}
    refused = client.post(page, data)
    assert refused.status_code == 400 and "仍含个人信息" in refused.content.decode()
    assert Message.objects.get(pk=replied.pk).published_at is None
    assert client.post(page, {**data, "override_reason": "已与来信人确认可公开"}).status_code == 302
    assert Message.objects.get(pk=replied.pk).published_at is not None
    event = Event.objects.for_object(replied).get(action="message.screening_overridden")
    assert event.reason == "已与来信人确认可公开" and "13911110001" not in str(event.payload)


# --- 4. At rest, and reads --------------------------------------------------------------------------------

def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_upload_modes_and_var_directory():
    assert (django_settings.FILE_UPLOAD_PERMISSIONS, django_settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS) == (0o600, 0o700)
    assert mode(Path(django_settings.VAR_DIR)) == 0o700


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only the embedded SQLite database is a file")
def test_the_sqlite_file_is_private():
    # The configured file (the test run itself uses an in-memory copy).
    configured = parse_database_url(django_settings.DATABASE_URL, base_dir=django_settings.BASE_DIR)
    assert mode(Path(configured["NAME"])) == 0o600


def test_private_file_is_created_0600_and_restricts_an_old_one(tmp_path):
    from gongkai.config.file_modes import private_directory, private_file

    old = tmp_path / "old"
    old.mkdir(mode=0o755)
    old.chmod(0o755)
    (old / "db.sqlite3").write_bytes(b"")
    (old / "db.sqlite3").chmod(0o644)
    private_file(old / "db.sqlite3")
    private_directory(old)
    private_file(tmp_path / "new" / "db.sqlite3")
    assert (mode(old), mode(old / "db.sqlite3")) == (0o700, 0o600)
    assert (mode(tmp_path / "new"), mode(tmp_path / "new" / "db.sqlite3")) == (0o700, 0o600)


@pytest.fixture
def case_with_scan(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    scan = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    return cases.register_application(actor=personas["handler_a"], agency=personas.dept_a, channel="in_person",
                                      arrived_on=dt.date(2024, 2, 5),
                                      data=person(id_number=ID, files=[("身份证.png", scan, "image/png")]))


def test_id_scans_are_stored_private(case_with_scan):
    path = Path(case_with_scan.attachments.get().file.path)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_id_numbers_are_encrypted_at_rest_with_a_keyed_index(case_with_scan):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, applicant_key FROM cases_application WHERE id = %s", [case_with_scan.pk])
        stored, key = cursor.fetchone()
    assert ID not in stored and stored.startswith("gAAAAA")
    assert Application.objects.get(pk=case_with_scan.pk).id_number == ID
    assert key != hashlib.sha256(f"gongkai-applicant:resident_id:{ID}".encode()).hexdigest()
    again = cases.register_application(actor=case_with_scan.registered_by, agency=case_with_scan.agency,
                                       channel="in_person", arrived_on=dt.date(2024, 2, 6), data=person(id_number=ID))
    assert again.applicant_key == key      # the blind index still finds the same applicant


def test_staff_reads_of_personal_data_leave_events(client, personas, case_with_scan):
    app = case_with_scan
    client.force_login(personas["supervisor"])          # sees the case masked: no read of personal data
    assert client.get(reverse("backoffice:case_detail", kwargs={"pk": app.pk})).status_code == 200
    assert not Event.objects.filter(action="case.personal_data_read").exists()
    client.force_login(personas["handler_a"])
    page = client.get(reverse("backoffice:case_detail", kwargs={"pk": app.pk})).content.decode()
    assert ID in page
    download = client.get(reverse("backoffice:case_attachment", kwargs={"pk": app.attachments.get().pk}))
    assert download.status_code == 200
    reads = list(Event.objects.for_object(app).filter(action="case.personal_data_read").order_by("id"))
    assert [(e.actor, e.reason) for e in reads] == [
        (personas["handler_a"], "查看申请人证件号码和联系方式"),
        (personas["handler_a"], "下载申请人提交的附件（如身份证明扫描件）：身份证.png"),
    ]
    history = client.get(reverse("backoffice:case_detail", kwargs={"pk": app.pk})).content.decode()
    assert "下载申请人提交的附件（如身份证明扫描件）：身份证.png" in history
