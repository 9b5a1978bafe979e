"""The catalog page's rows (catalog/selectors_catalog_page.py, issue 17 §3): counted and paged by prepared
queries, the same rows in the same order as the model queryset for every set of filters, whichever way a page
is read (walking all items newest first, or sorting the agency's)."""

import datetime as dt
import itertools

import pytest

from gongkai.catalog import selectors_catalog_page as rows_module
from gongkai.catalog import services
from gongkai.catalog.models import Term
from gongkai.catalog.selectors import public_items
from gongkai.catalog.selectors_catalog_page import catalog_rows
from tests.catalog_helpers import ready


@pytest.fixture
def catalog(personas):
    topic, genre = (Term.objects.filter(scheme=s, is_active=True).first() for s in ("topic", "genre"))
    statutory = Term.objects.filter(scheme="statutory", is_active=True, parent__isnull=False).first()
    for n in range(7):
        fields = {"title": f"通知{n}"}
        if n % 2:
            fields["topic"] = topic
        if n % 3 == 0:
            fields["genre"] = genre
        if n == 4:
            fields["statutory_item"] = statutory
        services.publish_item(actor=personas["publisher"], item=ready(personas, **fields),
                              published_on=dt.date(2023 + n % 2, 1 + n, 1 + n % 3))
    ready(personas, title="待发布")
    return personas, {"topic": topic.code, "genre": genre.code, "statutory": statutory.code}


def _expected(path, filters):
    items = public_items().filter(agency__path__startswith=path)
    for name, field in (("topic", "topic__code"), ("genre", "genre__code"), ("statutory", "statutory_item__code"),
                        ("agency", "agency__code")):
        if filters.get(name):
            items = items.filter(**{field: filters[name]})
    if filters.get("year"):
        year = filters["year"]
        items = items.filter(published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31))
    return [(i.pk, i.index_number, i.title, i.doc_number, i.published_on, i.public_path)
            for i in items.order_by("-published_on", "-id")]


def _read(rows, low, high):
    return [(r["pk"], r["index_number"], r["title"], r["doc_number"], r["published_on"], r["public_path"])
            for r in rows[low:high]]


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["walk", "sort"])
def test_the_rows_are_the_querysets_for_every_set_of_filters(catalog, monkeypatch, way):
    personas, codes = catalog
    monkeypatch.setattr(rows_module, "walks", lambda count, offset, limit: way == "walk")
    choices = {"topic": ["", codes["topic"], "none"], "genre": ["", codes["genre"]],
               "statutory": ["", codes["statutory"]], "year": [None, 2024, 1999], "agency": ["", personas.dept_a.code]}
    for path in (personas.government.path, personas.dept_a.path, "/nowhere/"):
        for values in itertools.product(*choices.values()):
            filters = dict(zip(choices, values, strict=True))
            expected = _expected(path, filters)
            rows = catalog_rows(path, **filters)
            assert rows.count() == len(expected) == len(rows), filters
            assert _read(rows, 0, 20) == expected[:20], filters
            assert _read(rows, 2, 5) == expected[2:5], filters
            assert _read(rows, 5, 5) == [] and _read(rows, 40, 60) == []


@pytest.mark.django_db
def test_the_count_chooses_the_way(catalog, monkeypatch):
    monkeypatch.setattr(rows_module, "_total", (-rows_module.TOTAL_SECONDS, 0))
    monkeypatch.setattr(rows_module, "published_total", lambda: 10_000)
    assert rows_module.walks(9_000, 0, 20)        # most items: the walk soon finds twenty
    assert not rows_module.walks(300, 0, 20)      # a few: sorting them is cheaper than stepping over the others
    assert rows_module.walks(2_000, 0, 20)        # a fifth of all: twenty are found among a hundred
    assert rows_module.walks(500, 0, 20) is False and rows_module.walks(0, 0, 20) is False
    assert not rows_module.walks(9_000, 2_000, 20)   # deep pages of many: the walk would step over most items


@pytest.mark.django_db
def test_the_total_is_read_again_after_its_time(catalog, monkeypatch):
    monkeypatch.setattr(rows_module, "_total", (-rows_module.TOTAL_SECONDS, 0))
    assert rows_module.published_total() == public_items().count() == 7
