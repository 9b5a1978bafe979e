"""Both backends against the reference: every document containing every word, title matches first."""

import datetime as dt
import random

import pytest
from django.core.management import call_command

from gongkai.search import selectors, services
from gongkai.search.domain.analysis import matches, normalize, parse_query
from gongkai.search.domain.documents import IndexedDocument
from gongkai.search.models import SearchDocument

VOCAB = ["政府", "信息", "公开", "工作", "卫生", "教育", "人民", "关于", "印发", "通知", "〔2017〕", "2017年",
         "渝府办发", "61号", "区", "街道", "办事处", "食品", "安全", "年度", "报告", "。", "，", " ", "abc", "ＡＢＣ"]


def _doc(i: int, rng: random.Random, agency_path="/1/", agency_id=1) -> IndexedDocument:
    def text(n):
        return "".join(rng.choice(VOCAB) for _ in range(n))

    return IndexedDocument(
        key=f"t:{i}", agency_id=agency_id, agency_path=agency_path, title=text(5), summary=text(6), body=text(30),
        doc_number=f"渝府办发〔{2015 + i % 4}〕{i}号" if i % 3 == 0 else "",
        published_on=dt.date(2015 + i % 4, 1 + i % 12, 1 + i % 28), topic=f"t{i % 3}", genre="g", validity="valid",
        url=f"/x/{i}/")


def _reference(words, **filters):
    rows = []
    for d in SearchDocument.objects.all():
        text = normalize(" ".join([d.title, d.summary, d.body, d.doc_number, d.index_number]))
        if not matches(words, text):
            continue
        if filters.get("topic") and d.topic != filters["topic"]:
            continue
        if filters.get("year") and (d.published_on is None or d.published_on.year != filters["year"]):
            continue
        rows.append((0 if matches(words, normalize(d.title)) else 1, -d.sort_key, d.key))
    return [key for *_rest, key in sorted(rows)]


def _all_keys(query, **kw):
    keys, cursor = [], None
    while True:
        page = selectors.search(query, cursor=cursor, limit=7, **kw)
        keys += [h.doc.key for h in page.hits]
        if not page.next_cursor:
            return keys, page
        cursor = page.next_cursor


