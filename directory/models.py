"""The service directory, modelled on Open Referral HSDS 3.0.

Every record has a UUID primary key, which is its HSDS ``id``: import and export are idempotent on
it. Organisations are the core ``Organisation`` (with its own ``hsds_id``).

Confidentiality is part of the model: a ``Location`` can be confidential (a shelter's address and
coordinates) and a ``Phone`` can be private. The selectors in ``directory.selectors`` leave them
out for anyone whose role does not allow them (``core.permissions.can_see_confidential``).
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, Visibility


class HsdsRecord(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Taxonomy(HsdsRecord):
    """A vocabulary of terms. ``esp`` is the UN Essential Services Package, our default."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("address"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsRecord):
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.CASCADE, related_name="terms", verbose_name=_("taxonomy")
    )
    code = models.CharField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader term"),
    )
    term_uri = models.URLField(_("term address"), blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"],
                name="term_code_unique_in_taxonomy",
                violation_error_message=_("This taxonomy already has a term with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector(self) -> "TaxonomyTerm":
        """The top-level term (an Essential Services sector) this term falls under."""
        return self.parent.sector if self.parent_id else self


class Service(HsdsRecord):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = models.TextField(_("interpretation"), blank=True)
    application_process = models.TextField(_("how to get the service"), blank=True)
    fees_description = models.TextField(
        _("cost"), blank=True, help_text=_("Say “Free” when it is.")
    )
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=255, blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    alert = models.TextField(
        _("alert"), blank=True, help_text=_("A temporary notice, such as a closure.")
    )
    accreditations = models.TextField(_("accreditations"), blank=True)
    licenses = models.TextField(_("licences"), blank=True)
    assured_date = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked this record."),
    )
    assurer_email = models.EmailField(_("verified by (e-mail)"), blank=True)
    terms = models.ManyToManyField(
        TaxonomyTerm, related_name="services", blank=True, verbose_name=_("service types")
    )
    open_24_7 = models.BooleanField(
        _("open 24 hours, 7 days"),
        default=False,
        editable=False,
        help_text=_("Kept by the hub from the schedules."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["programme", "status", "visibility"]),
            # The public search walks a programme's public services in name order (in the page's
            # language) and stops when a page is full, reading only these indexes.
            models.Index(
                fields=["programme", "visibility", "name_en", "status", "open_24_7", "id"],
                name="service_public_by_name_en",
            ),
            models.Index(
                fields=["programme", "visibility", "name_es", "status", "open_24_7", "id"],
                name="service_public_by_name_es",
            ),
            # And checks a few matches found in the search index, sorting them by name.
            models.Index(
                fields=[
                    "id",
                    "programme",
                    "visibility",
                    "status",
                    "open_24_7",
                    "name_en",
                    "name_es",
                ],
                name="service_public_by_id",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_in_order",
                violation_error_message=_("The minimum age must not be above the maximum age."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(HsdsRecord):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    location_type = models.CharField(
        _("kind of location"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    area = models.ForeignKey(
        "programmes.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("community"),
        help_text=_("The target community the location is in."),
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "A shelter or other place whose address must never be published: only members whose "
            "role allows it see its address, coordinates and phones."
        ),
    )
    external_identifier = models.CharField(_("external identifier"), max_length=120, blank=True)
    external_identifier_type = models.CharField(
        _("kind of external identifier"), max_length=60, blank=True
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or str(self.pk)


class Address(HsdsRecord):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("location")
    )
    attention = models.CharField(_("for the attention of"), max_length=255, blank=True)
    address_1 = models.CharField(_("address"), max_length=255)
    address_2 = models.CharField(_("address (continued)"), max_length=255, blank=True)
    city = models.CharField(_("city or town"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    state_province = models.CharField(_("parish, department or province"), max_length=120)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country code"), max_length=2)
    address_type = models.CharField(
        _("kind of address"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.address_1, self.city) if part)


class ServiceAtLocation(HsdsRecord):
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("location"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"],
                name="service_once_per_location",
                violation_error_message=_("This service is already offered at this location."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Phone(HsdsRecord):
    class Type(models.TextChoices):
        VOICE = "voice", _("Voice")
        TEXT = "text", _("Text message (SMS)")
        CELL = "cell", _("Mobile")
        FAX = "fax", _("Fax")
        VIDEO = "video", _("Video")
        PAGER = "pager", _("Pager")
        TEXTPHONE = "textphone", _("Textphone")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("location"),
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("service at a location"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("organisation"),
    )
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("kind"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.TextField(_("description"), blank=True)
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_("A staff or direct line: only members whose role allows it see it."),
    )

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False)
                | Q(location__isnull=False)
                | Q(service_at_location__isnull=False)
                | Q(organisation__isnull=False),
                name="phone_belongs_to_something",
                violation_error_message=_(
                    "A phone belongs to a service, a location or an organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def tel(self) -> str:
        """The number for a tel: link: digits and a leading +."""
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        return digits + (f",{self.extension}" if self.extension else "")


class Schedule(HsdsRecord):
    """Opening hours as HSDS (RFC 5545) weekly rules: days, opening and closing time."""

    DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("location"),
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("service at a location"),
    )
    freq = models.CharField(_("repeats"), max_length=10, default="WEEKLY", blank=True)
    byday = models.CharField(
        _("days"), max_length=40, blank=True, help_text=_("Comma-separated: MO,TU,WE,TH,FR,SA,SU.")
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Earlier than the opening time for hours that run past midnight."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    attending_type = models.TextField(_("attendance"), blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}-{self.closes_at}"

    @property
    def days(self) -> list[str]:
        return [day.strip().upper() for day in self.byday.split(",") if day.strip()]

    @property
    def is_all_week_all_day(self) -> bool:
        from datetime import time

        return (
            set(self.days) == set(self.DAYS)
            and self.opens_at == time(0, 0)
            and self.closes_at in (time(23, 59), time(23, 59, 59), time(0, 0))
        )


class Language(HsdsRecord):
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
        verbose_name=_("location"),
    )
    phone = models.ForeignKey(
        Phone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
        verbose_name=_("phone"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    code = models.CharField(
        _("code"), max_length=12, blank=True, help_text=_("ISO 639 code, e.g. es.")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code


class Accessibility(HsdsRecord):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="accessibility", verbose_name=_("location")
    )
    description = models.TextField(_("description"), blank=True)
    details = models.TextField(_("details"), blank=True)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description[:60]


class ServiceArea(HsdsRecord):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_areas", verbose_name=_("service")
    )
    area = models.ForeignKey(
        "programmes.Area",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_areas",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    extent = models.TextField(_("extent"), blank=True)
    extent_type = models.CharField(_("kind of extent"), max_length=20, blank=True)
    uri = models.URLField(_("address"), blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name or (self.area.name if self.area else "")


class CostOption(HsdsRecord):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="cost_options", verbose_name=_("service")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    option = models.CharField(_("option"), max_length=255, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_description = models.TextField(_("amount description"), blank=True)

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")

    def __str__(self) -> str:
        return self.option


class RequiredDocument(HsdsRecord):
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="required_documents",
        verbose_name=_("service"),
    )
    document = models.TextField(_("document"))
    uri = models.URLField(_("address"), blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.document


class Hotline(TimeStampedModel):
    """A programme's emergency or helpline number, shown on every public page."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="hotlines",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=120)
    number = models.CharField(_("number"), max_length=40)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Such as “24 hours, free”.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.number}"

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class DirectorySettings(TimeStampedModel):
    """How a programme's public directory behaves."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="directory_settings",
        verbose_name=_("programme"),
    )
    quick_exit_url = models.URLField(
        _("quick exit page"),
        default="https://www.google.com/search?q=weather",
        help_text=_(
            "The neutral page that Quick exit opens, replacing the directory in the history."
        ),
    )

    class Meta:
        verbose_name = _("directory settings")
        verbose_name_plural = _("directory settings")

    def __str__(self) -> str:
        return str(self.programme)


class Suggestion(TimeStampedModel):
    """A correction proposed by a member of the public, waiting in the moderation queue.

    It holds what the person wrote about the service and nothing about the person.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        APPLIED = "applied", _("Applied")
        DISMISSED = "dismissed", _("Dismissed")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("service")
    )
    message = models.TextField(_("what should change"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggested correction")
        verbose_name_plural = _("suggested corrections")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:60]


class SearchToken(models.Model):
    """The public search index: one normalised word stem of a service at a location.

    Built by ``directory.search.index_services`` from what the public may see, and only that: a
    confidential location contributes no address, name or coordinates.
    """

    token = models.CharField(max_length=40)
    # No index of their own on the two links: the unique constraint below starts with the service
    # at a location and the lookup index with the programme, and at ~100 tokens per service two
    # more indexes would double what every write and import maintains.
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        # A search reads the ids of the services at locations holding a stem from this index
        # alone, without visiting the table.
        indexes = [
            models.Index(
                fields=["programme", "token", "service_at_location"], name="search_token_lookup"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["service_at_location", "token"], name="search_token_once"
            )
        ]

    def __str__(self) -> str:
        return self.token


class ServiceChangeRequest(TimeStampedModel):
    """Changes to a service, or a new service, proposed by a focal point or partner.

    They wait for a coordinator, who approves them (applied through
    ``directory.manage_services.service_update``, like any edit) or rejects them with a note.
    ``data`` holds only what changes, in the form ``service_update`` takes; ``original`` holds the
    same parts as they were when proposed, so the coordinator sees whether the record moved on
    since. A proposed new service (``new_service``) has no service until it is approved: ``data``
    then holds the whole record, for ``service_create``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="service_change_requests",
        verbose_name=_("programme"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("service"),
    )
    new_service = models.BooleanField(
        _("proposes a new service"),
        default=False,
        help_text=_("The service is created when the proposal is approved."),
    )
    proposed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    data = models.JSONField(_("proposed changes"))
    original = models.JSONField(_("values when proposed"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="change_request_queue")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="pending") & Q(decided_at__isnull=True))
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="change_request_decided_once_decided",
                violation_error_message=_("A decided proposal records when it was decided."),
            ),
            # A change names its service; a new service has one once approved, and only then.
            models.CheckConstraint(
                condition=Q(new_service=False, service__isnull=False)
                | Q(new_service=True, status="approved", service__isnull=False)
                | (Q(new_service=True, service__isnull=True) & ~Q(status="approved")),
                name="change_request_names_its_service",
                violation_error_message=_(
                    "A proposed change names its service; a proposed new service has one once "
                    "approved."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} · {self.get_status_display()}"

    @property
    def service_name(self) -> str:
        """The service's name, or for a new service the name proposed (in the page's language)."""
        if self.service_id is not None:
            return self.service.name
        fields = self.data.get("service", {}) if isinstance(self.data, dict) else {}
        first = (get_language() or "en")[:2]
        names = [fields.get(f"name_{first}"), fields.get("name_en"), fields.get("name_es")]
        return next((str(name) for name in names if name), "")
