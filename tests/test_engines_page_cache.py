"""A publication drops the cached pages that show it — the item, its site's lists and home, the lists of the
sites above it, the feeds, the cluster's home — and nothing else (issue: site cluster §5), with the generations
in files (the embedded default) and in Redis (production: every app server sees them at once)."""

import pytest
from django.urls import reverse

from gongkai.portal import page_cache
from tests.catalog_helpers import published
from tests.engines_services import need_redis, redis_cache_settings


@pytest.fixture(params=["files", "redis"])
def generations_in(request, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    if request.param == "redis":
        settings.CACHES = redis_cache_settings(need_redis())
        from django.core.cache import cache

        cache.clear()
    return request.param


def _warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_publication_drops_only_the_pages_that_show_it(client, personas, generations_in,
                                                          django_capture_on_commit_callbacks,
                                                          django_assert_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        other = published(personas, title="早先发布的一份通知")
    showing = [reverse("portal:catalog", kwargs={"code": "dept-a"}), reverse("portal:site", kwargs={"code": "dept-a"}),
               reverse("portal:site", kwargs={"code": "gov"}), reverse("portal:catalog", kwargs={"code": "gov"}),
               reverse("portal:home"), reverse("portal:feed_atom", kwargs={"code": "dept-a"}),
               reverse("portal:feed_json", kwargs={"code": "dept-a"})]
    not_showing = [reverse("portal:site", kwargs={"code": "dept-b"}), reverse("portal:catalog", kwargs={"code": "town"}),
                   reverse("portal:guide", kwargs={"code": "dept-b"}), other.public_path]
    _warm(client, showing + not_showing)
    with django_capture_on_commit_callbacks(execute=True):
        new = published(personas, title="第二份通知")
    for url in showing:
        assert "第二份通知" in client.get(url).content.decode(), url
    for url in not_showing:
        with django_assert_num_queries(0):   # still cached: not rendered again
            assert client.get(url).status_code == 200
    assert client.get(new.public_path).status_code == 200


@pytest.mark.django_db
def test_an_interpretation_drops_the_page_of_the_policy_it_interprets(client, personas, generations_in,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        policy = published(personas, title="关于印发预算管理办法的通知")
    assert "《预算管理办法》解读" not in client.get(policy.public_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        published(personas, title="《预算管理办法》解读", interprets=policy)
    assert "《预算管理办法》解读" in client.get(policy.public_path).content.decode()


@pytest.mark.django_db
def test_withdrawal_drops_the_item_page_and_its_lists(client, personas, generations_in,
                                                      django_capture_on_commit_callbacks):
    from gongkai.catalog import services as catalog

    with django_capture_on_commit_callbacks(execute=True):
        item = published(personas, title="将被撤回的通知")
    catalog_url = reverse("portal:catalog", kwargs={"code": "dept-a"})
    _warm(client, [item.public_path, catalog_url])
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="内容有误")
    assert client.get(item.public_path).status_code == 410
    assert "将被撤回的通知" not in client.get(catalog_url).content.decode()


@pytest.mark.django_db
def test_a_full_republication_drops_every_page(client, personas, generations_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("portal:site", kwargs={"code": "dept-b"})
    _warm(client, [url])
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as rendered:
        client.get(url)
    assert any("agencies_agency" in q["sql"] for q in rendered.captured_queries)


def test_generations_only_grow_and_scopes_are_apart(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    a, b = page_cache.site_scope("a"), page_cache.site_scope("b")
    before = page_cache.generations([a, b])
    for _ in range(3):
        page_cache.invalidate(a)
        now = page_cache.generations([a, b])
        assert now[0] > before[0] and now[1] == before[1]
        before = now


def test_generations_in_redis_are_seen_by_another_connection(settings):
    """Another app server is another client of the same Redis: a bump made through a second, separate cache
    connection is what this process reads next."""
    from django.core.cache.backends.redis import RedisCache

    url = need_redis()
    settings.CACHES = redis_cache_settings(url)
    scope = page_cache.site_scope("seen-elsewhere")
    before = page_cache.generations([scope])[0]
    elsewhere = RedisCache(settings.CACHES["default"]["LOCATION"], {"KEY_PREFIX": "gk_engines_test"})
    elsewhere.set(f"portal-generation:{scope}", before + 5, timeout=None)
    assert page_cache.generations([scope]) == [before + 5]
    page_cache.invalidate(scope)
    assert int(elsewhere.get(f"portal-generation:{scope}")) > before + 5