QUERIES = ["政府", "信息公开", "2017年", "〔2017〕", "渝府办发〔2017〕", "渝府办发[2017]", "区街", "政府 教育",
           "abc", "ＡＢＣ", "年度报告 食品", "。，", "府信", "工作 人民 关于", "不存在的词", "7年"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_reference_scan_in_relevance_order(query):
    rng = random.Random(7)
    services.index_documents(_doc(i, rng) for i in range(120))
    words = parse_query(query).words
    keys, page = _all_keys(query)
    assert keys == _reference(words)
    assert page.total == len(keys)


@pytest.mark.django_db
def test_filters_and_date_order():
    rng = random.Random(11)
    services.index_documents(_doc(i, rng) for i in range(80))
    keys, _page = _all_keys("政府", topic="t1", year_from="2016", year_to=2016)
    assert sorted(keys) == sorted(_reference(("政府",), topic="t1", year=2016))
    page = selectors.search("政府", sort="date", limit=100)
    dates = [h.doc.sort_key for h in page.hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.django_db
def test_agency_subtree_filter(personas):
    gov, dept = personas.government, personas.dept_a
    services.index_document(IndexedDocument(key="a", agency_id=gov.pk, agency_path=gov.path, title="区政府通知"))
    services.index_document(IndexedDocument(key="b", agency_id=dept.pk, agency_path=dept.path, title="部门政府通知"))
    assert {h.doc.key for h in selectors.search("政府", agency=gov).hits} == {"a", "b"}
    assert [h.doc.key for h in selectors.search("政府", agency=dept).hits] == ["b"]


@pytest.mark.django_db
def test_reindex_replaces_and_remove_forgets():
    doc = IndexedDocument(key="k", agency_id=1, agency_path="/1/", title="旧标题卫生", published_on=dt.date(2017, 1, 1))
    services.index_document(doc)
    services.index_document(IndexedDocument(key="k", agency_id=1, agency_path="/1/", title="新标题教育",
                                            published_on=dt.date(2018, 1, 1)))
    assert selectors.search("卫生").total == 0
    assert [h.doc.title for h in selectors.search("教育").hits] == ["新标题教育"]
    assert services.remove_document("k") == 1
    assert selectors.search("教育").total == 0
    assert SearchDocument.objects.count() == 0


@pytest.mark.django_db
def test_exact_doc_number_and_index_number_lookup():
    services.index_document(IndexedDocument(key="n", agency_id=1, agency_path="/1/", title="关于印发工作要点的通知",
                                            doc_number="渝府办发〔2017〕61号", index_number="008181981/2017-00012"))
    assert [d.key for d in selectors.search("渝府办发(2017)61号").exact] == ["n"]
    assert [d.key for d in selectors.search("008181981/2017-00012").exact] == ["n"]
    assert selectors.search("渝府办发(2017)61号").total == 0   # the ( ) form is not a substring of the text


@pytest.mark.django_db
def test_kind_messages_and_malformed_cursor():
    assert selectors.search("").problems == ["请输入要查找的字词。"]
    assert selectors.search("政").problems
    page = selectors.search("政府", cursor="garbage", year_from="二零一七")
    assert page.is_first_page and page.problems


@pytest.mark.django_db
def test_rebuild_index_and_command(capsys):
    rng = random.Random(3)
    services.index_documents(_doc(i, rng) for i in range(30))
    before = [h.doc.key for h in selectors.search("政府", limit=100).hits]
    assert services.rebuild_index() == 30
    assert [h.doc.key for h in selectors.search("政府", limit=100).hits] == before
    call_command("search", "--optimize")
    assert [h.doc.key for h in selectors.search("政府", limit=100).hits] == before
    call_command("search", "政府", "--limit", "3", "--json")
    out = capsys.readouterr().out
    assert '"total"' in out and out.count('"key"') == 3


@pytest.fixture
def postgres_docs(db):
    """The PostgreSQL backend module, with documents of 2015-2018 indexed (skips on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite")
    from gongkai.search.backends import postgres

    def index(count: int):
        rng = random.Random(5)
        services.index_documents(_doc(i, rng) for i in range(count))
        return postgres

    return index


@pytest.mark.parametrize(("probe_rows", "walk_density"), [(3, 0.0), (3, 2.0), (4, 0.5), (1000, 0.5)])
def test_postgres_year_plans_give_the_same_results(postgres_docs, monkeypatch, probe_rows, walk_density):
    """On PostgreSQL, common words go year by year: a probe, then a walk in key order or the year's GIN index."""
    postgres = postgres_docs(120)
    monkeypatch.setattr(postgres.PostgresBackend, "_estimate", lambda self, words, table: 10**9)
    monkeypatch.setattr(postgres, "PROBE_ROWS", probe_rows)      # 3: every year is probed, then walked or read
    monkeypatch.setattr(postgres, "WALK_DENSITY", walk_density)  # 0: always walk on; 2: always the GIN index
    for query in ("政府", "2017年", "政府 教育", "不存在的词", "〔2016〕"):
        keys, page = _all_keys(query)
        assert keys == _reference(parse_query(query).words)
        assert page.total == min(len(keys), selectors.COUNT_CAP)
        keys, _page = _all_keys(query, topic="t1", year_from=2016, year_to=2017)
        assert keys == [k for k in _reference(parse_query(query).words, topic="t1")
                        if SearchDocument.objects.get(key=k).published_on.year in (2016, 2017)]


def test_postgres_index_is_partitioned_by_year(postgres_docs):
    from django.db import connection

    postgres = postgres_docs(8)
    with connection.cursor() as cur:
        backend = postgres.PostgresBackend(connection)
        assert backend.partitions(cur, postgres.TABLE) == [2018, 2017, 2016, 2015]
        assert backend.partitions(cur, postgres.TITLES) == [2018, 2017, 2016, 2015]
    assert postgres.year_of(postgres.year_bounds(2017)[0]) == 2017
    assert postgres.year_of(postgres.year_bounds(2017)[1] - 1) == 2017


def test_postgres_estimate_treats_unlisted_bigrams_as_the_least_common_listed(postgres_docs):
    from django.db import connection

    postgres = postgres_docs(200)
    with connection.cursor() as cur:
        cur.execute(f"ANALYZE {postgres.TABLE}")
    postgres._STATS.clear()
    backend = postgres.PostgresBackend(connection)
    freqs = backend._frequencies(postgres.TABLE)
    assert freqs[None] == 200 and 0 < freqs[postgres._FLOOR] < 1
    unlisted = backend._estimate(["鑫鑫"], postgres.TABLE)
    assert unlisted == pytest.approx(freqs[postgres._FLOOR] * 200)
    assert backend._estimate(["政府"], postgres.TABLE) > unlisted
    postgres._STATS.clear()


def test_postgres_partitions_of_this_and_next_year_are_made_ahead(postgres_docs):
    import datetime as dt

    from django.db import connection

    postgres = postgres_docs(0)
    services.prepare_year_partitions(today=dt.date(2031, 6, 1))
    with connection.cursor() as cur:
        assert {2031, 2032} <= set(postgres.PostgresBackend(connection).partitions(cur, postgres.TABLE))


def test_postgres_rows_carry_their_trigram_keys_and_long_words_are_looked_up_by_them(postgres_docs):
    from django.db import connection

    from gongkai.search.domain.analysis import gram_key, trigram_key, trigram_keys

    postgres = postgres_docs(40)
    doc = SearchDocument.objects.order_by("sort_key").first()
    with connection.cursor() as cur:
        cur.execute(f"SELECT text_norm, tri FROM {postgres.TABLE} WHERE sort_key = %s", [doc.sort_key])
        text_norm, tri = cur.fetchone()
    assert tri == trigram_keys(text_norm) and tri
    backend = postgres.PostgresBackend(connection)
    keys = backend._keys(["政府", "信息公开"], postgres.TABLE)
    assert keys["grams"] == [gram_key("政府")]      # two characters: the bigram
    assert set(keys["tri"]) <= {trigram_key("信息公"), trigram_key("息公开")} and len(keys["tri"]) == 2
    assert set(backend._keys(["信息公开"], postgres.TITLES)) == {"title_grams"}   # titles: bigrams only


def test_postgres_trigram_collisions_widen_the_candidates_only(postgres_docs, monkeypatch):
    """Trigram keys are hashes: were every trigram to share one key, strpos still keeps the exact matches."""
    postgres = postgres_docs(0)
    monkeypatch.setattr(postgres, "trigram_key", lambda trigram: 7)
    monkeypatch.setattr(postgres, "trigram_keys", lambda text: [7])
    rng = random.Random(5)
    services.index_documents(_doc(i, rng) for i in range(60))
    monkeypatch.setattr(postgres.PostgresBackend, "_estimate", lambda self, words, table: 10**9)
    for query in ("信息公开", "渝府办发〔2017〕", "年度报告 食品", "不存在的词"):
        keys, _page = _all_keys(query)
        assert keys == _reference(parse_query(query).words)


def test_postgres_index_rebuild_of_a_migration_keeps_every_document(postgres_docs):
    from django.apps import apps
    from django.db import connection

    from gongkai.search.migrations._rebuild import rebuild_postgres_index

    postgres_docs(30)
    before = _all_keys("政府")[0]

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    rebuild_postgres_index(apps, editor)
    assert _all_keys("政府")[0] == before and before
    assert _all_keys("信息公开")[0] == _reference(["信息公开"])
