"""The six Spotlight pillars, in English and Spanish, from programmes/data/spotlight-pillars.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "spotlight-pillars.csv"


def load_pillars(apps, schema_editor):
    Pillar = apps.get_model("programmes", "Pillar")
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Pillar.objects.update_or_create(
                number=int(row["number"]),
                defaults={
                    "name": row["name_en"],
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "outcome": row["outcome_en"],
                    "outcome_en": row["outcome_en"],
                    "outcome_es": row["outcome_es"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load_pillars, migrations.RunPython.noop)]
