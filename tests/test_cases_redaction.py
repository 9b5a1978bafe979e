"""Redaction for 部分公开 (《条例》第三十七条): real PDFs made by WeasyPrint, PyMuPDF and LibreOffice are redacted,
and the verifier proves the withheld parts gone from the text, the metadata, the attachments, the layers and the
pixels, catches a box merely drawn on top, and sends scanned pages to a person; only a verified file is released.
"""

import hashlib
import io
import os
import shutil
import zipfile

import pymupdf
import pytest
from django.urls import reverse

from gongkai.cases import documents
from gongkai.cases.domain.redaction import Ground, Region, Verdict, parse_regions, parse_terms, verdict_of
from gongkai.cases.models import RedactionRecord
from gongkai.cases.redaction import convert, pdf, services
from gongkai.cases.redaction.verify import verify
from gongkai.cases.tests.factories import walk_in
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.events import events_for

ID = "11010519491231002X"          # valid GB 11643 check character
MOBILE = "13912345678"
SECRET = "机密段落内容甲乙丙"
MAX = 300


def _font_css():
    return "body{font-family:'Noto Sans CJK SC';font-size:12pt}"


@pytest.fixture(scope="module")
def scan_png() -> bytes:
    """An image of text, as a scanner makes it: no text layer, only pixels."""
    from weasyprint import HTML

    data = HTML(string=f"<style>{_font_css()}@page{{size:160mm 40mm;margin:5mm}}</style>"
                       f"<p style='font-size:20pt'>身份证 {ID}</p>").write_pdf()
    doc = pymupdf.open(stream=data)
    return doc[0].get_pixmap(dpi=110).tobytes("png")


@pytest.fixture(scope="module")
def weasy_pdf(tmp_path_factory) -> bytes:
    """A letter with the applicant's name, ID and mobile in the text, in the document properties and in an
    attachment; a paragraph already hidden under a drawn black box; a vector drawing."""
    from weasyprint import HTML, Attachment

    html = f"""<html><head><title>张三的申请 {MOBILE}</title><meta name=author content="张三">
    <meta name=keywords content="{ID}"><style>{_font_css()}</style></head><body>
    <p>申请人张三，身份证号码{ID}，手机139 1234 5678。</p>
    <p style="position:relative">这是公开的内容。<span>{SECRET}</span>
      <span style="position:absolute;left:0;top:0;width:320px;height:1.3em;background:black"></span></p>
    <p>签名：</p><svg width="200" height="60"><path d="M10 30 L190 30 L100 55 Z" fill="blue"/></svg>
    <p>其他公开文字。</p></body></html>"""
    return HTML(string=html).write_pdf(
        attachments=[Attachment(string=f"附件：张三 {MOBILE}", base_url=".")])


@pytest.fixture(scope="module")
def scan_pdf(scan_png) -> bytes:
    """A scanned page: the page is one image of text."""
    import base64

    from weasyprint import HTML

    src = "data:image/png;base64," + base64.b64encode(scan_png).decode()
    return HTML(string=f"<style>@page{{size:A5 landscape;margin:10mm}}</style><img src='{src}' "
                       "style='width:100%'>").write_pdf()


def layered_pdf() -> bytes:
    """A hidden layer (optional content switched off) holding a mobile number, an annotation and a form field
    holding another."""
    doc = pymupdf.open()
    page = doc.new_page()
    hidden = doc.add_ocg("内部批注", on=False)
    shown = doc.add_ocg("正文", on=True)
    page.insert_text((72, 72), "public text", fontsize=12, oc=shown)
    page.insert_text((72, 100), f"hidden {MOBILE}", fontsize=12, oc=hidden)
    page.insert_text((72, 130), "remove me please", fontsize=12)
    page.add_text_annot((300, 300), f"note {ID}")
    field = pymupdf.Widget()
    field.field_type, field.field_name, field.field_value = pymupdf.PDF_WIDGET_TYPE_TEXT, "phone", "13812345678"
    field.rect = pymupdf.Rect(72, 400, 300, 420)
    page.add_widget(field)
    return doc.tobytes()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(db, personas, media):
    return walk_in(personas["handler_a"], personas.dept_a, arrived_on=__import__("datetime").date(2024, 2, 5))


