"""PostgreSQL: the index tables become partitioned by year, with filter keys in the GIN index (ADR 0010).

The index is derived data: the old tables are dropped and the new ones filled from the stored documents.
SQLite is untouched.
"""

from django.db import migrations

from gongkai.search.migrations._rebuild import rebuild_postgres_index


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_pageview_partial_unique"),
    ]

    operations = [
        migrations.RunPython(rebuild_postgres_index, migrations.RunPython.noop),
    ]
