"""Prepared queries (core/prepared.py): the ORM's SQL compiled once, run with each call's values; the same rows as
the queryset, converters applied, a slice per call, and a placeholder the query cannot fill refused."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency
from gongkai.core.prepared import PreparedQuery


def _agencies(path_prefix):
    return Agency.objects.filter(path__startswith=path_prefix, is_active=True).order_by("path")


@pytest.mark.django_db
def test_the_rows_are_the_querysets_and_the_sql_is_compiled_once(personas):
    query = PreparedQuery(Agency, lambda prefix, code: Agency.objects.filter(
        path__startswith=prefix, is_active=True).exclude(code=code).order_by("path").values_list(
        "code", "path", "office_sections", "created_at"), prefix=str, code=str)
    root = personas.government
    for prefix, code in ((root.path, root.code), (personas.dept_a.path, "none"), ("/nowhere/", "")):
        expected = list(_agencies(prefix).exclude(code=code).values_list("code", "path", "office_sections",
                                                                           "created_at"))
        with CaptureQueriesContext(connection) as captured:
            assert query.rows(prefix=prefix, code=code) == expected
        assert len(captured.captured_queries) == 1
    assert len(query._compiled) == 1   # one database, compiled once
    assert all(isinstance(row[3], dt.datetime) for row in query.rows(prefix="/", code=""))   # converted as the ORM


@pytest.mark.django_db
def test_a_prefix_is_escaped_as_the_orm_escapes_it(personas):
    query = PreparedQuery(Agency, lambda prefix: Agency.objects.filter(path__startswith=prefix).values_list("pk"),
                          prefix=str)
    assert query.rows(prefix="%") == [] == list(Agency.objects.filter(path__startswith="%").values_list("pk"))
    assert query.rows(prefix="_") == []
    assert len(query.rows(prefix="/")) == Agency.objects.count()


@pytest.mark.django_db
def test_a_sliced_query_takes_its_limit_and_offset_per_call(personas):
    query = PreparedQuery(Agency, lambda prefix, rows: Agency.objects.filter(path__startswith=prefix)
                          .order_by("path").values_list("code")[rows], sliced=True, prefix=str)
    every = list(Agency.objects.order_by("path").values_list("code"))
    assert len(every) > 3
    assert query.rows(prefix="/", limit=2, offset=0) == every[:2]
    assert query.rows(prefix="/", limit=2, offset=2) == every[2:4]
    assert query.rows(prefix="/", limit=20, offset=len(every)) == []
    with pytest.raises(ValueError):
        query.rows(prefix="/")
    # Limited in a subquery: the slice's values go where its LIMIT is, among the others.
    inner = PreparedQuery(Agency, lambda prefix, code, rows: Agency.objects.filter(
        pk__in=Agency.objects.filter(path__startswith=prefix).order_by("path").values("pk")[rows]).exclude(
        code=code).order_by("path").values_list("code"), sliced=True, prefix=str, code=str)
    assert inner.rows(prefix="/", code=every[1][0], limit=3, offset=0) == [every[0], every[2]]
    assert inner.rows(prefix="/", code="", limit=2, offset=1) == every[1:3]
    unsliced = PreparedQuery(Agency, lambda rows: Agency.objects.values_list("code"), sliced=True)
    with pytest.raises(ValueError):
        unsliced.rows(limit=1)


@pytest.mark.django_db
def test_a_placeholder_the_query_cannot_fill_is_refused_at_once(personas):
    contains = PreparedQuery(Agency, lambda name: Agency.objects.filter(name__contains=name).values_list("pk"),
                             name=str)
    with pytest.raises(ValueError):
        contains.rows(name="财政")
    unused = PreparedQuery(Agency, lambda code, other: Agency.objects.filter(code=code).values_list("pk"),
                           code=str, other=int)
    with pytest.raises(ValueError):
        unused.rows(code="x", other=1)
    with pytest.raises(TypeError):
        PreparedQuery(Agency, lambda size: Agency.objects.filter(disclosure_staff_count=size).values_list("pk"),
                      size=float).rows(size=1.0)


@pytest.mark.django_db
def test_a_setting_changed_compiles_again(personas, settings):
    query = PreparedQuery(Agency, lambda code: Agency.objects.filter(code=code).values_list("pk"), code=str)
    assert query.rows(code=personas.dept_a.code) == [(personas.dept_a.pk,)]
    settings.TIME_ZONE = "UTC"
    assert query._compiled == {}
    assert query.rows(code=personas.dept_a.code) == [(personas.dept_a.pk,)]


@pytest.mark.django_db
def test_a_count_and_dates(personas):
    count = PreparedQuery(Agency, lambda prefix, since: Agency.objects.filter(
        path__startswith=prefix, created_at__date__gte=since).order_by("path"), count=True, prefix=str, since=dt.date)
    today = dt.date.today()
    for prefix in ("/", personas.dept_a.path, "/nowhere/"):
        for since in (today, today + dt.timedelta(days=2)):
            assert count.count(prefix=prefix, since=since) == Agency.objects.filter(
                path__startswith=prefix, created_at__date__gte=since).count()
    rows = PreparedQuery(Agency, lambda code: Agency.objects.filter(code=code).values_list("pk"), code=str)
    with pytest.raises(ValueError):
        rows.count(code="x")
