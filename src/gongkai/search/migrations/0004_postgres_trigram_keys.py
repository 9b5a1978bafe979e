"""PostgreSQL: the index rows gain the trigram keys of their text, in the GIN index beside the bigrams (ADR 0075).

Rows indexed before would lack them and a longer word would no longer find them, so the tables are rebuilt
from the stored documents. SQLite is untouched.
"""

from django.db import migrations

from gongkai.search.migrations._rebuild import rebuild_postgres_index


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_postgres_year_partitions"),
    ]

    operations = [
        migrations.RunPython(rebuild_postgres_index, migrations.RunPython.noop),
    ]
