"""PostgreSQL: the index tables become partitioned by year, with filter keys in the GIN index (ADR 0010).

The index is derived data: the old tables are dropped and the new ones filled from the stored documents.
SQLite is untouched.
"""

from django.db import migrations

OLD_TABLES = ("search_pg", "search_pg_title")


def rebuild_partitioned(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from gongkai.search.backends.postgres import PostgresBackend
    from gongkai.search.services import index_row

    backend = PostgresBackend(connection)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {', '.join(OLD_TABLES)} CASCADE")
    backend.install()
    SearchDocument = apps.get_model("search", "SearchDocument")
    chunk = []
    for doc in SearchDocument.objects.exclude(sort_key=None).order_by("sort_key").iterator(chunk_size=2000):
        chunk.append(index_row(doc))
        if len(chunk) >= 2000:
            backend.add(chunk)
            chunk = []
    backend.add(chunk)
    with connection.cursor() as cur:   # statistics for the plan choice, before autovacuum gets round to it
        cur.execute("ANALYZE search_pg, search_pg_title")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_pageview_partial_unique"),
    ]

    operations = [
        migrations.RunPython(rebuild_partitioned, migrations.RunPython.noop),
    ]
