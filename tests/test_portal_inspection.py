"""Inspection readiness: the single-veto rules of 国办秘函〔2019〕19号 (spec §6.1) and the staff page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.backoffice.inspection_rules import (
    DYNAMIC,
    OTHER,
    POLICY,
    ColumnFact,
    SiteFacts,
    check_site,
    months_before,
    stale,
)

TODAY = dt.date(2024, 3, 31)


def _col(kind, days_ago):
    return ColumnFact("c", "栏目", kind, None if days_ago is None else TODAY - dt.timedelta(days=days_ago))


@pytest.mark.parametrize(("kind", "days_ago", "expected"), [
    (DYNAMIC, 14, False),     # 2 weeks exactly: still fresh
    (DYNAMIC, 15, True),
    (POLICY, 183, False),     # 2023-09-30: exactly six months before 2024-03-31
    (POLICY, 184, True),
    (POLICY, 100, False),
    (OTHER, 999, False),      # columns without an update duty never count as stale
    (DYNAMIC, None, False),   # empty columns are counted as empty, not stale
])
def test_stale(kind, days_ago, expected):
    assert stale(_col(kind, days_ago), TODAY) is expected


def test_months_before_clamps_to_month_end():
    assert months_before(dt.date(2024, 8, 31), 6) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2024, 3, 31), 6) == dt.date(2023, 9, 30)


@pytest.mark.parametrize(("stale_count", "empty_count", "failed"), [
    (4, 4, set()),
    (5, 0, {"stale_columns"}),
    (0, 5, {"empty_columns"}),
])
def test_limits_of_five(stale_count, empty_count, failed):
    columns = [_col(DYNAMIC, 30)] * stale_count + [_col(POLICY, None)] * empty_count + [_col(DYNAMIC, 1)]
    findings = check_site(SiteFacts(TODAY, tuple(columns)), TODAY)
    assert {f.rule for f in findings if f.failed} == failed


def test_homepage_links_and_mailbox():
    facts = SiteFacts(TODAY - dt.timedelta(days=15), (), broken_links=(("某通知", "/gk/a/items/9/"),),
                      unanswered_messages=2)
    assert {f.rule for f in check_site(facts, TODAY) if f.failed} == {"homepage", "broken_links", "unanswered"}
    never = check_site(SiteFacts(None, ()), TODAY)
    assert never[0].failed and "从未更新" in never[0].detail
    assert "unanswered" not in {f.rule for f in never}   # no mailbox: no rule


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("editor_a", 403), ("publisher", 200), ("supervisor", 200), ("admin", 200),
])
def test_inspection_page_permissions(client, personas, who, status):
    if personas[who]:
        client.force_login(personas[who])
    response = client.get(reverse("backoffice:inspection"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "测试区人民政府" in html and "首页从未更新" in html


@pytest.mark.django_db
def test_inspection_finds_a_link_to_a_withdrawn_item(client, personas, django_capture_on_commit_callbacks, settings,
                                                      tmp_path):
    from gongkai.catalog import services as catalog
    from tests.catalog_helpers import published

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        target = published(personas, title="被引用的通知")
        published(personas, title="引用通知", body=f'<p>见<a href="/gk/dept-a/items/{target.pk}/">通知</a></p>')
        catalog.withdraw_item(actor=personas["publisher"], item=target, reason="错误")
    client.force_login(personas["publisher"])
    html = client.get(reverse("backoffice:inspection")).content.decode()
    assert f"引用通知：/gk/dept-a/items/{target.pk}/" in html


@pytest.mark.django_db
def test_inspection_page_in_english(client, personas, settings):
    client.force_login(personas["publisher"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("backoffice:inspection")).content.decode()
    assert "Inspection readiness" in html and "Links to other websites are checked weekly" in html
    assert "The homepage has never been updated" in html and "Empty columns: " in html and "首页从未更新" not in html
    settings.GONGKAI_LINK_CHECK = False
    html = client.get(reverse("backoffice:inspection")).content.decode()
    assert "external link check switched off" in html
