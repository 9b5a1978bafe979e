"""Service tests: normative documents (validity, abolition, 解读 rule), attachments, channels, counts for the
annual report, 公开清单 obligations, and the art. 26 overdue list."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfWriter

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Item, MatterObligation
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.models import Event
from tests.catalog_helpers import draft, published, ready

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def policy(personas, **fields):
    fields.setdefault("title", "测试区财政局关于印发专项资金管理办法的通知")
    return ready(personas, normative_kind="normative", written_on=dt.date(2024, 3, 1), **fields)


def test_a_policy_needs_its_interpretation_or_a_not_required_mark(personas):
    item = policy(personas)
    with pytest.raises(ValidationFailed) as exc:
        services.publish_item(actor=personas["publisher"], item=item)
    assert exc.value.code == "catalog.interpretation_missing"
    assert Item.objects.get(pk=item.pk).status == "secrecy_reviewed"
    with pytest.raises(ValidationFailed):
        services.mark_interpretation_not_required(actor=personas["reviewer_a"], item=item, reason="")
    services.mark_interpretation_not_required(actor=personas["reviewer_a"], item=item, reason="内部管理类，无需解读")
    assert services.publish_item(actor=personas["publisher"], item=item).status == "published"


def test_an_interpretation_is_published_together_with_its_policy(personas):
    item = policy(personas)
    interpretation = ready(personas, title="《专项资金管理办法》政策解读", interprets=item)
    with pytest.raises(ValidationFailed) as exc:
        services.publish_item(actor=personas["publisher"], item=interpretation)
    assert exc.value.code == "catalog.policy_unpublished"
    services.publish_item(actor=personas["publisher"], item=item)
    interpretation.refresh_from_db()
    assert interpretation.status == "published"
    assert interpretation.published_on == Item.objects.get(pk=item.pk).published_on


def test_a_grace_period_setting_allows_the_policy_first(personas):
    services.configure_catalog(actor=personas["publisher"], agency=personas.dept_a, interpretation_grace_days=3)
    assert services.publish_item(actor=personas["publisher"], item=policy(personas)).status == "published"


def test_interpretations_due_after_the_grace_period(personas):
    services.configure_catalog(actor=personas["publisher"], agency=personas.dept_a, interpretation_grace_days=3)
    item = services.publish_item(actor=personas["publisher"], item=policy(personas), published_on=dt.date(2024, 3, 4))
    assert selectors.interpretations_due(personas["publisher"], dt.date(2024, 3, 7)) == []
    assert selectors.interpretations_due(personas["publisher"], dt.date(2024, 3, 8)) == [item]
    services.publish_item(actor=personas["publisher"], item=ready(personas, title="解读", interprets=item))
    assert selectors.interpretations_due(personas["publisher"], dt.date(2024, 3, 8)) == []


def test_abolition_by_a_later_document_and_the_facts(personas):
    services.configure_catalog(actor=personas["publisher"], agency=personas.dept_a, interpretation_required=False)
    old = services.publish_item(actor=personas["publisher"], item=policy(personas), published_on=dt.date(2024, 3, 5))
    new = services.publish_item(actor=personas["publisher"], item=policy(personas, title="关于废止有关文件的决定"),
                                published_on=dt.date(2024, 9, 2))
    with pytest.raises(NotAllowed):
        services.abolish_document(actor=personas["editor_b"], item=old, by=new, on=dt.date(2024, 9, 2))
    with pytest.raises(ValidationFailed):
        services.abolish_document(actor=personas["editor_a"], item=old, by=old, on=dt.date(2024, 9, 2))
    services.abolish_document(actor=personas["editor_a"], item=old, by=new, on=dt.date(2024, 9, 2), reason="已被替代")
    old.refresh_from_db()
    assert (old.validity, old.validity_changed_on, old.abolished_by_id) == ("abolished", dt.date(2024, 9, 2), new.pk)
    with pytest.raises(ValidationFailed):
        services.abolish_document(actor=personas["editor_a"], item=old, by=new, on=dt.date(2024, 9, 3))
    facts = {f.item_id: f for f in selectors.normative_facts(agency_ids=[personas.dept_a.pk],
                                                           until=dt.date(2024, 12, 31))}
    assert facts[old.pk].abolished_on == dt.date(2024, 9, 2) and facts[new.pk].abolished_on is None
    assert facts[old.pk].kind == "normative" and facts[old.pk].issued_on == dt.date(2024, 3, 1)
    assert selectors.normative_facts(agency_ids=[personas.dept_a.pk], until=dt.date(2024, 2, 1)) == []


def test_set_validity_needs_a_date(personas):
    item = published(personas)
    with pytest.raises(ValidationFailed):
        services.set_validity(actor=personas["publisher"], item=item, validity="expired", on=None)
    services.set_validity(actor=personas["publisher"], item=item, validity="expired", on=dt.date(2030, 1, 1))
    assert Item.objects.get(pk=item.pk).validity == "expired"


def _pdf_with_text() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def test_attachments_are_typed_by_content_and_screened(personas):
    item = draft(personas)
    a = services.add_attachment(actor=personas["editor_a"], item=item, name="名单.docx",
                                data=_docx("联系人手机 13912345678"))
    assert (a.kind, a.original_name) == ("docx", "名单.docx") and "13912345678" in a.text
    assert default_storage.exists(a.file.name)
    assert item.findings.get(kind="mobile").field == "附件：名单.docx"
    png = services.add_attachment(actor=personas["editor_a"], item=item, name="图片.pdf", data=PNG + b"\0" * 64)
    assert png.kind == "png"
    pdf = services.add_attachment(actor=personas["editor_a"], item=item, name="x.bin", data=_pdf_with_text())
    assert pdf.kind == "pdf"
    ofd = io.BytesIO()
    with zipfile.ZipFile(ofd, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Pages/Page_0/Content.xml", "<ofd:TextCode X='0'>电子公文正文</ofd:TextCode>")
    assert services.add_attachment(actor=personas["editor_a"], item=item, name="公文.ofd",
                                   data=ofd.getvalue()).text == "电子公文正文"
    services.remove_attachment(actor=personas["editor_a"], attachment=a)
    assert item.findings.get(kind="mobile").status == "resolved"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("病毒.pdf", b"MZ\x90\x00 this is an exe", "附件类型不受支持"),
    ("说明.txt", "纯文本".encode(), "附件类型不受支持"),
    ("空.pdf", b"", "附件是空文件"),
])
def test_bad_attachments_are_refused_and_nothing_is_stored(personas, name, data, message):
    item = draft(personas)
    events = Event.objects.count()
    with pytest.raises(ValidationFailed, match=message):
        services.add_attachment(actor=personas["editor_a"], item=item, name=name, data=data)
    assert not item.attachments.exists() and Event.objects.count() == events


def test_attachment_size_limit(personas, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationFailed, match="附件过大"):
        services.add_attachment(actor=personas["editor_a"], item=draft(personas), name="a.pdf",
                                data=b"%PDF-1.4" + b"0" * 2000)


def test_attachments_only_on_drafts_by_the_editor(personas):
    item = ready(personas)
    with pytest.raises(InvalidTransition):
        services.add_attachment(actor=personas["editor_a"], item=item, name="a.pdf", data=_pdf_with_text())
    with pytest.raises(NotAllowed):
        services.add_attachment(actor=personas["editor_b"], item=draft(personas), name="a.pdf", data=_pdf_with_text())


def test_counts_for_the_annual_report(personas):
    a = published(personas, category="caizheng", topic="0401", statutory_item="art20-07")
    b = published(personas, category="caizheng")
    services.record_channels(actor=personas["publisher"], item=a, channels=["weibo", "weixin"], on=a.published_on)
    with pytest.raises(ValidationFailed):
        services.record_channels(actor=personas["publisher"], item=a, channels=["tv"], on=a.published_on)
    day = a.published_on
    args = {"agency_ids": [personas.dept_a.pk, personas.dept_b.pk], "start": day, "end": day}
    assert selectors.item_counts(by="channel", **args) == {"portal": 2, "weibo": 1, "weixin": 1}
    assert selectors.item_counts(by="category", **args) == {"caizheng": 2}
    assert selectors.item_counts(by="topic", **args) == {"0401": 1}
    assert selectors.item_counts(by="statutory_item", **args) == {"art20-07": 1}
    assert selectors.item_counts(by="agency", **args) == {str(personas.dept_a.pk): 2}
    assert selectors.published_count(**args) == 2
    assert list(selectors.items_for_count(by="channel", key="weibo", **args)) == [a]
    services.withdraw_item(actor=personas["publisher"], item=b, reason="重复")
    assert selectors.published_count(**args) == 1
    with pytest.raises(ValueError):
        selectors.item_counts(by="colour", **args)


def test_public_door(personas):
    item = published(personas)
    assert selectors.public_item("dept-a", str(item.pk)) == item
    assert selectors.public_item("dept-a", item.index_number) == item
    assert selectors.item_status_for_public("dept-a", str(item.pk)) == "published"
    assert selectors.item_status_for_public("dept-b", str(item.pk)) == "missing"
    assert selectors.item_status_for_public("dept-a", str(draft(personas).pk)) == "missing"
    services.withdraw_item(actor=personas["publisher"], item=item, reason="错误")
    assert selectors.item_status_for_public("dept-a", item.index_number) == "withdrawn"
    with pytest.raises(Item.DoesNotExist):
        selectors.public_item("dept-a", str(item.pk))
    doc = selectors.item_document(Item.objects.get(pk=published(personas, body="<p>正文&amp;内容</p>").pk))
    assert doc.url.startswith("/gk/dept-a/items/") and doc.body == "正文&内容" and doc.key.startswith("item:")


def test_staff_door(personas):
    item = draft(personas)
    assert selectors.access_item(personas["publisher"], item.pk) == item
    with pytest.raises(NotAllowed):
        selectors.access_item(personas["editor_b"], item.pk)
    assert list(selectors.staff_items(personas["editor_b"])) == []
    services.submit_item(actor=personas["editor_a"], item=item)
    assert list(selectors.review_queue(personas["reviewer_a"])) == [item]
    assert list(selectors.review_queue(personas["secrecy_a"])) == []


def test_art26_overdue_items(personas):
    late = draft(personas, written_on=dt.date(2024, 1, 2))
    draft(personas, written_on=dt.date(2099, 1, 2))
    assert list(selectors.overdue_items(personas["editor_a"], dt.date(2024, 3, 1))) == [late]


def test_matters_obligations_and_compliance(personas):
    matter = services.create_matter(actor=personas["publisher"], agency=personas.dept_a, title="部门预算公开",
                                    basis="《预算法》第十四条", responsible_unit="预算科", periodicity="event",
                                    limit_days=20, limit_in_working_days=False)
    with pytest.raises(NotAllowed):
        services.create_matter(actor=personas["editor_b"], agency=personas.dept_a, title="x", basis="y",
                               responsible_unit="z", periodicity="event")
    obligation = services.record_matter_trigger(actor=personas["editor_a"], matter=matter, label="2024年预算批准",
                                                triggered_on=dt.date(2024, 2, 1))
    assert obligation.due_on == dt.date(2024, 2, 21)
    late = selectors.matter_compliance(personas["publisher"], dt.date(2024, 3, 1), only_problems=True)
    assert list(late) == [obligation]
    item = services.publish_item(actor=personas["publisher"], item=ready(personas, matter=matter),
                                 published_on=dt.date(2024, 2, 26))
    obligation = MatterObligation.objects.get(pk=obligation.pk)
    assert (obligation.item_id, obligation.fulfilled_on) == (item.pk, dt.date(2024, 2, 26))
    assert list(selectors.matter_compliance(personas["publisher"], dt.date(2024, 3, 1), only_problems=True)) == \
        [obligation]  # published, but late: still listed for 责任追究
    monthly = services.create_matter(actor=personas["publisher"], agency=personas.dept_a, title="月度统计",
                                     basis="条例第二十条第（四）项", responsible_unit="综合科", periodicity="monthly",
                                     limit_days=15)
    later = monthly.created_at.date().replace(day=1) + dt.timedelta(days=40)   # one month has ended since
    assert services.open_periodic_obligations(today=later) == 1
    assert services.open_periodic_obligations(today=later) == 0               # idempotent
