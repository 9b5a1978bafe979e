"""Files through Django's storage API (core/file_storage.py): with every named storage replaced by another
backend (in memory), an item's attachment, a case's letter, a redaction and the static publication all land
in their storage, and nothing is written under MEDIA_ROOT or the static-site directory; the default keeps the
file system exactly where it was."""

import datetime as dt

import pymupdf
import pytest
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.urls import reverse

from gongkai.cases import services as cases
from gongkai.cases.redaction import services as redaction
from gongkai.cases.tests.factories import walk_in
from gongkai.catalog import services as catalog
from gongkai.core import file_storage
from gongkai.portal import static_site
from tests.catalog_helpers import draft, published


def _pdf(text: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text, fontsize=12)
    return doc.tobytes()


def _files(root) -> list[str]:
    # The page cache's generation files (per-process cache only) are not the static site: left out.
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".generation" not in str(p))


@pytest.fixture
def elsewhere(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    settings.STORAGES = {**settings.STORAGES, **{name: {"BACKEND": "django.core.files.storage.InMemoryStorage"}
                                                 for name in file_storage.NAMES}}
    return tmp_path


def test_the_default_is_the_file_system_where_the_files_always_were(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    for name in (file_storage.ATTACHMENTS, file_storage.LETTERS, file_storage.REDACTIONS):
        assert isinstance(storages[name], FileSystemStorage) and storages[name].location == str(tmp_path / "media")
    assert isinstance(file_storage.site_storage(), file_storage.SiteFileStorage)
    assert file_storage.site_storage().location == str(tmp_path / "site")
    file_storage.replace(file_storage.site_storage(), "gk/a/index.html", b"one")
    file_storage.replace(file_storage.site_storage(), "gk/a/index.html", b"two")   # rewritten in place
    assert _files(tmp_path / "site") == ["gk/a/index.html"]
    assert (tmp_path / "site" / "gk/a/index.html").read_bytes() == b"two"


def test_a_page_name_never_leaves_the_site():
    assert static_site.page_name("/gk/x/items/1/") == "gk/x/items/1/index.html"
    assert static_site.page_name("/sitemap.xml") == "sitemap.xml"
    assert static_site.page_name("/", "sites/a.gov.cn/") == "sites/a.gov.cn/index.html"
    for bad in ("/../etc/passwd", "/gk/../../x/"):
        with pytest.raises(ValueError):
            static_site.page_name(bad)


@pytest.mark.django_db
def test_attachments_go_to_their_storage(personas, elsewhere):
    item = draft(personas)
    attachment = catalog.add_attachment(actor=personas["editor_a"], item=item, name="附件.pdf",
                                        data=_pdf("attached text"))
    store = storages[file_storage.ATTACHMENTS]
    assert isinstance(store, InMemoryStorage) and store.exists(attachment.file.name)
    with attachment.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    assert _files(elsewhere) == []


@pytest.mark.django_db
def test_letters_and_redactions_go_to_their_storages(personas, elsewhere):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=dt.date(2024, 2, 5), delivery="post")
    app = cases.accept_application(actor=handler, app=app, on=dt.date(2024, 2, 6))
    cases.decide(actor=handler, app=app, result="withheld_process_info", reply_type="36.3",
                 reasons="属于过程性信息。", decided_on=dt.date(2024, 3, 7))
    cases.deliver(actor=handler, app=app, method="post", posted_on=dt.date(2024, 3, 8), postal_service="ems",
                  waybill_number="EA123456789CN", signed_on=dt.date(2024, 3, 12), signed_by="张三")
    letter = app.letters.get(kind="decision")
    assert storages[file_storage.LETTERS].exists(letter.original_pdf.name)
    record = redaction.start_redaction(actor=handler, app=app, name="答复附件.pdf", data=_pdf("public; remove me"))
    record = redaction.redact_document(actor=handler, record=record, terms="remove me")
    store = storages[file_storage.REDACTIONS]
    assert store.exists(record.source.name) and store.exists(record.output.name)
    assert _files(elsewhere) == []


@pytest.mark.django_db
def test_the_static_publication_goes_to_the_site_storage(personas, elsewhere, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = published(personas, title="存储位置测试的通知")
    store = file_storage.site_storage()
    name = static_site.page_name(reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk}))
    assert store.exists(name) and "存储位置测试的通知" in store.open(name).read().decode()
    assert store.exists("index.html") and store.exists("sitemap.xml")
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="测试撤稿。")
    assert not store.exists(name)
    assert _files(elsewhere) == []