def _text(data: bytes) -> str:
    doc = pymupdf.open(stream=data)
    return "".join(pdf.fold(page.get_text("text", flags=pdf.TEXT_FLAGS)) for page in doc)


def _output(record) -> bytes:
    with record.output.open("rb") as handle:
        return handle.read()


def _redact(personas, record, **marks):
    personal = marks.pop("personal", None)
    if personal is None:
        personal = frozenset(s.key for s in services.suggestions(record))
    return services.redact_document(actor=personas["handler_a"], record=record, personal=personal, **marks)


# --- pure rules -------------------------------------------------------------------------------------------------

def test_regions_are_parsed_clipped_and_bad_lines_named():
    regions, problems = parse_regions("1: 10, 20, 110, 60\n\n2：0，0，9999，30\nx\n3: 1,1,5,5\n1: 5,5,5,9",
                                      [(595, 842), (300, 400)])
    assert regions == [Region(1, 10, 20, 110, 60), Region(2, 0, 0, 300, 30)]
    assert problems == ["第4行“x”格式不对，应为“页码: x0, y0, x1, y1”。", "第5行：页码3不存在（共2页）。",
                        "第6行：区域在第1页之外或面积为零（该页宽595、高842点）。"]


def test_terms_one_a_line_without_repeats():
    assert parse_terms(" 张三 \n\n李四\n张三\n") == ["张三", "李四"]


@pytest.mark.parametrize(("failures", "unproven", "verdict"), [
    (0, 0, Verdict.PASSED), (1, 0, Verdict.FAILED), (1, 2, Verdict.FAILED), (0, 1, Verdict.NEEDS_CONFIRMATION)])
def test_verdict(failures, unproven, verdict):
    assert verdict_of(failures, unproven) == verdict


# --- redaction and verification of real files -------------------------------------------------------------------

def test_weasyprint_letter_redacted_and_proved(personas, case, weasy_pdf):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="答复附件.pdf", data=weasy_pdf)
    found = services.suggestions(record)
    assert {(s.label, s.masked) for s in found} >= {("身份证号码", "110105********002X"), ("手机号码", "139****5678")}
    record = _redact(personas, record, terms=f"张三\n{SECRET}", term_ground=Ground.THIRD_PARTY,
                     regions="1: 60, 160, 260, 205", region_ground=Ground.PROCESS_INFO)
    assert record.status == "passed", record.verification
    out = _output(record)
    text = _text(out)
    for withheld in ("张三", SECRET, ID, MOBILE):
        assert withheld not in text
    assert "其他公开文字" in text and "这是公开的内容" in text
    doc = pymupdf.open(stream=out)
    assert not any(v for k, v in doc.metadata.items() if k not in {"format", "encryption"})
    assert doc.embfile_count() == 0 and doc.get_xml_metadata() == ""
    assert not list(doc[0].annots())
    # The vector drawing inside the region is gone, not covered: only the redaction's own fills remain there.
    region = pymupdf.Rect(61, 161, 259, 204)
    assert all(d["fill"] == (0.0, 0.0, 0.0) for d in doc[0].get_drawings() if d["rect"].intersects(region))
    # The record: what, why (the article), by whom, and the hashes of input and output.
    assert record.source_sha256 == hashlib.sha256(weasy_pdf).hexdigest() == record.original_sha256
    assert record.output_sha256 == hashlib.sha256(out).hexdigest() == record.verification["output_sha256"]
    kinds = {(m["kind"], m["article"]) for m in record.marks}
    assert ("term", "《条例》第十五条、第三十二条") in kinds and ("region", "《条例》第十六条第二款") in kinds
    assert ("personal", "《条例》第十五条、第三十二条") in kinds
    assert all(ID not in m["what"] and MOBILE not in m["what"] for m in record.marks)
    assert record.redacted_by == personas["handler_a"]
    assert all(c["passed"] for c in record.verification["checks"])
    actions = [e.action for e in events_for(case)]
    assert "case.redaction_started" in actions and "case.redaction_verified" in actions
    event = next(e for e in events_for(case) if e.action == "case.redaction_verified")
    assert event.payload["output_sha256"] == record.output_sha256 and "第三十七条" in event.legal_basis


