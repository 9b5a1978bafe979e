"""The catalog page rendered fresh (issue 17 §3): its agency, sub-agencies and filter lists kept per generation
of the site's pages (portal/site_lists.py), its count and rows read on every request. A publication, a
withdrawal and an agency's change show on the next fresh render; no page makes more queries than before (five);
odd input is never a 500."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.services import create_agency, update_agency
from gongkai.catalog import services
from gongkai.catalog.models import Term
from gongkai.core.actors import System
from gongkai.portal import site_lists
from tests.catalog_helpers import published


@pytest.fixture
def fresh(personas, settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE = False   # every request renders
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return personas


def _count(html: str) -> int:
    return int(re.search(r"共 (\d+) 条", html).group(1))


def _get(client, code, query=""):
    response = client.get(reverse("portal:catalog", kwargs={"code": code}) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_publication_and_a_withdrawal_show_on_the_next_fresh_render(fresh, client,
                                                                       django_capture_on_commit_callbacks):
    gov = fresh.government.code
    before = _get(client, gov)
    assert len(site_lists._sites) == 1   # the site's lists are kept
    with django_capture_on_commit_callbacks(execute=True):
        item = published(fresh, title="新发布的通知")
    html = _get(client, gov)
    assert _count(html) == _count(before) + 1 and "新发布的通知" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_item(actor=fresh["publisher"], item=item, reason="内容有误")
    html = _get(client, gov)
    assert _count(html) == _count(before) and "新发布的通知" not in html


@pytest.mark.django_db
def test_an_agency_added_renamed_or_closed_changes_the_filter_list(fresh, client,
                                                                   django_capture_on_commit_callbacks):
    gov = fresh.government
    assert "测试区新设局" not in _get(client, gov.code)
    with django_capture_on_commit_callbacks(execute=True):
        added = create_agency(actor=System, parent=gov, name="测试区新设局", code="new-bureau", kind="department",
                              level="county")
    assert '<option value="new-bureau">测试区新设局</option>' in _get(client, gov.code)
    with django_capture_on_commit_callbacks(execute=True):
        update_agency(actor=System, agency=added, name="测试区改名局", reason="机构改革")
    html = _get(client, gov.code)
    assert '<option value="new-bureau">测试区改名局</option>' in html and "测试区新设局" not in html
    with django_capture_on_commit_callbacks(execute=True):
        update_agency(actor=System, agency=added, is_active=False, reason="撤销")
    assert "new-bureau" not in _get(client, gov.code)


@pytest.mark.django_db
def test_a_term_added_shows_in_its_filter(fresh, client):
    code = fresh.dept_a.code
    assert "新的主题" not in _get(client, code)
    Term.objects.create(scheme="topic", code="new-topic", label="新的主题", sort_order=999)
    assert '<option value="new-topic">新的主题</option>' in _get(client, code)


@pytest.mark.django_db
def test_no_more_queries_than_before(fresh, client, django_capture_on_commit_callbacks):
    code = fresh.dept_a.code
    published(fresh, title="一份通知")
    _get(client, code)
    with CaptureQueriesContext(connection) as kept:
        _get(client, code)
    assert len(kept.captured_queries) <= 3   # the count, the page, and once a minute how many items in all
    with django_capture_on_commit_callbacks(execute=True):
        published(fresh, title="又一份通知")
    with CaptureQueriesContext(connection) as drawn:
        _get(client, code)
    assert len(drawn.captured_queries) <= 5   # and the agency and its sub-agencies again: five before this change


@pytest.mark.django_db
def test_odd_input_is_never_a_500(fresh, client):
    code = fresh.dept_a.code
    published(fresh, title="一份通知")
    assert client.get(reverse("portal:catalog", kwargs={"code": code}) + "?topic=%00").status_code == 400
    for query in ("?page=abc", "?page=-1", "?page=99999999999999999999", "?year=abc", "?year=99999", "?year=-5",
                  "?topic=" + "x" * 3000, "?agency=%E2%80", "?genre=%25", "?statutory=_",
                  "?page=2&year=2024&topic=a&genre=b&statutory=c&agency=d"):
        html = _get(client, code, query)
        assert "共" in html, query
    assert client.get(reverse("portal:catalog", kwargs={"code": "no-such-agency"})).status_code == 404
    assert not site_lists._sites or all(key[1] != "no-such-agency" for key in site_lists._sites)
