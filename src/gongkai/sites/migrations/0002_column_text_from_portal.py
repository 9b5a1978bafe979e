"""The column texts (指南, 制度) move from the portal to the sites area: the table stays as it is (``db_table``), only
Django's state and the content type change, so existing rows and the events that name them keep pointing at them."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def _relabel(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=source, model="columntext").update(app_label=target)


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "portal", "sites")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "sites", "portal")


class Migration(migrations.Migration):

    dependencies = [
        ("agencies", "0002_login_counter"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("sites", "0001_sites_identity_reports_visits"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ColumnText",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False,
                                                            verbose_name="创建时间")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                        ("column", models.CharField(choices=[("guide_intro", "政府信息公开指南：正文前"),
                                                             ("guide_outro", "政府信息公开指南：正文后"),
                                                             ("rules", "政府信息公开制度")],
                                                    max_length=20, verbose_name="栏目")),
                        ("body", models.TextField(blank=True, verbose_name="内容")),
                        ("agency", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                     to="agencies.agency")),
                    ],
                    options={
                        "verbose_name": "栏目文字",
                        "verbose_name_plural": "栏目文字",
                        "db_table": "portal_columntext",
                        "constraints": [models.UniqueConstraint(fields=("agency", "column"),
                                                                name="column_text_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