def test_naive_overlay_is_caught(personas, case, weasy_pdf):
    """A black rectangle drawn over each mark, the text left beneath: the verifier fails it on every count."""
    doc = pymupdf.open(stream=weasy_pdf)
    found = pdf.personal_suggestions(doc)
    plan = pdf.plan_redaction(doc, terms=[("张三", Ground.THIRD_PARTY)], regions=[], personal=found,
                              personal_ground=Ground.THIRD_PARTY)
    for box in plan.boxes:
        doc[box.page - 1].draw_rect(pymupdf.Rect(box.rect), color=None, fill=(0, 0, 0))
    result = verify(doc.tobytes(), plan, max_pages=MAX)
    assert result.verdict == Verdict.FAILED
    failed = {c.code for c in result.failures}
    assert {"text_withheld", "text_personal_data", "text_under_boxes", "hidden_text", "metadata",
            "attachments", "raw_objects"} <= failed
    # Its messages name what survived, personal data masked.
    detail = next(c.detail for c in result.failures if c.code == "text_withheld")
    assert "110105********002X" in detail and ID not in detail


def test_text_already_under_a_drawn_box_is_caught_when_not_marked(personas, case, weasy_pdf):
    """The source's own black box hides text that is still there: unless it is redacted, the output fails."""
    doc = pymupdf.open(stream=weasy_pdf)
    plan = pdf.plan_redaction(doc, terms=[("张三", Ground.THIRD_PARTY)], regions=[],
                              personal=pdf.personal_suggestions(doc), personal_ground=Ground.THIRD_PARTY)
    result = verify(pdf.apply_redaction(weasy_pdf, [], max_pages=MAX), plan, max_pages=MAX)
    assert "hidden_text" in {c.code for c in result.failures}


def test_personal_data_not_ticked_fails_and_is_never_released(personas, case, weasy_pdf, client):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="a.pdf", data=weasy_pdf)
    keep = frozenset(s.key for s in services.suggestions(record) if s.label != "手机号码")
    record = _redact(personas, record, terms="张三", personal=keep)
    assert record.status == "failed"
    failed = {c["code"] for c in record.verification["checks"] if not c["passed"]}
    assert "text_personal_data" in failed
    with pytest.raises(InvalidTransition, match="核验未通过"):
        services.release_redaction(actor=personas["handler_a"], record=record)
    with pytest.raises(InvalidTransition):
        services.verified_output(record)
    client.force_login(personas["handler_a"])
    response = client.get(reverse("backoffice:case_redaction_download", kwargs={"pk": record.pk}))
    assert response.status_code == 302
    assert "case.redaction_failed" in [e.action for e in events_for(case)]


def test_scanned_page_is_blanked_under_the_box_and_flagged_for_a_person(personas, case, scan_pdf):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="扫描件.pdf", data=scan_pdf)
    assert services.suggestions(record) == []       # nothing to read: pixels only
    doc = pymupdf.open(stream=scan_pdf)
    image = pymupdf.Rect(doc[0].get_image_info()[0]["bbox"])
    box = pymupdf.Rect(image.x0 + image.width * 0.3, image.y0, image.x1, image.y1)
    record = _redact(personas, record, terms="不存在的词",
                     regions=f"1: {box.x0:.1f}, {box.y0:.1f}, {box.x1:.1f}, {box.y1:.1f}")
    assert record.status == "needs_confirmation"
    assert record.verification["unproven_pages"] == [1]
    assert record.verification["not_found"] == ["不存在的词"]
    assert next(c for c in record.verification["checks"] if c["code"] == "image_pixels")["passed"]
    # The image itself is blank under the box (not merely covered): read its pixels.
    out = pymupdf.open(stream=_output(record))
    info = out[0].get_image_info(xrefs=True)[0]
    pix = pymupdf.Pixmap(out, info["xref"])
    inner = pymupdf.IRect(int(pix.width * 0.32), 2, pix.width - 2, pix.height - 2)
    assert pix.color_count(clip=inner) == 1
    with pytest.raises(InvalidTransition, match="人工确认"):
        services.release_redaction(actor=personas["handler_a"], record=record)
    with pytest.raises(ValidationFailed):
        services.confirm_redaction(actor=personas["handler_a"], record=record, note=" ")
    record = services.confirm_redaction(actor=personas["handler_a"], record=record, note="已逐页核对第1页")
    record = services.release_redaction(actor=personas["handler_a"], record=record)
    assert record.status == "passed" and record.released_by == personas["handler_a"]
    assert [r.pk for r, data in services.released_files(case)] == [record.pk]


