"""Country and regional programmes, who belongs to them, where they work and what they align with."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel, Visibility, require_some_language
from programmes.querysets import (
    AreaQuerySet,
    GovernmentPriorityQuerySet,
    MembershipQuerySet,
    ProgrammeQuerySet,
)


class Region(models.TextChoices):
    LATIN_AMERICA_CARIBBEAN = "lac", _("Latin America and the Caribbean")
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    PACIFIC = "pacific", _("Pacific")
    CENTRAL_ASIA = "central-asia", _("Central Asia")


def _content_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as America/Jamaica."),
            params={"value": value},
        )


class Programme(TimeStampedModel):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country programme")
        REGIONAL = "regional", _("Regional programme")

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9-]{1,11}$",
                _(
                    "Use 2 to 12 capital letters, digits or hyphens, starting with a letter (e.g. JM)."
                ),
            )
        ],
        help_text=_(
            "Short code used in addresses and files: the ISO 3166 country code for a country."
        ),
    )
    # Bilingual: name_en/name_es must hold text in one language at least (clean()).
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNTRY)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    languages = models.JSONField(
        _("languages"),
        default=list,
        help_text=_('Language codes the programme works in, e.g. ["en", "es"].'),
    )
    default_language = models.CharField(_("default language"), max_length=8, default="en")
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="regional") | ~Q(country=""),
                name="programme_country_required_for_country_kind",
                violation_error_message=_("A country programme needs its country."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        require_some_language(self, "name")
        known = _content_language_codes()
        if not isinstance(self.languages, list) or not self.languages:
            raise ValidationError({"languages": _("List at least one language code.")})
        unknown = [code for code in self.languages if code not in known]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Unknown language code(s): %(codes)s. Use: %(known)s.")
                    % {"codes": ", ".join(map(str, unknown)), "known": ", ".join(known)}
                }
            )
        if self.default_language not in self.languages:
            raise ValidationError(
                {
                    "default_language": _(
                        "The default language must be one of the programme's languages."
                    )
                }
            )
        if self.kind == self.Kind.COUNTRY and not self.country:
            raise ValidationError({"country": _("A country programme needs its country.")})


class Membership(TimeStampedModel):
    """A person's role in one programme. Roles decide what they may change (core.permissions)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        FOCAL_POINT = "focal_point", _("Agency focal point")
        PARTNER = "partner", _("Partner")
        OBSERVER = "observer", _("Observer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("programme")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"],
                name="membership_one_role_per_programme",
                violation_error_message=_("This person already has a role in this programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.programme.code} · {self.get_role_display()}"


class Area(TimeStampedModel):
    """A place a programme works in: the target communities and the areas that contain them."""

    class Level(models.IntegerChoices):
        COUNTRY = 1, _("Country")
        REGION = 2, _("Region, parish or department")
        MUNICIPALITY = 3, _("Municipality")
        COMMUNITY = 4, _("Community")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="areas", verbose_name=_("programme")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("within"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    # Bilingual: name_en/name_es must hold text in one language at least (clean()).
    name = models.CharField(_("name"), max_length=200, blank=True)
    code = models.CharField(
        _("code"), max_length=40, blank=True, help_text=_("Optional official or statistical code.")
    )
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_(
            "Optional GeoJSON Polygon or MultiPolygon geometry, longitude before latitude."
        ),
    )
    latitude = models.DecimalField(
        _("centroid latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("centroid longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                condition=~Q(code=""),
                name="area_code_unique_in_programme",
                violation_error_message=_("Another area of this programme has this code."),
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="area_centroid_has_both_coordinates",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        require_some_language(self, "name")
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: _("Give both the latitude and the longitude, or neither.")}
            )
        if self.parent_id is not None:
            parent = self.parent
            if parent.programme_id != self.programme_id:
                raise ValidationError(
                    {"parent": _("The containing area must belong to the same programme.")}
                )
            if parent.level >= self.level:
                raise ValidationError(
                    {"parent": _("The containing area must be at a higher level than this one.")}
                )
            ancestor = parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("An area cannot be within itself.")})
                ancestor = ancestor.parent
        if self.boundary is not None:
            from core.geojson import geometry_errors

            problems = geometry_errors(self.boundary)
            if problems:
                raise ValidationError({"boundary": problems})


class Pillar(models.Model):
    """One of the six outcome areas of the Spotlight Initiative results framework (reference data)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    outcome = models.TextField(_("outcome statement"))

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class GovernmentPriority(TimeStampedModel):
    """A priority in one of the government's strategic frameworks that the programme aligns with."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("programme")
    )
    framework = models.CharField(
        _("framework"), max_length=255, help_text=_("The plan or strategy the priority comes from.")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=255, blank=True)  # bilingual, see clean()
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    objects = GovernmentPriorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("government priority")
        verbose_name_plural = _("government priorities")
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "framework", "code"],
                name="priority_code_unique_in_framework",
                violation_error_message=_("This framework already has a priority with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        super().clean()
        require_some_language(self, "title")
        if self.parent_id is not None:
            if self.parent.programme_id != self.programme_id:
                raise ValidationError(
                    {"parent": _("The parent priority must belong to the same programme.")}
                )
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("A priority cannot be part of itself.")})
                ancestor = ancestor.parent
