"""The item page's data (catalog/selectors_item_page.py, issue 17 §3): three prepared queries give what the model
selectors gave (the item's shown columns, its agency, topic and genre, attachments, 解读 newest first, the policy
it interprets, the document that abolished it), whatever links it has; withdrawn, unpublished, missing and odd
keys answer with their status."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalog import services
from gongkai.catalog.selectors import public_attachments, public_item_page, public_links
from gongkai.catalog.selectors_item_page import ITEM_COLUMNS, item_page
from gongkai.catalog.services import abolish_document
from tests.catalog_helpers import draft, ready

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


@pytest.fixture
def linked(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    policy = draft(personas, title="关于印发《专项资金管理办法》的通知", doc_number="测财发〔2024〕3号")
    services.add_attachment(actor=personas["editor_a"], item=policy, name="附件1.png", data=PNG + b"\0" * 64)
    services.add_attachment(actor=personas["editor_a"], item=policy, name="附件2.png", data=PNG + b"\0" * 9)
    services.submit_item(actor=personas["editor_a"], item=policy)
    services.review_item(actor=personas["reviewer_a"], item=policy)
    policy = services.secrecy_review_item(actor=personas["secrecy_a"], item=policy)
    policy = services.publish_item(actor=personas["publisher"], item=policy)
    first, second = (services.publish_item(actor=personas["publisher"], published_on=on,
                                           item=ready(personas, title=title, interprets=policy))
                     for title, on in (("政策解读（一）", dt.date(2024, 1, 2)), ("政策解读（二）", dt.date(2024, 3, 4))))
    old = ready(personas, title="关于旧办法的通知", normative_kind="normative", doc_number="测财发〔2020〕1号",
                written_on=dt.date(2020, 3, 1))
    ready(personas, title="《旧办法》解读", interprets=old)
    old = services.publish_item(actor=personas["publisher"], item=old)
    abolish_document(actor=personas["publisher"], item=old, by=policy, on=dt.date(2024, 6, 1), reason="新办法施行")
    return personas, policy, first, second, old


def _by_the_model_selectors(code, key):
    found, status = public_item_page(code, key)
    if found is None:
        return None, status
    related = {i.pk: i for i in public_links(pk__in=[p for p in (found.interprets_id, found.abolished_by_id) if p])}
    readings = sorted(public_links(interprets=found).order_by(),
                      key=lambda i: (i.published_on or dt.date.min, i.pk), reverse=True)
    return {
        "item": {name: getattr(found, name) for name in ITEM_COLUMNS},
        "agency": found.agency.__dict__ | {"_state": None},
        "terms": (found.topic.label if found.topic else None, found.genre.label if found.genre else None),
        "attachments": [(a.pk, a.original_name, a.kind, a.size) for a in public_attachments(found)],
        "interpretations": [(i.pk, i.title, i.published_on, i.agency.code) for i in readings],
        "interprets": _link(related.get(found.interprets_id)), "abolished_by": _link(related.get(found.abolished_by_id)),
    }, status


def _link(item):
    return None if item is None else (item.pk, item.title, item.published_on, item.agency.code)


def _prepared(code, key):
    page, status = item_page(code, key)
    if page is None:
        return None, status
    item = page.item
    return {
        "item": {name: getattr(item, name) for name in ITEM_COLUMNS},
        "agency": item.agency.__dict__ | {"_state": None},
        "terms": (item.topic.label if item.topic else None, item.genre.label if item.genre else None),
        "attachments": [(a["pk"], a["original_name"], a["kind"], a["size"]) for a in page.attachments],
        "interpretations": [(i["pk"], i["title"], i["published_on"], i["agency"]["code"]) for i in page.interpretations],
        "interprets": _dict_link(page.interprets), "abolished_by": _dict_link(page.abolished_by),
    }, status


def _dict_link(row):
    return None if row is None else (row["pk"], row["title"], row["published_on"], row["agency"]["code"])


@pytest.mark.django_db
def test_the_prepared_page_is_what_the_model_selectors_read(linked):
    personas, policy, first, second, old = linked
    code = personas.dept_a.code
    for item in (policy, first, second, old):
        for key in (str(item.pk), item.index_number):
            assert _prepared(code, key) == _by_the_model_selectors(code, key), (item.title, key)
    page, _status = item_page(code, str(policy.pk))
    assert [i["pk"] for i in page.interpretations] == [second.pk, first.pk]   # newest first
    assert [a["original_name"] for a in page.attachments] == ["附件1.png", "附件2.png"]
    assert item_page(code, str(old.pk))[0].abolished_by["pk"] == policy.pk
    assert item_page(code, str(first.pk))[0].interprets["pk"] == policy.pk


@pytest.mark.django_db
def test_the_page_reads_three_queries_whatever_links_the_item_has(linked):
    personas, policy, first, _second, old = linked
    for item in (policy, first, old):
        with CaptureQueriesContext(connection) as captured:
            page, _status = item_page(personas.dept_a.code, str(item.pk))
            page.item.get_validity_display(), page.item.agency.name, page.item.topic, page.item.genre
        assert len(captured.captured_queries) == 3


@pytest.mark.django_db
def test_statuses_and_odd_keys(linked):
    personas, policy, first, _second, _old = linked
    code = personas.dept_a.code
    services.withdraw_item(actor=personas["publisher"], item=first, reason="内容有误")
    assert item_page(code, str(first.pk)) == (None, "withdrawn")
    assert item_page(code, str(draft(personas).pk)) == (None, "missing")
    assert item_page(personas.government.code, str(policy.pk)) == (None, "missing")   # another agency's code
    for key in ("0", "-1", "abc", "9" * 30, "١٢", "%", "", "x" * 500, str(2 ** 63)):
        assert item_page(code, key) == (None, "missing"), key
    assert item_page("", str(policy.pk)) == (None, "missing")
