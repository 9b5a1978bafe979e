"""The only writers of the search index. Callers hand over IndexedDocument values; the index is derived data
(rebuilt by ``gongkai search reindex``), so its maintenance writes no events — the content's own services do.
"""

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.db.models import F

from gongkai.search.backends import IndexRow, backend_for
from gongkai.search.domain.analysis import doc_number_key
from gongkai.search.domain.documents import IndexedDocument
from gongkai.search.domain.keys import sort_key
from gongkai.search.models import PageView, SearchDocument

logger = logging.getLogger(__name__)

_FIELDS = ("agency_id", "agency_path", "title", "summary", "body", "doc_number", "index_number", "published_on",
           "written_on", "topic", "genre", "validity", "url", "extra")


def index_row(doc: SearchDocument) -> IndexRow:
    return IndexRow(sort_key=doc.sort_key, agency_path=doc.agency_path, title=doc.title, summary=doc.summary,
                    body=doc.body, doc_number=doc.doc_number, index_number=doc.index_number, topic=doc.topic,
                    genre=doc.genre, validity=doc.validity)


def _field_values(document: IndexedDocument) -> dict:
    values = {name: getattr(document, name) for name in _FIELDS}
    values["extra"] = dict(document.extra)
    values["doc_number_key"] = doc_number_key(document.doc_number)[:200]
    values["index_number_key"] = doc_number_key(document.index_number)[:100]
    return values


@transaction.atomic
def index_documents(documents: Iterable[IndexedDocument], *, batch_size: int = 500) -> int:
    """Add or replace documents by key, in batches: one query finds a batch's stored documents, the new ones
    are inserted together and the backend indexes the batch at once (a bulk publication's 15,000 items). A key
    given twice ends as its last document, as one by one. Returns how many were written."""
    backend = backend_for(connection)
    written = 0
    batch: list[IndexedDocument] = []
    for document in documents:
        if not document.key or not document.title.strip():
            raise ValueError("检索文档必须有键和标题")
        batch.append(document)
        if len(batch) >= batch_size:
            written += _index_batch(backend, batch)
            batch = []
    if batch:
        written += _index_batch(backend, batch)
    return written


def _index_batch(backend, documents: list[IndexedDocument]) -> int:
    latest = {document.key: document for document in documents}   # a repeated key: its last document
    existing = SearchDocument.objects.in_bulk(list(latest), field_name="key")
    if existing:
        backend.remove([index_row(doc) for doc in existing.values()])
    fresh, indexed = [], []
    for key, document in latest.items():
        doc = existing.get(key)
        if doc is None:
            fresh.append(SearchDocument(key=key, **_field_values(document)))
            continue
        for name, value in _field_values(document).items():
            setattr(doc, name, value)
        doc.sort_key = sort_key(document.published_on, doc.pk)
        doc.save()
        indexed.append(doc)
    if fresh:
        SearchDocument.objects.bulk_create(fresh)   # both databases return the new ids
        for doc in fresh:
            doc.sort_key = sort_key(doc.published_on, doc.pk)
        # One prepared UPDATE run for the batch: bulk_update builds a CASE branch per row in Python, which was
        # half the indexing time of a bulk publication (7.8 s of the demo's 18 s).
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {SearchDocument._meta.db_table} SET sort_key = %s WHERE id = %s",
                               [(doc.sort_key, doc.pk) for doc in fresh])
        indexed += fresh
    backend.add([index_row(doc) for doc in indexed])
    return len(documents)


def index_document(document: IndexedDocument) -> None:
    index_documents([document])


@transaction.atomic
def remove_documents(keys: Iterable[str]) -> int:
    docs = list(SearchDocument.objects.filter(key__in=list(keys)))
    if docs:
        backend_for(connection).remove([index_row(d) for d in docs])
        SearchDocument.objects.filter(pk__in=[d.pk for d in docs]).delete()
    return len(docs)


def remove_document(key: str) -> int:
    return remove_documents([key])


@transaction.atomic
def rebuild_index(*, batch: int = 2000, on_progress=None) -> int:
    """Rebuild the backend structures from the stored documents (after an analysis change or a restore).
    ``on_progress(done, total)`` hears after every batch (the command's progress bar)."""
    backend = backend_for(connection)
    backend.clear()
    expected = SearchDocument.objects.count() if on_progress else None
    total = 0
    chunk: list[IndexRow] = []
    for doc in SearchDocument.objects.order_by("sort_key").iterator(chunk_size=batch):   # key order: clustered
        chunk.append(index_row(doc))
        if len(chunk) >= batch:
            backend.add(chunk)
            total += len(chunk)
            chunk = []
            if on_progress:
                on_progress(total, expected)
    if chunk:
        backend.add(chunk)
        total += len(chunk)
    if on_progress:
        on_progress(total, expected)
    return total