def test_naive_overlay_on_a_scan_is_caught_by_the_pixels(scan_pdf):
    doc = pymupdf.open(stream=scan_pdf)
    image = pymupdf.Rect(doc[0].get_image_info()[0]["bbox"])
    box = pymupdf.Rect(image.x0 + image.width * 0.3, image.y0, image.x1, image.y1)
    plan = pdf.plan_redaction(doc, terms=[], regions=[(Region(1, *box), Ground.THIRD_PARTY)], personal=[],
                              personal_ground=Ground.THIRD_PARTY)
    doc[0].draw_rect(box, color=None, fill=(0, 0, 0))
    result = verify(doc.tobytes(), plan, max_pages=MAX)
    assert "image_pixels" in {c.code for c in result.failures}


def test_hidden_layer_annotations_and_metadata_are_stripped(personas, case):
    data = layered_pdf()
    assert MOBILE not in pymupdf.open(stream=data)[0].get_text()     # hidden: a reader of the text never sees it
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="layers.pdf", data=data)
    suggestions = services.suggestions(record)
    assert [s.masked for s in suggestions] == ["138****5678"]     # the form field's value, not the hidden layer
    record = _redact(personas, record, terms="remove me")
    assert record.status == "passed", record.verification
    out = _output(record)
    doc = pymupdf.open(stream=out)
    assert not list(doc[0].widgets())
    assert b"AcroForm" not in out, doc.xref_object(doc.pdf_catalog())
    assert "13812345678" not in _text(out)
    assert doc.get_ocgs() == {} and b"OCProperties" not in out
    # Switching every layer on shows nothing more: the hidden content is gone from the file.
    everything = "".join(doc.xref_stream(x) .decode("latin-1") for x in doc[0].get_contents())
    assert MOBILE not in everything and "hidden" not in everything
    assert "public text" in doc[0].get_text()
    assert not list(doc[0].annots()) and ID not in out.decode("latin-1")


def test_verifier_fails_metadata_and_attachment_put_back(personas, case, weasy_pdf):
    doc = pymupdf.open(stream=weasy_pdf)
    plan = pdf.plan_redaction(doc, terms=[("张三", Ground.THIRD_PARTY)], regions=[],
                              personal=pdf.personal_suggestions(doc), personal_ground=Ground.THIRD_PARTY)
    good = pdf.apply_redaction(weasy_pdf, plan.boxes, max_pages=MAX)
    assert verify(good, plan, max_pages=MAX).verdict == Verdict.FAILED   # the unmarked black-box text
    plan = pdf.plan_redaction(doc, terms=[("张三", Ground.THIRD_PARTY), (SECRET, Ground.THIRD_PARTY)], regions=[],
                              personal=pdf.personal_suggestions(doc), personal_ground=Ground.THIRD_PARTY)
    good = pdf.apply_redaction(weasy_pdf, plan.boxes, max_pages=MAX)
    assert verify(good, plan, max_pages=MAX).verdict == Verdict.PASSED
    spoiled = pymupdf.open(stream=good)
    spoiled.set_metadata({"author": "张三"})
    spoiled.embfile_add("note.txt", f"手机 {MOBILE}".encode())
    failed = {c.code for c in verify(spoiled.tobytes(), plan, max_pages=MAX).failures}
    assert {"metadata", "attachments", "raw_objects"} <= failed


