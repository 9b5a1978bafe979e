"""Atom and JSON feeds per agency and per category: published items in, withdrawn and unpublished out."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from gongkai.catalog import services
from tests.catalog_helpers import draft, published

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def titles_atom(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return [e.find(f"{ATOM}title").text for e in ET.fromstring(response.content).findall(f"{ATOM}entry")]


def test_agency_feeds(client, personas):
    kept = published(personas, title="财政预算公开", category="caizheng")
    gone = published(personas, title="已撤稿的信息")
    draft(personas, title="草稿不在订阅中")
    services.withdraw_item(actor=personas["publisher"], item=gone, reason="重复发布")
    assert titles_atom(client, "/feeds/dept-a.atom") == ["财政预算公开"]
    data = json.loads(client.get("/feeds/dept-a.json").content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in data["items"]] == ["财政预算公开"]
    assert data["items"][0]["url"].endswith(f"/gk/dept-a/items/{kept.pk}/")
    assert data["items"][0]["_gongkai"]["index_number"] == kept.index_number
    assert titles_atom(client, "/feeds/dept-a/caizheng.atom") == ["财政预算公开"]
    cache.clear()
    assert titles_atom(client, "/feeds/dept-a/renshi.atom") == []
    assert titles_atom(client, "/feeds/dept-b.atom") == []


def test_unknown_agency_or_category_is_404(client, personas):
    assert client.get("/feeds/nowhere.atom").status_code == 404
    assert client.get("/feeds/dept-a/nothing.json").status_code == 404
