"""Bulk publication (imports, the demo) indexes at once and leaves item pages to the minute timer."""

import pytest

from gongkai.catalog import signals
from gongkai.portal.publication import write_missing_item_pages
from gongkai.search.selectors import search as run_search
from tests.catalog_helpers import published


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_STATIC_SITE_DIR


@pytest.mark.django_db
def test_bulk_publication_indexes_now_and_writes_item_pages_later(personas, site_dir, monkeypatch):
    # Published without running the per-item on-commit handlers, as a bulk import does.
    items = [published(personas, title=f"批量发布的第{n}份通知") for n in range(3)]
    signals.items_bulk_published.send(sender=None, item_ids=[i.pk for i in items])

    assert (site_dir / "gk" / "dept-a" / "catalog" / "index.html").exists()
    pages = [site_dir / i.public_path.strip("/") / "index.html" for i in items]
    assert not any(p.exists() for p in pages)
    assert run_search("批量发布").total == 3

    monkeypatch.setattr("gongkai.portal.publication.ITEM_PAGES_PER_TICK", 2)
    assert write_missing_item_pages() == 2
    assert write_missing_item_pages() == 1
    assert write_missing_item_pages() == 0
    assert all(items[n].title in pages[n].read_text() for n in range(3))
