from django.db import migrations


def load(apps, schema_editor):
    from gongkai.catalog.taxonomy_loading import load_default_terms

    load_default_terms(apps.get_model("catalog", "Term"), apps.get_model("catalog", "SensitiveWord"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
