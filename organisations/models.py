"""Organisations: UN agencies, government, civil society, implementing partners, donors, academia."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, Visibility, require_some_language
from core.permissions import access_of


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> OrganisationQuerySet:
        """Public organisations, and those that work in a programme (or region) the user belongs to."""
        access = access_of(user)
        if access.is_superuser:
            return self.all()
        condition = Q(visibility=Visibility.PUBLIC)
        links = Organisation.programmes.through.objects.filter(organisation=OuterRef("pk"))
        if access.roles:
            condition |= Exists(links.filter(programme__in=access.programme_ids))
        if access.regions:
            condition |= Q(visibility=Visibility.REGION) & Exists(
                links.filter(programme__region__in=access.regions)
            )
        return self.filter(condition)

    def search(self, query: str) -> OrganisationQuerySet:
        query = query.strip()
        if not query:
            return self
        return self.filter(
            Q(name_en__icontains=query) | Q(name_es__icontains=query) | Q(acronym__icontains=query)
        )


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        UN_AGENCY = "un_agency", _("UN agency")
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
        DONOR = "donor", _("Donor / EU")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")

    # Bilingual: name_en/name_es must hold text in one language at least (clean()).
    name = models.CharField(_("name"), max_length=255, blank=True)
    hsds_id = models.UUIDField(
        _("HSDS id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The organisation's id in Open Referral HSDS files and the HSDS API."),
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=24, choices=Type.choices)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=120,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2}(-[A-Za-z0-9_.:]+)+$",
                _("Use the IATI form AGENCY-CODE, e.g. XM-DAC-41146."),
            )
        ],
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        related_name="organisations",
        blank=True,
        verbose_name=_("programmes"),
        help_text=_("The programmes the organisation works in."),
    )
    website = models.URLField(_("website"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="organisation_iati_identifier_unique",
                violation_error_message=_("Another organisation has this IATI identifier."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        require_some_language(self, "name")
        # Said here, under the field, because the conditional unique constraint alone would
        # report the clash without naming it; full_clean then skips the constraint.
        if (
            self.iati_identifier
            and Organisation.objects.filter(iati_identifier=self.iati_identifier)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"iati_identifier": _("Another organisation has this IATI identifier.")}
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
            ancestor = ancestor.parent
