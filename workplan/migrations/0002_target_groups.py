"""The groups an activity reaches, in English and Spanish, from workplan/data/target-groups.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "target-groups.csv"


def load_groups(apps, schema_editor):
    TargetGroup = apps.get_model("workplan", "TargetGroup")
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            TargetGroup.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name_en"],
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "order": int(row["order"]),
                    "leave_no_one_behind": row["leave_no_one_behind"] == "1",
                },
            )


class Migration(migrations.Migration):
    dependencies = [("workplan", "0001_initial")]

    operations = [migrations.RunPython(load_groups, migrations.RunPython.noop)]
