"""Coordination bodies and their meetings: committees, task forces, pillar groups, sub-committees
and reference groups; agendas, minutes, decisions, attendance and action items.

Who reads and who changes these is decided in ``core.permissions`` ("Coordination bodies").
Meetings of a series are stored as rows (``coordination.services.series_extend``), so that each
occurrence has its own agenda, minutes and attendance, and a moved or cancelled one keeps the
start it was generated for (``original_start``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination import recurrence
from coordination.files import terms_of_reference_path, validate_document
from core.models import TimeStampedModel, Visibility, require_some_language
from core.permissions import body_read_q
from programmes.models import validate_time_zone


class StakeholderType(models.TextChoices):
    UN = "un", _("UN")
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
    DONOR = "donor", _("EU / donor")


# The stakeholder type a person brings from their organisation, offered as the default.
# Academia counts with civil society and the private sector with implementing partners, the
# groups they sit with in Spotlight bodies.
STAKEHOLDER_OF_ORGANISATION_TYPE = {
    "un_agency": StakeholderType.UN,
    "government": StakeholderType.GOVERNMENT,
    "civil_society": StakeholderType.CIVIL_SOCIETY,
    "implementing_partner": StakeholderType.IMPLEMENTING_PARTNER,
    "donor": StakeholderType.DONOR,
    "academia": StakeholderType.CIVIL_SOCIETY,
    "private_sector": StakeholderType.IMPLEMENTING_PARTNER,
}


def stakeholder_type_of(organisation: Any) -> str:
    if organisation is None:
        return ""
    return STAKEHOLDER_OF_ORGANISATION_TYPE.get(organisation.type, "")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("In person and online")


def _check_mode(instance: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if instance.mode in (MeetingMode.ONLINE, MeetingMode.BOTH) and not instance.online_link:
        errors["online_link"] = _("Give the link to join online.")
    if instance.mode in (MeetingMode.IN_PERSON, MeetingMode.BOTH) and not instance.place.strip():
        errors["place"] = _("Say where the meeting takes place.")
    return errors


# --- Bodies -----------------------------------------------------------------------------------


class BodyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> BodyQuerySet:
        return self.filter(body_read_q(user))


class Body(TimeStampedModel):
    class Type(models.TextChoices):
        STEERING = "steering", _("Steering or oversight committee")
        TECHNICAL = "technical", _("Interagency technical committee")
        TASK_FORCE = "task_force", _("Task force")
        PILLAR_GROUP = "pillar_group", _("Pillar group")
        SUB_COMMITTEE = "sub_committee", _("Sub-committee")
        REFERENCE_GROUP = "reference_group", _("Civil-society reference group")
        PARTNER_FORUM = "partner_forum", _("Implementing-partner forum")

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("programme"),
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    pillar = models.ForeignKey(
        "programmes.Pillar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("pillar"),
    )
    # Bilingual: name_en/name_es must hold text in one language at least (clean()).
    name = models.CharField(_("name"), max_length=200, blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    terms_of_reference = models.FileField(
        _("terms of reference"),
        upload_to=terms_of_reference_path,
        max_length=300,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), at most 10 MB."),
    )
    chair_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_bodies",
        verbose_name=_("chair organisation"),
    )
    co_chair_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_chaired_bodies",
        verbose_name=_("co-chair organisation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("sub-committee of"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PROGRAMME
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination body")
        verbose_name_plural = _("coordination bodies")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="body_not_own_parent",
                violation_error_message=_("A body cannot be a sub-committee of itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        try:
            require_some_language(self, "name")
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.programme_id:
            for field in ("chair_organisation", "co_chair_organisation"):
                organisation = getattr(self, field)
                if (
                    organisation is not None
                    and not organisation.programmes.filter(pk=self.programme_id).exists()
                ):
                    errors[field] = _(
                        "This organisation does not work in the programme: a coordinator adds it first."
                    )
        if (
            self.chair_organisation_id
            and self.chair_organisation_id == self.co_chair_organisation_id
        ):
            errors["co_chair_organisation"] = _(
                "The co-chair must be another organisation than the chair."
            )
        if self.parent_id is not None:
            parent = self.parent
            if parent.programme_id != self.programme_id:
                errors["parent"] = _("The parent body must belong to the same programme.")
            else:
                ancestor, seen = parent, set()
                while ancestor is not None and ancestor.pk not in seen:
                    if self.pk is not None and ancestor.pk == self.pk:
                        errors["parent"] = _(
                            "A body cannot be a sub-committee of itself or of its own sub-committees."
                        )
                        break
                    seen.add(ancestor.pk)
                    ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


class BodyMember(TimeStampedModel):
    """A person sitting on a body, for their organisation, in a role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("Secretariat")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("body")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="body_memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_members",
        verbose_name=_("organisation"),
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=24, choices=StakeholderType.choices
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        ordering = ["role", "person__first_name", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person"],
                name="body_member_once",
                violation_error_message=_("This person is already a member of this body."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"

    def clean(self) -> None:
        super().clean()
        if self.body_id and self.person_id:
            from programmes.models import Membership

            if not Membership.objects.filter(
                user_id=self.person_id, programme_id=self.body.programme_id
            ).exists():
                raise ValidationError(
                    {
                        "person": _(
                            "This person is not a member of the programme: a coordinator invites them first."
                        )
                    }
                )


# --- Meetings ---------------------------------------------------------------------------------


class MeetingSeries(TimeStampedModel):
    """A recurring meeting: an RFC 5545 rule from a first date, at a local time in a time zone."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="series", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_(
            "An RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=1TU (first Tuesday of each month) or "
            "FREQ=WEEKLY;INTERVAL=2 (every other week)."
        ),
    )
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    language = models.CharField(
        _("language of the meeting"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("link to join online"), max_length=500, blank=True)
    generated_until = models.DateTimeField(
        _("occurrences created until"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.body)

    def clean(self) -> None:
        super().clean()
        errors = _check_mode(self)
        if self.rrule:
            self.rrule = recurrence.normalise(self.rrule)
            try:
                recurrence.parse(self.rrule)
            except ValidationError as error:
                errors["rrule"] = error.messages
        if errors:
            raise ValidationError(errors)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        return self.filter(body_read_q(user, body_path="body__"))


class Meeting(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body")
    )
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    original_start = models.DateTimeField(
        _("start in the series"),
        null=True,
        blank=True,
        help_text=_("When the series placed this meeting, kept when it is moved or cancelled."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    start = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    language = models.CharField(
        _("language of the meeting"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("link to join online"), max_length=500, blank=True)
    # Written in the meeting's language, in Markdown; shown sanitised (coordination.markdown).
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    minutes_approved_at_meeting = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at"),
    )
    # The iCalendar SEQUENCE: raised by the services each time the meeting moves, changes place
    # or is cancelled, so calendars replace their copy (coordination.calendar).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"],
                condition=Q(series__isnull=False),
                name="meeting_once_per_occurrence",
                violation_error_message=_("This occurrence of the series already exists."),
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True) | Q(original_start__isnull=False),
                name="meeting_occurrence_has_original_start",
                violation_error_message=_("An occurrence of a series keeps its original start."),
            ),
            models.CheckConstraint(
                condition=Q(minutes_approved_at_meeting__isnull=True)
                | ~Q(minutes_approved_at_meeting=F("pk")),
                name="meeting_minutes_not_approved_at_itself",
                violation_error_message=_("Minutes are approved at a later meeting."),
            ),
        ]
        indexes = [models.Index(fields=["body", "start"], name="meeting_body_start")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or (self.series.title if self.series_id and self.series else "") or ""

    @property
    def end(self) -> datetime.datetime:
        return self.start + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_moved(self) -> bool:
        return self.original_start is not None and self.original_start != self.start

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self) -> None:
        super().clean()
        errors = _check_mode(self)
        if self.series_id and self.body_id and self.series.body_id != self.body_id:
            errors["series"] = _("The series must belong to the same body.")
        if self.status == self.Status.HELD and self.start and self.start > timezone.now():
            errors["status"] = _("A meeting that has not started yet cannot be marked as held.")
        if errors:
            raise ValidationError(errors)


class MeetingGuest(TimeStampedModel):
    """Someone invited who does not sit on the body, such as the EU Delegation."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="guests", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_guests",
        verbose_name=_("organisation"),
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=24, choices=StakeholderType.choices
    )

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name


class AgendaItem(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Bilingual: title_en/title_es, at least one (clean()).
    title = models.CharField(_("title"), max_length=300, blank=True)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    presenter_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenting organisation"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    activities = models.ManyToManyField(
        "workplan.Activity",
        related_name="agenda_items",
        blank=True,
        verbose_name=_("workplan activities"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        require_some_language(self, "title")


class Decision(TimeStampedModel):
    """A decision recorded at a meeting, numbered within its body (1, 2, 3…)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("body")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    number = models.PositiveIntegerField(_("number"))
    # In the meeting's language, like the minutes.
    text = models.TextField(_("decision"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="decision_number_once_per_body",
                violation_error_message=_("This body already has a decision with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    def clean(self) -> None:
        super().clean()
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            raise ValidationError({"meeting": _("The meeting must be one of the body's.")})
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})


class Attendance(TimeStampedModel):
    """Who was there: a member (``person``) or a guest, with their organisation and type."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("person"),
    )
    guest = models.ForeignKey(
        MeetingGuest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("guest"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=24, choices=StakeholderType.choices
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(guest__isnull=True))
                | (Q(person__isnull=True) & Q(guest__isnull=False)),
                name="attendance_person_or_guest",
                violation_error_message=_("Attendance is of a member or of a guest."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
                violation_error_message=_("This person's attendance is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "guest"],
                condition=Q(guest__isnull=False),
                name="attendance_once_per_guest",
                violation_error_message=_("This guest's attendance is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.guest}: {self.get_status_display()}"


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActionItemQuerySet:
        return self.filter(body_read_q(user, body_path="body__"))

    def open(self) -> ActionItemQuerySet:
        return self.filter(status__in=ActionItem.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ActionItemQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())


class ActionItem(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("programme"),
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("body")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("raised at"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("from agenda item"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("from decision"),
    )
    text = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner organisation"),
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(owner_organisation__isnull=False),
                name="action_item_has_owner",
                violation_error_message=_("Name the person or the organisation who owns it."),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=["open", "in_progress"]) & Q(closed_at__isnull=True))
                | (Q(status__in=["done", "dropped"]) & Q(closed_at__isnull=False)),
                name="action_item_closed_at_when_closed",
                violation_error_message=_("A done or dropped action has the date it was closed."),
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"], name="action_item_body_status"),
            models.Index(fields=["programme", "status", "due_date"], name="action_item_due"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.owner_id is None and self.owner_organisation_id is None:
            errors["owner"] = _("Name the person or the organisation who owns it.")
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            errors["meeting"] = _("The meeting must be one of the body's.")
        if self.body_id and self.programme_id and self.body.programme_id != self.programme_id:
            errors["body"] = _("The body must belong to the programme.")
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("Choose an item of this meeting's agenda.")
        if self.decision_id and self.decision.body_id != self.body_id:
            errors["decision"] = _("Choose a decision of this body.")
        if errors:
            raise ValidationError(errors)


# --- Calendar feeds and reminders --------------------------------------------------------------


class CalendarFeedQuerySet(models.QuerySet):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(TimeStampedModel):
    """A secret address from which a calendar application reads meetings (coordination.calendar).

    With a body, the body's meetings; without, the owner's own calendar: the meetings of every
    body they sit on or are invited to, and the action items they own. The token is the only
    credential, shown once at creation and stored as a SHA-256 digest like ``accounts.ApiToken``;
    what the feed shows is decided by the owner's permissions at each fetch.
    """

    PREFIX = "cal_"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("person"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("body"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("begins with"), max_length=12, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.body or self.owner} ({self.hint}…)"


class ReminderSent(models.Model):
    """One reminder that went out, so that ``send_reminders`` never sends it twice.

    Keyed on the date it was about (the meeting's start, the action's due date): a meeting moved
    or a due date changed after a reminder earns a new one. ``email`` (lower case) rather than a
    person, because guests get meeting reminders too.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting coming")
        ACTION_DUE = "action_due", _("Action item due soon")
        ACTION_OVERDUE = "action_overdue", _("Action item overdue")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action_item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    about = models.DateTimeField(_("about the moment"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="meeting", meeting__isnull=False, action_item__isnull=True)
                    | (
                        Q(kind__in=["action_due", "action_overdue"])
                        & Q(meeting__isnull=True, action_item__isnull=False)
                    )
                ),
                name="reminder_about_meeting_or_action",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email", "about"],
                condition=Q(meeting__isnull=False),
                name="reminder_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["kind", "action_item", "email", "about"],
                condition=Q(action_item__isnull=False),
                name="reminder_once_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.email}"
