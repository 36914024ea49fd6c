"""Writes for coordination bodies and their meetings.

Callers check permission first (``core.permissions``: ``can_manage_bodies``,
``can_manage_meetings``, ``can_update_action_item``); these functions validate everything,
report problems under the field they concern, and write all or nothing. Every write records who
made it in the history (django-simple-history).
"""

from __future__ import annotations

import datetime
import secrets
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import hash_secret
from coordination import mail, recurrence
from coordination.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    CalendarFeed,
    Decision,
    Meeting,
    MeetingGuest,
    MeetingSeries,
    stakeholder_type_of,
)
from organisations.models import Organisation
from programmes.models import Membership, Programme

# How far ahead the occurrences of a series exist as meetings.
HORIZON = datetime.timedelta(days=365)

BODY_FIELDS = {
    "name_en",
    "name_es",
    "mandate_en",
    "mandate_es",
    "type",
    "pillar",
    "terms_of_reference",
    "chair_organisation",
    "co_chair_organisation",
    "parent",
    "visibility",
}
MEETING_FIELDS = {
    "title",
    "start",
    "duration_minutes",
    "status",
    "language",
    "mode",
    "place",
    "online_link",
}
# Changes after which calendars replace their copy of a meeting (its SEQUENCE goes up), and of
# those, the ones invitees are told of by mail (a cancellation is told too).
REVISING_FIELDS = {"start", "duration_minutes", "status", "mode", "place", "online_link"}
MOVING_FIELDS = {"start", "duration_minutes", "mode", "place", "online_link"}
SERIES_FIELDS = {
    "title",
    "rrule",
    "start_date",
    "start_time",
    "time_zone",
    "duration_minutes",
    "language",
    "mode",
    "place",
    "online_link",
}


def _attribute(instance: Any, user: Any) -> None:
    instance._history_user = user if getattr(user, "is_authenticated", False) else None


def _check_fields(values: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Unknown fields: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            }
        )


def _save(instance: Any, user: Any) -> Any:
    _attribute(instance, user)
    instance.full_clean()
    instance.save()
    return instance


def _works_in(organisation: Organisation | None, programme_id: int) -> bool:
    return organisation is None or organisation.programmes.filter(pk=programme_id).exists()


def _is_member(person: Any, programme_id: int) -> bool:
    return Membership.objects.filter(user=person, programme_id=programme_id).exists()


# --- Bodies -----------------------------------------------------------------------------------


def body_create(*, programme: Programme, user: Any, **values: Any) -> Body:
    _check_fields(values, BODY_FIELDS)
    body = Body(programme=programme, **values)
    with transaction.atomic():
        return _save(body, user)


def body_update(*, body: Body, user: Any, data: dict[str, Any]) -> Body:
    """Change the fields in ``data``; nothing is written when nothing changed."""
    _check_fields(data, BODY_FIELDS)
    changed = [name for name, value in data.items() if getattr(body, name) != value]
    if not changed:
        return body
    for name in changed:
        setattr(body, name, data[name])
    with transaction.atomic():
        return _save(body, user)


def body_member_add(
    *,
    body: Body,
    user: Any,
    person: Any,
    role: str = BodyMember.Role.MEMBER,
    organisation: Organisation | None = None,
    stakeholder_type: str = "",
) -> BodyMember:
    """Seat a member of the programme on the body; organisation and stakeholder type default to
    the person's organisation and its type."""
    organisation = organisation or getattr(person, "organisation", None)
    member = BodyMember(
        body=body,
        person=person,
        role=role,
        organisation=organisation,
        stakeholder_type=stakeholder_type or stakeholder_type_of(organisation),
    )
    errors: dict[str, list[Any]] = {}
    if BodyMember.objects.filter(body=body, person=person).exists():
        errors["person"] = [_("This person is already a member of this body.")]
    if not _works_in(organisation, body.programme_id):
        errors["organisation"] = [
            _("This organisation does not work in the programme: a coordinator adds it first.")
        ]
    _attribute(member, user)
    try:
        member.full_clean(exclude=list(errors))
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member.save()
    return member