def test_tampered_output_is_refused(personas, case, weasy_pdf):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="a.pdf", data=weasy_pdf)
    record = _redact(personas, record, terms=f"张三\n{SECRET}")
    assert record.status == "passed"
    with open(record.output.path, "ab") as handle:
        handle.write(b"%tampered")
    with pytest.raises(InvalidTransition, match="SHA-256"):
        services.release_redaction(actor=personas["handler_a"], record=record)


# --- DOCX and XLSX through LibreOffice ---------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed: run scripts/system-deps.sh test (under CI=true this runs)")


@needs_soffice
def test_docx_converted_by_libreoffice_then_redacted(personas, case):
    from docx import Document

    document = Document()
    document.add_paragraph(f"申请人李四，身份证号码{ID}。")
    document.add_paragraph("本项目资金安排如下，可以公开。")
    document.core_properties.author = "李四"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="方案.docx", data=data)
    assert record.converted_from == "docx"
    assert record.original_sha256 == hashlib.sha256(data).hexdigest() != record.source_sha256
    assert [s.masked for s in services.suggestions(record)] == ["110105********002X"]
    record = _redact(personas, record, terms="李四")
    assert record.status == "passed", record.verification
    text = _text(_output(record))
    assert ID not in text and "李四" not in text and "可以公开" in text


@needs_soffice
def test_xlsx_converted_by_libreoffice_then_redacted(personas, case):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "补助金额"])
    sheet.append(["王五", MOBILE, 1200])
    buffer = io.BytesIO()
    book.save(buffer)
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="名单.xlsx",
                                      data=buffer.getvalue())
    assert record.converted_from == "xlsx"
    record = _redact(personas, record, terms="王五")
    assert record.status == "passed", record.verification
    text = _text(_output(record))
    assert MOBILE not in text and "王五" not in text and "1200" in text


def test_office_kind_is_read_from_the_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert convert.office_kind(buffer.getvalue()) == ""
    assert convert.office_kind(b"%PDF-1.7") == ""


def test_missing_libreoffice_is_a_clear_message(settings):
    settings.GONGKAI_SOFFICE = "no-such-soffice-here"
    with pytest.raises(ValidationFailed, match="LibreOffice"):
        convert.to_pdf(b"PK", "docx")


# --- bad input ---------------------------------------------------------------------------------------------------

def test_bad_files_get_clear_messages(personas, case, settings):
    handler = personas["handler_a"]
    with pytest.raises(ValidationFailed, match="不是 PDF"):
        services.start_redaction(actor=handler, app=case, name="a.txt", data=b"hello")
    with pytest.raises(ValidationFailed, match="已损坏"):
        services.start_redaction(actor=handler, app=case, name="a.pdf", data=b"%PDF-1.7\n garbage")
    locked = pymupdf.open()
    locked.new_page().insert_text((72, 72), "x")
    encrypted = locked.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(ValidationFailed, match="加密"):
        services.start_redaction(actor=handler, app=case, name="a.pdf", data=encrypted)
    settings.GONGKAI_REDACTION_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed, match="超过上限"):
        services.start_redaction(actor=handler, app=case, name="a.pdf", data=b"%PDF-" + b"0" * 2000)
    settings.GONGKAI_REDACTION_MAX_BYTES = 10**8
    settings.GONGKAI_REDACTION_MAX_PAGES = 2
    many = pymupdf.open()
    for _ in range(3):
        many.new_page()
    with pytest.raises(ValidationFailed, match="3 页"):
        services.start_redaction(actor=handler, app=case, name="a.pdf", data=many.tobytes())
    assert not RedactionRecord.objects.exists()


def test_nothing_marked_and_bad_regions_are_refused(personas, case, weasy_pdf):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="a.pdf", data=weasy_pdf)
    with pytest.raises(ValidationFailed, match="至少标记"):
        _redact(personas, record, personal=frozenset())
    with pytest.raises(ValidationFailed, match="页码9不存在"):
        _redact(personas, record, regions="9: 1, 1, 50, 50")


