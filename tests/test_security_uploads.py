"""Public forms and uploads (issue 11, points 8 and 9), through real HTTP requests: multipart uploads, the
proxy's X-Real-IP header, and every download's headers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.cases.models import Application, Attachment
from gongkai.core.downloads import content_disposition
from gongkai.core.uploads import has_markup, public_type

pytestmark = pytest.mark.django_db
ID = "510104199001011230"        # valid check digit
BAD_ID = "510104199001011231"    # wrong check digit
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
PROXY = "10.0.0.1"


def form(**extra):
    return {"applicant_type": "natural_person", "applicant_name": "李四", "id_type": "resident_id", "id_number": ID,
            "phone": "13900001111", "description": "请公开本局2024年部门预算执行情况", "provision_form": "electronic",
            "delivery": "pickup", **extra}


def apply_url(personas):
    return reverse("portal:apply", kwargs={"code": personas.dept_a.code})


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- 8. rate limits behind the proxy, counting only accepted submissions --------------------------------------

def test_citizens_behind_one_trusted_proxy_each_get_their_own_allowance(client, personas, settings):
    settings.GONGKAI_TRUSTED_PROXIES = [PROXY]
    for n in range(24):
        response = client.post(apply_url(personas), form(applicant_name=f"市民{n}"),
                               REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=f"198.51.100.{n + 1}")
        assert response.status_code == 302, n
    assert Application.objects.count() == 24


def test_a_client_rotating_x_real_ip_from_an_untrusted_peer_is_limited(client, personas, settings):
    settings.GONGKAI_TRUSTED_PROXIES = [PROXY]
    codes = [client.post(apply_url(personas), form(), REMOTE_ADDR="203.0.113.9",
                         HTTP_X_REAL_IP=f"198.51.100.{n + 1}").status_code for n in range(8)]
    assert codes == [302] * 5 + [429] * 3
    assert Application.objects.count() == 5


def test_mistyped_id_numbers_do_not_use_up_the_allowance(client, personas):
    for _ in range(5):
        refused = client.post(apply_url(personas), form(id_number=BAD_ID), REMOTE_ADDR="203.0.113.20")
        assert refused.status_code == 400
        assert "李四" in refused.content.decode()      # what was typed is kept
    accepted = client.post(apply_url(personas), form(), REMOTE_ADDR="203.0.113.20")
    assert accepted.status_code == 302
    assert Application.objects.count() == 1


def test_the_mailbox_limit_counts_per_client_behind_the_proxy(client, personas, settings):
    settings.GONGKAI_TRUSTED_PROXIES = [PROXY]
    url = reverse("portal:mailbox", kwargs={"code": personas.dept_a.code})
    letter = {"category": "consult", "subject": "咨询", "body": "请问办事时间？"}
    codes = [client.post(url, letter, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.77").status_code
             for _ in range(6)]
    assert codes == [302] * 5 + [429]
    assert client.post(url, letter, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.78").status_code == 302


def test_a_released_slot_is_given_back():
    from django.test import RequestFactory

    from gongkai.core.public_forms import RateLimit, release_submission_slot, take_submission_slot

    limit = RateLimit(count=2, seconds=600)
    for _ in range(10):   # ten refused submissions: each takes a slot and gives it back
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.31")
        assert take_submission_slot(request, "mailbox", limit) is None
        release_submission_slot(request, "mailbox")
    requests = [RequestFactory().post("/", REMOTE_ADDR="203.0.113.31") for _ in range(3)]
    assert [take_submission_slot(r, "mailbox", limit) is None for r in requests] == [True, True, False]


def test_status_lookup_limits_only_lookups_that_find_nothing(client, personas):
    client.post(apply_url(personas), form(), REMOTE_ADDR="203.0.113.40")
    code = Application.objects.get().tracking_code
    url = reverse("portal:case_status")
    for _ in range(25):   # a person checking on their own application is never limited
        assert client.post(url, {"code": code}, REMOTE_ADDR="203.0.113.40").status_code == 200
    misses = [client.post(url, {"code": f"GKNOTHING{n:02d}"}, REMOTE_ADDR="203.0.113.41").status_code
              for n in range(21)]
    assert misses == [404] * 20 + [429]
    assert client.post(url, {"code": code}, REMOTE_ADDR="203.0.113.41").status_code == 429
    assert client.post(url, {"code": code}, REMOTE_ADDR="203.0.113.42").status_code == 200


def test_the_apply_form_still_checks_csrf(personas):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(apply_url(personas), form()).status_code == 403
    assert not Application.objects.exists()


# --- 9. uploads bounded, streamed, judged by content; downloads safe -------------------------------------------

def test_a_pdf_and_a_png_are_accepted_and_stored_in_full(client, personas, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024   # the larger file streams to a temporary file
    big_pdf = PDF + b"0" * 200_000
    response = client.post(apply_url(personas), form(attachment1=upload("身份证明.pdf", big_pdf),
                                                     attachment2=upload("照片.png", PNG)))
    assert response.status_code == 302
    stored = {a.name: a for a in Attachment.objects.all()}
    assert stored["身份证明.pdf"].size == len(big_pdf) and stored["身份证明.pdf"].content_type == "application/pdf"
    assert stored["身份证明.pdf"].file.read() == big_pdf
    assert stored["照片.png"].content_type == "image/png"


@pytest.mark.parametrize(("name", "data"), [
    ("恶意.pdf", POLYGLOT),                                          # starts %PDF and is an HTML page
    ("网页.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>"),  # HTML named .pdf
    ("图片.png", PNG + b"<svg onload=alert(1)>"),                    # an image carrying script
    ("文档.pdf", b"PK\x03\x04 not a pdf at all"),
    ("说明.pdf", b"just text"),
])
def test_files_are_judged_by_content_and_polyglots_refused(client, personas, name, data):
    response = client.post(apply_url(personas), form(attachment1=upload(name, data, "application/pdf")))
    assert response.status_code == 400
    body = response.content.decode()
    assert "只接受 PDF、JPG 或 PNG 文件" in body and "李四" in body
    assert not Application.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_file_is_refused_in_the_form_and_nothing_saved(client, personas, settings):
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES = 100_000
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES = 250_000
    response = client.post(apply_url(personas), form(attachment1=upload("a.pdf", PDF + b"0" * 150_000),
                                                     attachment2=upload("b.pdf", PDF)))
    assert response.status_code == 400
    body = response.content.decode()
    assert "文件过大：每个附件不能超过 0.1 MB" in body and "李四" in body
    assert not Application.objects.exists()


def test_files_beyond_the_submission_limit_are_refused_in_the_form(client, personas, settings):
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES = 2 * 1024 * 1024
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES = 3 * 1024 * 1024
    each = PDF + b"0" * (int(1.2 * 1024 * 1024))
    response = client.post(apply_url(personas), form(attachment1=upload("1.pdf", each), attachment2=upload("2.pdf", each),
                                                     attachment3=upload("3.pdf", each)))
    assert response.status_code == 400
    body = response.content.decode()
    assert "附件合计不能超过 3 MB" in body and "李四" in body
    assert not Application.objects.exists()


def test_a_request_beyond_the_allowance_is_refused_before_its_body_is_read(client, personas, settings):
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES = 1024 * 1024
    settings.GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES = 1024 * 1024
    huge = PDF + b"0" * (3 * 1024 * 1024)
    response = client.post(apply_url(personas), form(attachment1=upload("a.pdf", huge)))
    assert response.status_code == 413
    body = response.content.decode()
    assert "提交的内容过大" in body and "附件合计不能超过 1 MB" in body and "<form" in body
    assert not Application.objects.exists()


def test_text_fields_beyond_djangos_limit_are_a_message_not_an_error_page(client, personas, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(apply_url(personas), form(description="长" * 20_000, attachment1=upload("a.pdf", PDF)))
    assert response.status_code == 413
    assert "提交的内容过多或过长" in response.content.decode()
    assert not Application.objects.exists()


def _applied_with(client, personas, name, data):
    assert client.post(apply_url(personas), form(attachment1=upload(name, data))).status_code == 302
    return Attachment.objects.get()


def _assert_safe_download(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_application_files_and_letters_are_downloads(client, personas):
    attachment = _applied_with(client, personas, "身份证 扫描.pdf", PDF)
    client.force_login(personas["handler_a"])
    response = client.get(reverse("backoffice:case_attachment", kwargs={"pk": attachment.pk}))
    _assert_safe_download(response, "application/pdf")
    assert "filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%89%AB%E6%8F%8F.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    letter = attachment.application.letters.first()
    _assert_safe_download(client.get(reverse("backoffice:case_letter_pdf", kwargs={"pk": letter.pk})),
                          "application/pdf")
    _assert_safe_download(client.get(reverse("backoffice:case_letter_docx", kwargs={"pk": letter.pk})),
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def test_a_stored_type_we_do_not_serve_becomes_octet_stream(client, personas):
    attachment = _applied_with(client, personas, "x.pdf", PDF)
    Attachment.objects.filter(pk=attachment.pk).update(content_type="text/html", name="x.html")
    client.force_login(personas["handler_a"])
    response = client.get(reverse("backoffice:case_attachment", kwargs={"pk": attachment.pk}))
    _assert_safe_download(response, "application/octet-stream")


def test_public_catalog_attachments_are_downloads_typed_by_content(client, personas):
    from gongkai.catalog import services
    from tests.catalog_helpers import draft

    item = draft(personas)
    services.add_attachment(actor=personas["editor_a"], item=item, name="通知.html", data=PDF + b"\n" * 10)
    services.submit_item(actor=personas["editor_a"], item=item)
    services.review_item(actor=personas["reviewer_a"], item=item)
    services.secrecy_review_item(actor=personas["secrecy_a"], item=item)
    item = services.publish_item(actor=personas["publisher"], item=item)
    attachment = item.attachments.get()
    response = client.get(reverse("portal:attachment", kwargs={"code": item.agency.code, "pk": item.pk,
                                                              "attachment_id": attachment.pk}))
    _assert_safe_download(response, "application/pdf")


def test_catalog_attachments_refuse_polyglots(personas):
    from gongkai.catalog import services
    from gongkai.core.errors import ValidationFailed
    from tests.catalog_helpers import draft

    with pytest.raises(ValidationFailed):
        services.add_attachment(actor=personas["editor_a"], item=draft(personas), name="a.pdf", data=POLYGLOT)


@pytest.mark.parametrize(("head", "expected"), [
    (PDF, "application/pdf"), (PNG, "image/png"), (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
    (POLYGLOT, None), (b"GIF89a", None), (b"", None), (b"   %PDF-1.4", None),
])
def test_public_type(head, expected):
    assert public_type(head) == expected


def test_markup_markers_need_a_tag_end_so_binary_data_passes():
    assert has_markup(b"\x00\x01<SCRIPT>") and has_markup(b"<!-- x") and has_markup(b"<svg/onload=x>")
    assert not has_markup(b"\x00<brx\x00<divided<p <a ")


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    assert content_disposition('报告 "终稿".pdf') == (
        "attachment; filename=\"__ ____.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%22%E7%BB%88%E7%A8%BF%22.pdf")
    assert content_disposition("../../etc/passwd\r\n") == "attachment; filename=\"passwd\"; filename*=UTF-8''passwd"


def test_upload_stream_handler_keeps_nothing_of_a_skipped_file(settings):
    """The handler skips the rest of a file beyond the limit: what reaches the next handler is bounded."""
    from django.core.files.uploadhandler import SkipFile

    from gongkai.core.uploads import BoundedUploadHandler

    handler = BoundedUploadHandler(per_file=10, total=15)
    handler.new_file("attachment1", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"1234567", 5)
    assert "attachment1" in handler.refusals and handler.received == 0
    handler.new_file("attachment2", "b.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"1234567890", 0) == b"1234567890"
    handler.new_file("attachment3", "c.pdf", "application/pdf", None)
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"123456", 0)
    assert set(handler.refusals) == {"attachment1", "attachment3"}


# --- 9. extraction bounded: a zip bomb stops before it is inflated --------------------------------------------

def _docx_bomb(member_bytes: int) -> bytes:
    """A DOCX whose document part is ``member_bytes`` of one repeated byte, written by zipfile as a stream
    (the member never exists in memory): a few hundred KB on disk."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(member_bytes // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_a_docx_zip_bomb_stops_before_inflating_and_says_so():
    from gongkai.catalog.extraction import extract, sniff

    bomb = _docx_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    assert sniff(bomb, "炸弹.docx") == "docx"
    result = extract(bomb, "docx")
    assert result.text == "" and "压缩" in result.problem
    assert result.inflated_bytes == 0          # refused from the directory: nothing was inflated