def body_member_update(
    *,
    member: BodyMember,
    user: Any,
    role: str,
    organisation: Organisation | None,
    stakeholder_type: str,
) -> BodyMember:
    if not _works_in(organisation, member.body.programme_id):
        raise ValidationError(
            {
                "organisation": _(
                    "This organisation does not work in the programme: a coordinator adds it first."
                )
            }
        )
    member.role = role
    member.organisation = organisation
    member.stakeholder_type = stakeholder_type
    with transaction.atomic():
        return _save(member, user)


def body_member_remove(*, member: BodyMember, user: Any) -> None:
    _attribute(member, user)
    member.delete()


# --- Meetings and series ----------------------------------------------------------------------


def series_create(
    *, body: Body, user: Any, until: datetime.datetime | None = None, **values: Any
) -> MeetingSeries:
    """A recurring meeting, in the programme's time zone unless another is given, with its
    occurrences up to ``until`` (the coming year by default) created at once."""
    _check_fields(values, SERIES_FIELDS)
    values.setdefault("time_zone", body.programme.time_zone)
    series = MeetingSeries(body=body, **values)
    with transaction.atomic():
        _save(series, user)
        created = series_extend(series=series, user=user, until=until)
        if created:
            # One mail with every occurrence, rather than one per occurrence.
            occurrences = list(
                Meeting.objects.filter(pk__in=[m.pk for m in created]).select_related(
                    "body__programme", "series"
                )
            )
            mail.invite_on_commit(meeting=occurrences[0], kind=mail.SERIES, occurrences=occurrences)
    return series


def series_extend(
    *, series: MeetingSeries, user: Any = None, until: datetime.datetime | None = None
) -> list[Meeting]:
    """Create the series' meetings up to ``until`` (a year from now by default).

    An occurrence is identified by its ``original_start``: one that already exists (planned,
    moved or cancelled) is never created again, so moving or cancelling it holds. Occurrences
    before the point reached last time are not looked at again either.
    """
    until = until or timezone.now() + HORIZON
    zone = zoneinfo.ZoneInfo(series.time_zone)
    first = datetime.datetime.combine(series.start_date, series.start_time, tzinfo=zone)
    after = max(first, series.generated_until) if series.generated_until else first
    if after >= until:
        return []
    moments = list(
        recurrence.occurrences(
            rule_text=series.rrule,
            start_date=series.start_date,
            start_time=series.start_time,
            time_zone=series.time_zone,
            after=after,
            before=until,
        )
    )
    with transaction.atomic():
        existing = set(
            Meeting.objects.filter(series=series, original_start__in=moments).values_list(
                "original_start", flat=True
            )
        )
        new = [
            Meeting(
                body_id=series.body_id,
                series=series,
                original_start=moment,
                start=moment,
                duration_minutes=series.duration_minutes,
                language=series.language,
                mode=series.mode,
                place=series.place,
                online_link=series.online_link,
            )
            for moment in moments
            if moment not in existing
        ]
        created = (
            bulk_create_with_history(
                new,
                Meeting,
                default_user=user if getattr(user, "is_authenticated", False) else None,
            )
            if new
            else []
        )
        MeetingSeries.objects.filter(pk=series.pk).update(generated_until=until)
        series.generated_until = until
    return created


def meeting_create(*, body: Body, user: Any, **values: Any) -> Meeting:
    """A one-off meeting (no series)."""
    _check_fields(values, MEETING_FIELDS)
    meeting = Meeting(body=body, **values)
    with transaction.atomic():
        _save(meeting, user)
        if meeting.status == Meeting.Status.PLANNED:
            mail.invite_on_commit(meeting=meeting, kind=mail.NEW)
    return meeting


def meeting_update(*, meeting: Meeting, user: Any, data: dict[str, Any]) -> Meeting:
    """Change a meeting. Moving an occurrence of a series changes ``start`` and keeps
    ``original_start``, so the series never puts it back where it was."""
    _check_fields(data, MEETING_FIELDS)
    changed = [name for name, value in data.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, data[name])
    if REVISING_FIELDS.intersection(changed):
        meeting.sequence += 1
    with transaction.atomic():
        _save(meeting, user)
        if "status" in changed and meeting.is_cancelled:
            mail.invite_on_commit(meeting=meeting, kind=mail.CANCELLED)
        elif meeting.status == Meeting.Status.PLANNED and MOVING_FIELDS.intersection(changed):
            mail.invite_on_commit(meeting=meeting, kind=mail.CHANGED)
    return meeting


