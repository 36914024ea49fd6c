"""The UN Essential Services Package taxonomy (bilingual) and the hub's own "confidential" term."""

import csv
from pathlib import Path

from django.db import migrations

from directory.reference import CONFIDENTIAL, ESP_CODE, HUB_CODE, taxonomy_id, term_id

DATA = Path(__file__).resolve().parent.parent / "data" / "essential-services.csv"


def load(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    Term = apps.get_model("directory", "TaxonomyTerm")
    esp, _ = Taxonomy.objects.update_or_create(
        id=taxonomy_id(ESP_CODE),
        defaults={
            "code": ESP_CODE,
            "name": "Essential Services Package",
            "name_en": "Essential Services Package for Women and Girls Subject to Violence",
            "name_es": "Paquete de Servicios Esenciales para Mujeres y Niñas que Sufren Violencia",
            "uri": "https://www.unwomen.org/en/digital-library/publications/2015/12/essential-services-package-for-women-and-girls-subject-to-violence",
            "version": "2015",
        },
    )
    terms = {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            terms[row["code"]], _ = Term.objects.update_or_create(
                id=term_id(ESP_CODE, row["code"]),
                defaults={
                    "taxonomy": esp,
                    "code": row["code"],
                    "name": row["name_en"],
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "parent": terms[row["parent"]] if row["parent"] else None,
                },
            )
    hub, _ = Taxonomy.objects.update_or_create(
        id=taxonomy_id(HUB_CODE),
        defaults={
            "code": HUB_CODE,
            "name": HUB_CODE,
            "name_en": HUB_CODE,
            "name_es": HUB_CODE,
            "description": "Terms of the Spotlight Coordination Hub.",
            "description_en": "Terms of the Spotlight Coordination Hub.",
            "description_es": "Términos del Hub de Coordinación Spotlight.",
        },
    )
    Term.objects.update_or_create(
        id=term_id(HUB_CODE, CONFIDENTIAL),
        defaults={
            "taxonomy": hub,
            "code": CONFIDENTIAL,
            "name": "Confidential",
            "name_en": "Confidential",
            "name_es": "Confidencial",
            "description_en": "A location whose address must not be published, or a private phone.",
            "description_es": "Un lugar cuya dirección no debe publicarse, o un teléfono privado.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