def test_an_archive_beyond_the_size_limit_stops_and_says_so(settings):
    from gongkai.catalog.extraction import extract

    settings.GONGKAI_EXTRACTION_MAX_RATIO = 10 ** 9   # the ratio would allow it; the size does not
    settings.GONGKAI_EXTRACTION_MAX_BYTES = 16 * 1024 * 1024
    result = extract(_docx_bomb(32 * 1024 * 1024), "docx")
    assert result.text == "" and "超过 16 MB" in result.problem and result.inflated_bytes == 0


def test_extraction_stops_at_the_time_limit_and_keeps_what_it_read(settings):
    import docx

    from gongkai.catalog.extraction import extract

    document = docx.Document()
    for n in range(50):
        document.add_paragraph(f"第{n}段")
    buffer = io.BytesIO()
    document.save(buffer)
    settings.GONGKAI_EXTRACTION_SECONDS = -1      # already past: the first check stops it
    result = extract(buffer.getvalue(), "docx")
    assert "时间限制" in result.problem and result.text == ""
    settings.GONGKAI_EXTRACTION_SECONDS = 20
    complete = extract(buffer.getvalue(), "docx")
    assert complete.problem == "" and "第49段" in complete.text


def test_the_editor_is_told_when_an_attachment_bomb_is_uploaded(client, personas):
    from gongkai.catalog.models import Attachment as ItemAttachment
    from gongkai.core.models import Event
    from tests.catalog_helpers import draft

    item = draft(personas)
    client.force_login(personas["editor_a"])
    response = client.post(reverse("backoffice:catalog_attachment_add", kwargs={"pk": item.pk}),
                           {"file": upload("名单.docx", _docx_bomb(200 * 1024 * 1024))}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "附件已上传" in body and "可能是压缩炸弹" in body
    stored = ItemAttachment.objects.get(item=item)
    assert stored.text == ""
    event = Event.objects.filter(action="item.attachment_added").latest("pk")
    assert "压缩" in event.payload["extraction_problem"]


def test_the_sample_nginx_sends_x_real_ip_and_does_not_expose_the_django_admin():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    proxy = (docs / "nginx-gongkai-proxy.conf").read_text()
    # The locations every site's server block includes live in nginx-gongkai-site.conf (issue 14).
    site = (docs / "nginx-gongkai.conf").read_text() + (docs / "nginx-gongkai-site.conf").read_text()
    assert "proxy_set_header X-Real-IP $remote_addr;" in proxy
    assert "location ^~ /django-admin/ { return 404; }" in site
    routed = [line for line in site.splitlines() if "proxy_pass" in line and not line.lstrip().startswith("#")]
    assert routed and not any("django-admin" in line for line in routed)
    # every location that passes to the application includes the proxy headers
    assert all("gongkai_proxy.conf" in line for line in routed if line.lstrip().startswith("location"))


def test_a_bomb_that_lies_about_its_size_is_cut_at_the_declared_size():
    """The bound rests on Python's zipfile never inflating a member beyond its declared size: a member that
    says 1,000 bytes but holds 50 MB yields at most 1,000 bytes (then fails its CRC), never 50 MB."""
    import struct
    import zipfile

    from gongkai.catalog.extraction import extract

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w") as member:
            for _ in range(50):
                member.write(b" " * (1024 * 1024))
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, 22, 1000)            # local header: uncompressed size
    struct.pack_into("<I", data, central + 24, 1000)  # central directory: uncompressed size
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, archive.open("word/document.xml") as member:
        got = b""
        with pytest.raises(zipfile.BadZipFile):
            while chunk := member.read(65536):
                got += chunk
        assert len(got) <= 1000
    result = extract(bytes(data), "docx")
    assert result.text == "" and result.problem and result.inflated_bytes == 1000