def test_only_case_handlers_redact(personas, case, weasy_pdf):
    with pytest.raises(NotAllowed):
        services.start_redaction(actor=personas["supervisor"], app=case, name="a.pdf", data=weasy_pdf)


# --- the back-office pages -----------------------------------------------------------------------------------------

def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize(("name", "status"), [("handler_a", 200), ("editor_b", 403), ("supervisor", 403)])
def test_redaction_pages_need_personal_data_rights(client, personas, case, name, status):
    client.force_login(personas[name])
    assert client.get(reverse("backoffice:case_redactions", kwargs={"pk": case.pk})).status_code == status


def test_officer_marks_previews_and_downloads(client, personas, case, weasy_pdf):
    client.force_login(personas["handler_a"])
    detail = client.get(reverse("backoffice:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert reverse("backoffice:case_redactions", kwargs={"pk": case.pk}) in detail
    url = reverse("backoffice:case_redactions", kwargs={"pk": case.pk})
    response = client.post(url, {"file": _upload("note.txt", b"just text")})
    assert response.status_code == 400 and "不是 PDF" in response.content.decode()
    response = client.post(url, {"file": _upload("答复.pdf", weasy_pdf)})
    record = RedactionRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:case_redaction",
                                                                             kwargs={"pk": record.pk})
    page = client.get(response["Location"]).content.decode()
    assert "110105********002X" in page and ID not in page        # finder suggestions, masked
    keys = [s.key for s in services.suggestions(record)]
    response = client.post(response["Location"], {
        "action": "redact", "terms": f"张三\n{SECRET}", "term_ground": "third_party", "personal": keys,
        "personal_ground": "third_party", "regions": "1: 0, 0, 10", "region_ground": "process_info"})
    assert response.status_code == 400 and "格式不对" in response.content.decode()
    response = client.post(reverse("backoffice:case_redaction", kwargs={"pk": record.pk}), {
        "action": "redact", "terms": f"张三\n{SECRET}", "term_ground": "third_party", "personal": keys,
        "personal_ground": "third_party", "regions": "", "region_ground": "process_info"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "passed"
    page = client.get(reverse("backoffice:case_redaction", kwargs={"pk": record.pk})).content.decode()
    assert record.output_sha256 in page and record.source_sha256 in page and "《条例》第十五条" in page
    png = client.get(reverse("backoffice:case_redaction_page", kwargs={"pk": record.pk, "which": "output",
                                                                       "page": 1}))
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    missing = client.get(reverse("backoffice:case_redaction_page", kwargs={"pk": record.pk, "which": "output",
                                                                           "page": 7}))
    assert missing.status_code == 404
    download = client.get(reverse("backoffice:case_redaction_download", kwargs={"pk": record.pk}))
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert hashlib.sha256(body).hexdigest() == record.output_sha256
    assert client.post(reverse("backoffice:case_redaction", kwargs={"pk": record.pk}),
                       {"action": "release"}).status_code == 302
    record.refresh_from_db()
    assert record.released_at is not None
    # The case file holds the verification record and the verified output.
    with zipfile.ZipFile(io.BytesIO(documents.case_file_zip(case))) as archive:
        names = archive.namelist()
        assert f"redactions/{record.pk}-verification.json" in names
        assert hashlib.sha256(archive.read(f"redactions/{record.pk}-redacted.pdf")).hexdigest() == \
            record.output_sha256


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_redaction_journey_in_a_browser(live_server, page, personas, weasy_pdf, settings, tmp_path):
    from tests.browser import login

    settings.MEDIA_ROOT = tmp_path / "media"
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=__import__("datetime").date(2024, 2, 5))
    source = tmp_path / "答复附件.pdf"
    source.write_bytes(weasy_pdf)
    login(page, live_server, "handler_a", "pw-handler_a")
    page.goto(f"{live_server.url}/staff/cases/{app.pk}/")
    page.click("#redactions-link")
    page.set_input_files("#id_file", str(source))
    page.click("main button.primary")
    assert "110105********002X" in page.content()
    page.fill("#id_terms", f"张三\n{SECRET}")
    page.click("main form button.primary >> text=遮盖并核验")
    assert page.locator("#redaction-status").inner_text() == "核验通过"
    page.locator(".redaction-pages img").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(tmp_path / "redaction.png"), full_page=True)
    if os.environ.get("GONGKAI_KEEP_SCREENSHOT"):
        shutil.copy(tmp_path / "redaction.png", os.environ["GONGKAI_KEEP_SCREENSHOT"])


def test_odd_preview_urls_are_not_found(client, personas, case, weasy_pdf):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="a.pdf", data=weasy_pdf)
    client.force_login(personas["handler_a"])
    for which, number in (("other", 1), ("source", 0), ("source", 5), ("output", 1)):
        url = reverse("backoffice:case_redaction_page", kwargs={"pk": record.pk, "which": which, "page": number})
        assert client.get(url).status_code == 404, (which, number)
    assert client.get(reverse("backoffice:case_redaction", kwargs={"pk": record.pk + 99})).status_code == 404
    source = client.get(reverse("backoffice:case_redaction_page", kwargs={"pk": record.pk, "which": "source",
                                                                          "page": 1}))
    assert source.status_code == 200 and source.content.startswith(b"\x89PNG")


