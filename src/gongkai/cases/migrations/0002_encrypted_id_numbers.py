# Applicants' ID numbers encrypted at rest, and the applicant key made a keyed blind index (cases.personal_data).

from django.db import migrations

import gongkai.cases.personal_data


def encrypt_and_rekey(apps, schema_editor):
    from gongkai.cases.domain.identity import applicant_key
    from gongkai.cases.personal_data import index_key

    Application = apps.get_model("cases", "Application")
    key = index_key()
    for app in Application.objects.only("pk", "id_type", "id_number").iterator(chunk_size=500):
        # Reading decrypts (or passes an old clear value through); saving encrypts.
        app.applicant_key = applicant_key(app.id_type, app.id_number, key=key)
        app.save(update_fields=["id_number", "applicant_key"])


def decrypt_and_unkey(apps, schema_editor):
    import hashlib

    from gongkai.cases.domain.identity import normalise
    from gongkai.cases.personal_data import decrypt

    table = apps.get_model("cases", "Application")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, id_type, id_number FROM {table}")
        rows = cursor.fetchall()
        for pk, id_type, stored in rows:
            number = decrypt(stored)
            old_key = hashlib.sha256(f"gongkai-applicant:{id_type}:{normalise(number)}".encode()).hexdigest()
            cursor.execute(f"UPDATE {table} SET id_number = %s, applicant_key = %s WHERE id = %s",
                           [number, old_key, pk])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="id_number",
            field=gongkai.cases.personal_data.EncryptedTextField(verbose_name="证件号码"),
        ),
        migrations.RunPython(encrypt_and_rekey, decrypt_and_unkey),
    ]
