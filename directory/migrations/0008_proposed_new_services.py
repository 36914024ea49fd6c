"""Focal points and partners may propose a new service: a proposal without a service yet.

A proposal now names its programme itself (a new service has none to name it through); existing
proposals take their service's.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def programme_from_service(apps, schema_editor):  # type: ignore[no-untyped-def]
    ServiceChangeRequest = apps.get_model("directory", "ServiceChangeRequest")
    Service = apps.get_model("directory", "Service")
    ServiceChangeRequest.objects.update(
        programme=Subquery(
            Service.objects.filter(pk=OuterRef("service_id")).values("programme_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_remove_service_service_public_by_name_en_and_more"),
        ("programmes", "0003_bilingual_names_checked_in_clean"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicechangerequest",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="service_change_requests",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(programme_from_service, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="servicechangerequest",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="service_change_requests",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddField(
            model_name="servicechangerequest",
            name="new_service",
            field=models.BooleanField(
                default=False,
                help_text="The service is created when the proposal is approved.",
                verbose_name="proposes a new service",
            ),
        ),
        migrations.AlterField(
            model_name="servicechangerequest",
            name="service",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="change_requests",
                to="directory.service",
                verbose_name="service",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicechangerequest",
            constraint=models.CheckConstraint(
                condition=Q(new_service=False, service__isnull=False)
                | Q(new_service=True, status="approved", service__isnull=False)
                | (Q(new_service=True, service__isnull=True) & ~Q(status="approved")),
                name="change_request_names_its_service",
                violation_error_message=(
                    "A proposed change names its service; a proposed new service has one once "
                    "approved."
                ),
            ),
        ),
    ]