REINDEX_CHUNK = 5000   # documents per chunk of a shared reindex (core/sweeps.py)


def reindex_chunks() -> list[tuple[int, int]]:
    """Ranges of sort keys. SQLite's FTS5 table can only drop a row given the text it was indexed with, so a
    reindex there (one machine anyway) is one chunk: the full ``rebuild_index``."""
    from gongkai.core.sweeps import id_ranges

    keys = SearchDocument.objects.order_by("sort_key").values_list("sort_key", flat=True)
    if connection.vendor != "postgresql":
        return id_ranges([keys.first(), keys.last()], 2) if keys.exists() else []
    return id_ranges(keys.iterator(chunk_size=10_000), REINDEX_CHUNK)


@transaction.atomic
def reindex_between(first_key: int, last_key: int) -> int:
    """One chunk of a reindex shared by several workers (``gongkai sweep start search.reindex``): the backend
    rows of the stored documents with sort keys ``first_key``..``last_key`` are replaced by fresh ones.
    Idempotent; the one-process ``rebuild_index`` also clears rows no document owns any more."""
    if connection.vendor != "postgresql":
        return rebuild_index()
    backend = backend_for(connection)
    rows = [index_row(doc) for doc in SearchDocument.objects.filter(sort_key__gte=first_key, sort_key__lte=last_key)
            .order_by("sort_key").iterator(chunk_size=1000)]
    if rows:
        backend.remove(rows)
        backend.add(rows)
    return len(rows)


def prepare_year_partitions(today=None) -> int:
    """PostgreSQL: create this year's and next year's index partitions before the first document needs them."""
    from gongkai.core.time import local_today
    from gongkai.search.domain.keys import sort_key

    backend = backend_for(connection)
    if not hasattr(backend, "ensure_partitions"):
        return 0
    year = (today or local_today()).year
    with transaction.atomic():
        backend.ensure_partitions([sort_key(dt.date(y, 1, 1), 0) for y in (year, year + 1)])
    return 0


def optimize_index() -> None:
    """After a bulk import: merge SQLite's index segments; on PostgreSQL, order each year's rows by key."""
    backend_for(connection).optimize()


MAX_ID = 2 ** 63 - 1          # BigIntegerField
MAX_COUNT = 2 ** 31 - 1       # PositiveIntegerField on every database


def valid_page_view(key, n) -> bool:
    """A row that the table can hold: a date, ids within the column type, a positive count."""
    try:
        day, agency_id, item_id = key
    except (TypeError, ValueError):
        return False
    ids_ok = type(agency_id) is int and 0 < agency_id <= MAX_ID and (
        item_id is None or (type(item_id) is int and 0 < item_id <= MAX_ID))
    return isinstance(day, dt.date) and ids_ok and type(n) is int and 0 < n <= MAX_COUNT


@transaction.atomic
def add_page_views(counts: dict) -> dict:
    """Add in-memory counts {(day, agency_id, item_id): n} to the daily rows (one batch per flush, not per view).

    Each row is checked before it is written and written in its own savepoint: a row that is invalid or that
    the database refuses as data is dropped (and logged), the others are saved. Returns the rows that could
    not be written for a passing reason (a locked or lost database), for the next flush. Derived usage
    figures, not a decision: no event is written."""
    good = [(k, n) for k, n in counts.items() if valid_page_view(k, n)]
    if len(good) < len(counts):
        logger.warning("page views: %d invalid rows dropped", len(counts) - len(good))
    later = {}
    for (day, agency_id, item_id), n in sorted(good, key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        try:
            with transaction.atomic():
                rows = PageView.objects.filter(day=day, agency_id=agency_id, item_id=item_id)
                if not rows.update(count=F("count") + n):
                    try:
                        with transaction.atomic():
                            PageView.objects.create(day=day, agency_id=agency_id, item_id=item_id, count=n)
                    except IntegrityError:   # another process made the row meanwhile
                        rows.update(count=F("count") + n)
        except (DataError, IntegrityError):
            logger.exception("page views: row %s/%s/%s dropped", day, agency_id, item_id)
        except DatabaseError:
            logger.warning("page views: row %s/%s/%s kept for the next flush", day, agency_id, item_id)
            later[(day, agency_id, item_id)] = n
    return later
