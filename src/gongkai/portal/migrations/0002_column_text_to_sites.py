"""The column texts now belong to the sites area (sites 0002 takes over the same table); the portal forgets its
state of the model without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("sites", "0002_column_text_from_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ColumnText")],
            database_operations=[],
        ),
    ]