def meeting_move(*, meeting: Meeting, user: Any, start: datetime.datetime) -> Meeting:
    if meeting.is_cancelled:
        raise ValidationError({"start": _("A cancelled meeting cannot be moved.")})
    return meeting_update(meeting=meeting, user=user, data={"start": start})


def meeting_cancel(*, meeting: Meeting, user: Any) -> Meeting:
    """Cancel a meeting; an occurrence of a series stays as an exception that is never re-created."""
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError({"status": _("A meeting that was held cannot be cancelled.")})
    return meeting_update(meeting=meeting, user=user, data={"status": Meeting.Status.CANCELLED})


# --- Agenda -----------------------------------------------------------------------------------


def agenda_item_add(
    *,
    meeting: Meeting,
    user: Any,
    title_en: str = "",
    title_es: str = "",
    presenter: Any = None,
    presenter_organisation: Organisation | None = None,
    duration_minutes: int | None = None,
    activities: Iterable[Any] = (),
) -> AgendaItem:
    activities = list(activities)
    programme_id = meeting.body.programme_id
    errors: dict[str, list[Any]] = {}
    if any(activity.programme_id != programme_id for activity in activities):
        errors["activities"] = [_("Choose activities of this programme only.")]
    if presenter is not None and not _is_member(presenter, programme_id):
        errors["presenter"] = [_("The presenter must be a member of the programme.")]
    if not _works_in(presenter_organisation, programme_id):
        errors["presenter_organisation"] = [
            _("This organisation does not work in the programme: a coordinator adds it first.")
        ]
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"]
    item = AgendaItem(
        meeting=meeting,
        order=(last or 0) + 1,
        title_en=(title_en or "").strip(),
        title_es=(title_es or "").strip(),
        presenter=presenter,
        presenter_organisation=presenter_organisation,
        duration_minutes=duration_minutes,
    )
    try:
        item.full_clean(exclude=list(errors))
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _attribute(item, user)
        item.save()
        if activities:
            item.activities.set(activities)
    return item


def agenda_item_remove(*, item: AgendaItem, user: Any) -> None:
    _attribute(item, user)
    item.delete()


# --- Minutes ----------------------------------------------------------------------------------


def minutes_save(*, meeting: Meeting, user: Any, minutes: str) -> Meeting:
    """Write the minutes. Approved minutes are final: changing them is refused."""
    if meeting.minutes_approved_at is not None and minutes != meeting.minutes:
        raise ValidationError(
            {"minutes": _("These minutes were approved and can no longer be changed.")}
        )
    meeting.minutes = minutes
    with transaction.atomic():
        return _save(meeting, user)


def minutes_approve(*, meeting: Meeting, at_meeting: Meeting, user: Any) -> Meeting:
    """Approve ``meeting``'s minutes at a later meeting of the same body."""
    problem = None
    if not meeting.minutes.strip():
        problem = _("There are no minutes to approve yet.")
    elif meeting.minutes_approved_at is not None:
        problem = _("These minutes are already approved.")
    elif at_meeting.body_id != meeting.body_id or at_meeting.start <= meeting.start:
        problem = _("Minutes are approved at a later meeting of the same body.")
    elif at_meeting.is_cancelled:
        problem = _("Minutes cannot be approved at a cancelled meeting.")
    if problem:
        raise ValidationError({"minutes": problem})
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_at_meeting = at_meeting
    with transaction.atomic():
        return _save(meeting, user)


# --- Decisions --------------------------------------------------------------------------------


def decision_record(
    *, meeting: Meeting, user: Any, text: str, agenda_item: AgendaItem | None = None
) -> Decision:
    """Record a decision with the body's next number."""
    with transaction.atomic():
        # Lock the body row so that two secretaries never take the same number.
        Body.objects.select_for_update().filter(pk=meeting.body_id).exists()
        last = Decision.objects.filter(body_id=meeting.body_id).aggregate(last=Max("number"))
        decision = Decision(
            body_id=meeting.body_id,
            meeting=meeting,
            agenda_item=agenda_item,
            number=(last["last"] or 0) + 1,
            text=(text or "").strip(),
        )
        return _save(decision, user)


# --- Attendance -------------------------------------------------------------------------------

