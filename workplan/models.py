"""The joint workplan: who does what, where and when, and the overlaps people have reviewed.

Codes follow IATI 2.03 (``workplan/iati/codelists``): activity status, organisation roles, DAC
sectors and the significance of the gender-equality policy marker, so that an activity exports
to IATI and back without translation tables.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, Visibility, require_some_language
from core.permissions import visible_q
from workplan.currencies import DEFAULT_CURRENCY, validate_currency
from workplan.iati.codelists import is_active_code

# Ending violence against women and girls (OECD DAC CRS purpose code).
DEFAULT_SECTOR = "15180"


def validate_sector(value: str) -> None:
    if not (value.isdigit() and len(value) == 5 and is_active_code("Sector", value)):
        raise ValidationError(
            _(
                "“%(value)s” is not a 5-digit DAC sector code of the IATI Sector codelist, "
                "such as 15180 (ending violence against women and girls)."
            ),
            params={"value": value},
            code="invalid_sector",
        )


class ActivityStatus(models.IntegerChoices):
    """IATI ActivityStatus codelist; the labels are ours, so that they translate."""

    PIPELINE = 1, _("Pipeline or identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class OrganisationRole(models.IntegerChoices):
    """IATI OrganisationRole codelist."""

    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")


class PolicySignificance(models.IntegerChoices):
    """IATI PolicySignificance codelist, used here for policy marker 1 (gender equality)."""

    NOT_TARGETED = 0, _("Not targeted")
    SIGNIFICANT = 1, _("Significant objective")
    PRINCIPAL = 2, _("Principal objective")
    PRINCIPAL_ACTION_PROGRAMME = 3, _("Principal objective and in support of an action programme")
    EXPLICIT_PRIMARY = 4, _("Explicit primary objective")


class TargetGroup(models.Model):
    """A group of people an activity reaches (reference data, seeded by a migration).

    ``leave_no_one_behind`` marks the groups the programme must not leave behind, so that the
    dashboard and the alignment views can count them apart.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)  # bilingual, both required
    leave_no_one_behind = models.BooleanField(_("leave no one behind"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("group reached")
        verbose_name_plural = _("groups reached")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Output(TimeStampedModel):
    """A programme output under a pillar, numbered like the results framework: 1.1, 2.3…"""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="outputs",
        verbose_name=_("programme"),
    )
    pillar = models.ForeignKey(
        "programmes.Pillar",
        on_delete=models.PROTECT,
        related_name="outputs",
        verbose_name=_("pillar"),
    )
    number = models.CharField(
        _("number"),
        max_length=12,
        validators=[RegexValidator(r"^\d+\.\d+$", _("Number outputs like 1.1 or 2.3."))],
    )
    title = models.CharField(_("title"), max_length=300, blank=True)  # bilingual, see clean()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="output_number_unique_in_programme",
                violation_error_message=_("This programme already has an output with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        super().clean()
        require_some_language(self, "title")
        if (
            self.pillar_id
            and "." in (self.number or "")
            and self.number.split(".", 1)[0] != str(self.pillar.number)
        ):
            raise ValidationError(
                {
                    "number": _("An output of pillar %(pillar)s is numbered %(pillar)s.1, …")
                    % {"pillar": self.pillar.number}
                }
            )


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActivityQuerySet:
        return self.filter(visible_q(user))


class Activity(TimeStampedModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("programme"),
    )
    # Bilingual: title_en/title_es must hold text in one language at least (clean()).
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="led_activities",
        verbose_name=_("lead organisation"),
        help_text=_("The agency or organisation that answers for the activity."),
    )
    pillar = models.ForeignKey(
        "programmes.Pillar",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("pillar"),
    )
    output = models.ForeignKey(
        Output,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("output"),
    )
    areas = models.ManyToManyField(
        "programmes.Area",
        related_name="activities",
        blank=True,
        verbose_name=_("areas"),
        help_text=_("The communities and areas where the activity happens."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ActivityStatus.choices, default=ActivityStatus.PIPELINE
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when not yet known."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default=DEFAULT_CURRENCY,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, such as USD, EUR or JMD."),
    )
    priorities = models.ManyToManyField(
        "programmes.GovernmentPriority",
        related_name="activities",
        blank=True,
        verbose_name=_("government priorities"),
    )
    groups = models.ManyToManyField(
        TargetGroup,
        related_name="activities",
        blank=True,
        verbose_name=_("groups reached"),
    )
    sector = models.CharField(
        _("DAC sector"),
        max_length=5,
        default=DEFAULT_SECTOR,
        validators=[validate_sector],
        help_text=_(
            "5-digit OECD DAC purpose code; 15180 is ending violence against women and girls."
        ),
    )
    gender_marker = models.PositiveSmallIntegerField(
        _("gender-equality marker"),
        choices=PolicySignificance.choices,
        default=PolicySignificance.PRINCIPAL,
        help_text=_("How central gender equality is to the activity (OECD DAC policy marker)."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PROGRAMME
    )
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2}-[^\s/&|?]+$",
                _(
                    "Use the IATI form of the reporting organisation's identifier, a hyphen and the "
                    "activity's own code, without spaces or / & | ?, e.g. XM-DAC-41146-JM-001."
                ),
            )
        ],
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="activity_planned_end_not_before_start",
                violation_error_message=_("The planned end cannot come before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="activity_actual_end_not_before_start",
                violation_error_message=_("The actual end cannot come before the actual start."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="activity_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["programme", "iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="activity_iati_identifier_unique_in_programme",
                violation_error_message=_(
                    "Another activity of this programme has this IATI identifier."
                ),
            ),
        ]
        indexes = [models.Index(fields=["programme", "pillar"], name="activity_programme_pillar")]

    def __str__(self) -> str:
        return self.title

    @property
    def start(self) -> Any:
        """When it starts: the actual start if known, else the planned one."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> Any:
        return self.actual_end or self.planned_end

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        try:
            require_some_language(self, "title")
        except ValidationError as error:
            errors.update(error.message_dict)
        for kind, start, end in (
            ("planned", self.planned_start, self.planned_end),
            ("actual", self.actual_start, self.actual_end),
        ):
            if start and end and end < start:
                errors[f"{kind}_end"] = (
                    _("The planned end cannot come before the planned start.")
                    if kind == "planned"
                    else _("The actual end cannot come before the actual start.")
                )
        if self.lead_organisation_id and self.programme_id:
            works_here = self.lead_organisation.programmes.filter(pk=self.programme_id).exists()
            if not works_here:
                errors["lead_organisation"] = _(
                    "This organisation does not work in the programme: a coordinator adds it first."
                )
        if self.output_id is not None:
            output = self.output
            if output.programme_id != self.programme_id:
                errors["output"] = _("The output must belong to the same programme.")
            elif self.pillar_id and output.pillar_id != self.pillar_id:
                errors["output"] = _("The output must belong to the activity's pillar.")
        if (
            self.iati_identifier
            and self.programme_id
            and Activity.objects.filter(
                programme_id=self.programme_id, iati_identifier=self.iati_identifier
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["iati_identifier"] = _(
                "Another activity of this programme has this IATI identifier."
            )
        if errors:
            raise ValidationError(errors)


class Participation(TimeStampedModel):
    """An organisation taking part in an activity, in one of the IATI roles."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("activity"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=OrganisationRole.choices)

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation", "role"],
                name="participation_once_per_role",
                violation_error_message=_("This organisation is already listed in this role."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        super().clean()
        if self.activity_id and self.organisation_id:
            programme_id = self.activity.programme_id
            if not self.organisation.programmes.filter(pk=programme_id).exists():
                raise ValidationError(
                    {
                        "organisation": _(
                            "This organisation does not work in the programme: a coordinator adds it first."
                        )
                    }
                )


class ActivityTerm(models.Model):
    """An inverted index of the terms ``workplan.overlaps.terms_of`` finds in each activity.

    Filled by ``workplan.services`` on every create and update, so that the entry-time duplicate
    check reads a few index rows instead of scoring every activity of the programme.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "term"], name="activity_term_once")
        ]
        indexes = [models.Index(fields=["programme", "term"], name="activity_term_lookup")]

    def __str__(self) -> str:
        return self.term


class OverlapDecision(models.Model):
    """What a coordinator decided about a pair of activities that may overlap.

    A pair is stored once, the lower id first. The material signatures of both sides at the time
    of the decision are kept: the pair is raised again only when one of them changes.
    """

    class Decision(models.TextChoices):
        COMPLEMENTARY = "complementary", _("Complementary and coordinated")
        DUPLICATE = "duplicate", _("Duplicate")
        NOT_RELATED = "not_related", _("Not related")

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="overlap_decisions",
        verbose_name=_("programme"),
    )
    activity_a = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="+", verbose_name=_("activity")
    )
    activity_b = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="+", verbose_name=_("other activity")
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For a duplicate, what will be done about it."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    signature_a = models.CharField(max_length=128)
    signature_b = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("overlap decision")
        verbose_name_plural = _("overlap decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity_a__lt=F("activity_b")),
                name="overlap_decision_pair_in_order",
                violation_error_message=_("A pair is stored with the lower id first."),
            ),
            models.UniqueConstraint(
                fields=["activity_a", "activity_b"],
                name="overlap_decision_once_per_pair",
                violation_error_message=_("This pair already has a decision."),
            ),
            models.CheckConstraint(
                condition=~Q(decision="duplicate") | ~Q(note=""),
                name="overlap_decision_duplicate_needs_note",
                violation_error_message=_("Say what will be done about the duplicate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_a_id} ↔ {self.activity_b_id}: {self.get_decision_display()}"

    def clean(self) -> None:
        super().clean()
        if self.decision == self.Decision.DUPLICATE and not self.note.strip():
            raise ValidationError({"note": _("Say what will be done about the duplicate.")})
        if self.activity_a_id and self.activity_b_id:
            if self.activity_a_id == self.activity_b_id:
                raise ValidationError(_("An activity cannot overlap with itself."))
            for side in (self.activity_a, self.activity_b):
                if side.programme_id != self.programme_id:
                    raise ValidationError(
                        _("Both activities must belong to the decision's programme.")
                    )


class ActivityUpdateQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActivityUpdateQuerySet:
        """An update is read by whoever may read its activity: it has no visibility of its own."""
        return self.filter(
            visible_q(
                user, programme_path="activity__programme", visibility_field="activity__visibility"
            )
        )


class ActivityUpdate(models.Model):
    """News on an activity from the people working on it: progress, a new status, an opportunity
    or a request for collaboration.

    The text is written once, in the author's language (``language``); it is not a bilingual
    field, since a note between partners is not published content and asking for two versions
    would only stop people from posting. A status change also changes the activity through
    ``workplan.services.activity_update``, so that the activity's history records it too.
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress note")
        STATUS = "status", _("Status change")
        OPPORTUNITY = "opportunity", _("Opportunity")
        COLLABORATION = "collaboration", _("Request for collaboration")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="updates", verbose_name=_("activity")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_updates",
        verbose_name=_("organisation"),
        help_text=_("The author's organisation when they posted."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    text = models.TextField(_("text"), blank=True)
    previous_status = models.PositiveSmallIntegerField(
        _("previous status"), choices=ActivityStatus.choices, null=True, blank=True
    )
    new_status = models.PositiveSmallIntegerField(
        _("new status"), choices=ActivityStatus.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    objects = ActivityUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity update")
        verbose_name_plural = _("activity updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="status") & Q(new_status__isnull=False))
                | (~Q(kind="status") & Q(new_status__isnull=True)),
                name="activity_update_status_only_on_status_change",
                violation_error_message=_(
                    "A status change names the new status; other updates do not."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="status") | ~Q(text=""),
                name="activity_update_text_required",
                violation_error_message=_("Write the update."),
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "-created_at"], name="activity_update_by_activity"),
            models.Index(fields=["-created_at"], name="activity_update_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.activity_id}"

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.STATUS:
            if self.new_status is None:
                raise ValidationError({"new_status": _("Choose the new status.")})
        elif not (self.text or "").strip():
            raise ValidationError({"text": _("Write the update.")})
