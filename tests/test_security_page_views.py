"""Page views cannot be poisoned or inflated (issue 11, point 11): only served pages of published items, only
visitors (not bots, not the static publisher), and a bad row never sinks a batch."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.catalog import services as catalog
from gongkai.portal import static_site
from gongkai.search import page_views
from gongkai.search.models import PageView
from gongkai.search.services import add_page_views
from tests.catalog_helpers import draft, published

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_STATIC_SITE_DIR


@pytest.fixture
def item(personas, site_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return published(personas, title="关于做好2024年度财政预算公开工作的通知", body="<p>请按要求公开预算。</p>")


@pytest.fixture
def visitor():
    page_views.take_pending()
    yield Client(HTTP_USER_AGENT=BROWSER, raise_request_exception=False)
    page_views.take_pending()


def counts():
    page_views.flush_views()
    return {(r.agency_id, r.item_id): r.count for r in PageView.objects.all()}


def test_a_visitor_reading_an_item_is_counted(visitor, item):
    for _ in range(2):
        assert visitor.get(item.public_path).status_code == 200   # the second from the page cache
    assert counts() == {(item.agency_id, None): 2, (item.agency_id, item.pk): 2}


def test_missing_random_and_oversized_ids_add_nothing_and_do_not_break_later_visitors(visitor, item):
    code = item.agency.code
    for key in ["999999", "123456789012", "9" * 30, "18446744073709551616", "x" * 200]:
        visitor.get(f"/gk/{code}/items/{key}/")        # 404 (or an error of the item page), never a view
    assert page_views.take_pending() == {}
    for _ in range(40):
        assert visitor.get(item.public_path).status_code == 200
    assert counts() == {(item.agency_id, None): 40, (item.agency_id, item.pk): 40}


def test_unpublished_and_withdrawn_items_are_not_counted(visitor, personas, item, django_capture_on_commit_callbacks):
    unpublished = draft(personas, title="草稿")
    assert visitor.get(f"/gk/{item.agency.code}/items/{unpublished.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="已废止")
    assert visitor.get(item.public_path).status_code == 410
    assert counts() == {}


@pytest.mark.parametrize("agent", ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                                   "Mozilla/5.0 (compatible; Baiduspider/2.0)", "Sogou web spider/4.0",
                                   "curl/8.5.0", "Wget/1.21", "python-requests/2.32", "Python-urllib/3.11",
                                   "Mozilla/5.0 HeadlessChrome/131.0", "Gongkai-LinkCheck/1.0", ""])
def test_bots_and_programs_are_not_counted(item, agent):
    page_views.take_pending()
    bot = Client(HTTP_USER_AGENT=agent)
    assert bot.get(item.public_path).status_code == 200
    assert bot.get(reverse("portal:site", kwargs={"code": item.agency.code})).status_code == 200
    assert page_views.take_pending() == {}


def test_prefetches_are_not_counted(item):
    page_views.take_pending()
    Client(HTTP_USER_AGENT=BROWSER).get(item.public_path, HTTP_SEC_PURPOSE="prefetch")
    assert page_views.take_pending() == {}


def test_the_static_publisher_does_not_count_its_own_renders(visitor, item, site_dir):
    assert static_site.publish_all() > 0
    assert static_site.publish_item_pages(item) > 0
    assert page_views.take_pending() == {}


def test_a_bad_row_is_dropped_and_the_rest_of_the_batch_saved(personas):
    today = dt.date(2026, 3, 2)
    batch = {(today, personas.dept_a.pk, n): 1 for n in range(1, 41)}
    batch[(today, personas.dept_a.pk, 10 ** 30)] = 1        # beyond BIGINT
    batch[(today, personas.dept_a.pk, -5)] = 1
    batch[(today, personas.dept_a.pk, None)] = 2 ** 40      # beyond the count column
    batch[("2026-03-02", personas.dept_a.pk, None)] = 1     # not a date
    assert add_page_views(batch) == {}
    assert PageView.objects.count() == 40
    assert add_page_views({(today, personas.dept_a.pk, 1): 2}) == {}
    assert PageView.objects.get(item_id=1).count == 3


def test_record_view_ignores_ids_no_row_could_have(personas):
    page_views.take_pending()
    page_views.record_view(personas.dept_a.pk, 10 ** 30)
    page_views.record_view(0, None)
    assert page_views.take_pending() == {}


def test_pending_counts_are_bounded(personas, monkeypatch):
    page_views.take_pending()
    monkeypatch.setattr(page_views, "MAX_PENDING", 10)
    monkeypatch.setattr(page_views, "FLUSH_EVERY", 10 ** 9)
    for n in range(1, 50):
        page_views.record_view(personas.dept_a.pk, n)
    pending = page_views.take_pending()
    assert len(pending) == 10 and pending[(pending and next(iter(pending))[0], personas.dept_a.pk, None)] == 49
