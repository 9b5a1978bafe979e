import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# A database-level guard: the event log refuses UPDATE whatever code path tries it.
SQLITE_TRIGGER = """
CREATE TRIGGER core_event_no_update BEFORE UPDATE ON core_event
BEGIN SELECT RAISE(ABORT, 'core_event is append-only'); END;
"""
PG_TRIGGER = """
CREATE OR REPLACE FUNCTION core_event_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'core_event is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER core_event_no_update BEFORE UPDATE ON core_event
FOR EACH ROW EXECUTE FUNCTION core_event_append_only();
"""


def add_trigger(apps, schema_editor):
    sql = PG_TRIGGER if schema_editor.connection.vendor == "postgresql" else SQLITE_TRIGGER
    schema_editor.execute(sql)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_event_no_update ON core_event;")
        schema_editor.execute("DROP FUNCTION IF EXISTS core_event_append_only();")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS core_event_no_update;")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="时间")),
                ("actor_label", models.CharField(blank=True, max_length=150, verbose_name="操作人名称")),
                ("object_id", models.CharField(max_length=64)),
                ("object_repr", models.CharField(blank=True, max_length=300, verbose_name="对象")),
                ("action", models.CharField(db_index=True, max_length=64, verbose_name="操作")),
                ("from_state", models.CharField(blank=True, max_length=64, verbose_name="原状态")),
                ("to_state", models.CharField(blank=True, max_length=64, verbose_name="新状态")),
                ("legal_basis", models.CharField(blank=True, max_length=300, verbose_name="法律依据")),
                ("reason", models.TextField(blank=True, verbose_name="理由")),
                ("before", models.JSONField(blank=True, null=True, verbose_name="变更前")),
                ("after", models.JSONField(blank=True, null=True, verbose_name="变更后")),
                ("payload", models.JSONField(blank=True, default=dict, verbose_name="附加数据")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="操作人",
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype"),
                ),
            ],
            options={
                "verbose_name": "事件",
                "verbose_name_plural": "事件",
                "ordering": ["at", "id"],
                "indexes": [models.Index(fields=["content_type", "object_id", "at"], name="event_object_at")],
            },
        ),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