AttendanceRow = tuple[BodyMember, str]


def attendance_record(*, meeting: Meeting, user: Any, rows: Sequence[AttendanceRow]) -> None:
    """Record the members' attendance; an empty status removes what was recorded."""
    statuses = set(Attendance.Status.values)
    if any(member.body_id != meeting.body_id for member, _status in rows):
        raise ValidationError({NON_FIELD_ERRORS: _("Record the attendance of members only.")})
    if any(status and status not in statuses for _member, status in rows):
        raise ValidationError({"status": _("Choose present, apologies or absent.")})
    existing = {row.person_id: row for row in meeting.attendance.filter(person__isnull=False)}
    with transaction.atomic():
        for member, status in rows:
            current = existing.get(member.person_id)
            if not status:
                if current is not None:
                    _attribute(current, user)
                    current.delete()
                continue
            if current is not None and current.status == status:
                continue
            record = current or Attendance(
                meeting=meeting,
                person_id=member.person_id,
                organisation_id=member.organisation_id,
                stakeholder_type=member.stakeholder_type,
            )
            record.status = status
            _save(record, user)


def guest_add(
    *,
    meeting: Meeting,
    user: Any,
    name: str,
    email: str = "",
    organisation: Organisation | None = None,
    stakeholder_type: str = "",
    status: str = "",
) -> MeetingGuest:
    """Invite a guest (or note one who came, with ``status``)."""
    guest = MeetingGuest(
        meeting=meeting,
        name=(name or "").strip(),
        email=(email or "").strip(),
        organisation=organisation,
        stakeholder_type=stakeholder_type or stakeholder_type_of(organisation),
    )
    with transaction.atomic():
        _save(guest, user)
        if guest.email and not status and meeting.status == Meeting.Status.PLANNED:
            mail.invite_on_commit(meeting=meeting, kind=mail.NEW, guests=[guest])
        if status:
            _save(
                Attendance(
                    meeting=meeting,
                    guest=guest,
                    organisation=organisation,
                    stakeholder_type=guest.stakeholder_type,
                    status=status,
                ),
                user,
            )
    return guest


# --- Action items -----------------------------------------------------------------------------


def action_item_create(
    *,
    meeting: Meeting,
    user: Any,
    text: str,
    due_date: datetime.date,
    owner: Any = None,
    owner_organisation: Organisation | None = None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
) -> ActionItem:
    programme_id = meeting.body.programme_id
    errors: dict[str, list[Any]] = {}
    if owner is not None and not _is_member(owner, programme_id):
        errors["owner"] = [_("The owner must be a member of the programme.")]
    if not _works_in(owner_organisation, programme_id):
        errors["owner_organisation"] = [
            _("This organisation does not work in the programme: a coordinator adds it first.")
        ]
    item = ActionItem(
        programme_id=programme_id,
        body_id=meeting.body_id,
        meeting=meeting,
        agenda_item=agenda_item,
        decision=decision,
        text=(text or "").strip(),
        owner=owner,
        owner_organisation=owner_organisation,
        due_date=due_date,
    )
    try:
        item.full_clean(exclude=list(errors))
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _attribute(item, user)
        item.save()
    return item


def action_item_set_status(*, item: ActionItem, user: Any, status: str) -> ActionItem:
    """Move an action item along; closing it (done, dropped) records when, reopening clears it."""
    if status == item.status:
        return item
    item.status = status
    if status in ActionItem.OPEN_STATUSES:
        item.closed_at = None
    elif item.closed_at is None:
        item.closed_at = timezone.now()
    with transaction.atomic():
        return _save(item, user)


# --- Calendar feeds ---------------------------------------------------------------------------


def calendar_feed_create(*, owner: Any, body: Body | None = None) -> tuple[CalendarFeed, str]:
    """A feed of ``body``'s meetings, or without a body the owner's own calendar. Returns the
    feed and its secret, which is shown once and never stored (only its digest)."""
    secret = CalendarFeed.PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed(owner=owner, body=body, token_hash=hash_secret(secret), hint=secret[:8])
    with transaction.atomic():
        feed.full_clean()
        feed.save()
    return feed, secret


def calendar_feed_revoke(*, feed: CalendarFeed) -> None:
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at", "updated_at"])