def test_an_unreadable_output_fails_and_never_passes():
    result = verify(b"%PDF-1.7 broken", pdf.Plan(), max_pages=MAX)
    assert result.verdict == Verdict.FAILED and [c.code for c in result.failures] == ["open"]


def test_scan_confirmed_by_a_person_through_the_page(client, personas, case, scan_pdf):
    client.force_login(personas["handler_a"])
    client.post(reverse("backoffice:case_redactions", kwargs={"pk": case.pk}), {"file": _upload("scan.pdf", scan_pdf)})
    record = RedactionRecord.objects.get()
    url = reverse("backoffice:case_redaction", kwargs={"pk": record.pk})
    response = client.post(url, {"action": "redact", "terms": "", "term_ground": "third_party",
                                 "personal_ground": "third_party", "regions": "1: 200, 60, 500, 120",
                                 "region_ground": "third_party"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="unproven"' in page and "1: 200, 60, 500, 120" in page      # the marks stay in the form
    assert client.post(url, {"action": "release"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "needs_confirmation" and record.released_at is None
    assert client.post(url, {"action": "confirm", "note": ""}).status_code == 400
    client.post(url, {"action": "confirm", "note": "已核对第1页"})
    record.refresh_from_db()
    assert record.status == "passed" and record.confirmed_by == personas["handler_a"]


def test_huge_upload_gets_a_message(client, personas, case, settings):
    settings.GONGKAI_REDACTION_MAX_BYTES = 2048
    client.force_login(personas["handler_a"])
    response = client.post(reverse("backoffice:case_redactions", kwargs={"pk": case.pk}),
                           {"file": _upload("big.pdf", b"%PDF-1.7\n" + b"0" * 4096)})
    assert response.status_code == 400 and "超过上限" in response.content.decode()
    assert not RedactionRecord.objects.exists()


def test_a_new_run_replaces_the_failed_output(personas, case, weasy_pdf, django_capture_on_commit_callbacks):
    record = services.start_redaction(actor=personas["handler_a"], app=case, name="a.pdf", data=weasy_pdf)
    record = _redact(personas, record, terms="张三")
    assert record.status == "failed"          # the text under the source's drawn box is still there
    failed_path = record.output.path
    with django_capture_on_commit_callbacks(execute=True):
        record = _redact(personas, record, terms=f"张三\n{SECRET}")
    assert record.status == "passed"
    assert not os.path.exists(failed_path) and os.path.exists(record.output.path)
    runs = [e.payload["output_sha256"] for e in events_for(case) if e.action.startswith("case.redaction_")
            and "output_sha256" in e.payload and e.action != "case.redaction_started"]
    assert len(runs) == 2 and runs[-1] == record.output_sha256
