"""Rebuild the PostgreSQL index tables from the stored documents: for migrations that change their layout.

The index is derived data (ADR 0010): the tables are dropped, made again by the backend as it is now, and
filled from ``SearchDocument`` rows in key order (each year then lies in key order, as ``--optimize`` leaves
it). About two minutes per 100,000 documents; SQLite is untouched. Django's migration loader skips modules
whose name starts with an underscore, so this one is shared, not run.
"""

TABLES = ("search_pg", "search_pg_title")
CHUNK = 2000


def rebuild_postgres_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from gongkai.search.backends.postgres import PostgresBackend
    from gongkai.search.services import index_row

    backend = PostgresBackend(connection)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)} CASCADE")
    backend.install()
    SearchDocument = apps.get_model("search", "SearchDocument")
    chunk = []
    for doc in SearchDocument.objects.exclude(sort_key=None).order_by("sort_key").iterator(chunk_size=CHUNK):
        chunk.append(index_row(doc))
        if len(chunk) >= CHUNK:
            backend.add(chunk)
            chunk = []
    backend.add(chunk)
    with connection.cursor() as cur:   # statistics for the plan choice, before autovacuum gets round to it
        cur.execute(f"ANALYZE {', '.join(TABLES)}")
