"""The API's search answers what the portal's search page answers for the same query: the same hits in the same
order, the same exact 文号 matches and the same next page (both call ``search.selectors.search``)."""

import re

import pytest
from django.test import Client

from tests.api_helpers import call
from tests.catalog_helpers import published

HIT = re.compile(r'<h3><a href="([^"]+)">')
NEXT = re.compile(r'after=([^&"]+)&amp;p=')
EXACT = re.compile(r'<ul class="item-list"><li><a href="([^"]+)">')


@pytest.fixture
def corpus(personas, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(24):
            where = "title" if n % 3 == 0 else "body"
            title = f"关于2024年度部门预算公开的通知（第{n}号）" if where == "title" else f"第{n}期工作动态"
            body = "<p>本期工作动态。</p>" if where == "title" else f"<p>按要求公开部门预算和决算，第{n}项。</p>"
            published(personas, title=title, body=body, doc_number=f"测财发〔2024〕{n + 1}号")


def _portal(client, params):
    html = client.get("/search/", params).content.decode()
    nxt = NEXT.search(html)
    return HIT.findall(html), (nxt.group(1) if nxt else ""), EXACT.findall(html)


def _api(client, params):
    query = {"q": params["q"], **{k: v for k, v in params.items() if k in ("agency", "sort")}}
    if params.get("after"):
        query["cursor"] = params["after"]
    data = call(client, "get", "/search?" + "&".join(f"{k}={v}" for k, v in query.items())).json()
    return [h["url"] for h in data["hits"]], data["next_cursor"], [d["url"] for d in data["exact"]]


QUERIES = [{"q": "预算"}, {"q": "预算 公开"}, {"q": "部门预算", "sort": "date"}, {"q": "预算", "agency": "dept-a"},
           {"q": "预算", "agency": "dept-b"}, {"q": "测财发〔2024〕7号"}, {"q": "不存在的词语组合"}]


@pytest.mark.django_db
def test_the_api_and_the_portal_find_the_same(corpus):
    portal, api = Client(), Client()
    answers = {}
    for params in QUERIES:
        first = _portal(portal, params)
        assert first == _api(api, params), params
        answers[str(params)] = first
        if first[1]:
            after = {**params, "after": first[1]}
            assert _portal(portal, after) == _api(api, after), after
    hits, cursor, _exact = answers[str({"q": "预算"})]
    assert len(hits) == 20 and cursor              # a full page and the next one were compared
    assert len(answers[str({"q": "测财发〔2024〕7号"})][2]) == 1   # and an exact 文号 match
    assert answers[str({"q": "预算", "agency": "dept-b"})][0] == []
