"""Give every organisation its own HSDS id (a UUID), for the directory's HSDS interchange."""

import uuid

from django.db import migrations, models


def fill_ids(apps, schema_editor):
    for model_name in ("Organisation", "HistoricalOrganisation"):
        model = apps.get_model("organisations", model_name)
        for pk in model.objects.filter(hsds_id__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(hsds_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_bilingual_names_checked_in_clean")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="hsds_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="hsds_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="hsds_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="HSDS id",
                help_text="The organisation's id in Open Referral HSDS files and the HSDS API.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="hsds_id",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id",
                help_text="The organisation's id in Open Referral HSDS files and the HSDS API.",
            ),
        ),
    ]
