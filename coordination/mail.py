"""E-mail about meetings and action items, each in its recipient's language.

Invitations carry an ``.ics`` (``coordination.calendar.invitation_calendar``): METHOD:REQUEST
when a meeting is planned, moved or changes place, METHOD:CANCEL when it is cancelled, and
METHOD:PUBLISH with every occurrence when a series is planned (one mail, not one per
occurrence). The services call ``invite_on_commit`` explicitly, so a mail goes out only once the
change is saved, and a failing mail server is logged without undoing it.

Members of the body (active, with an e-mail address, still in the programme) get mail in their
preferred language; guests, who have no account, in the meeting's language.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from coordination import calendar
from coordination.models import ActionItem, Meeting, MeetingGuest
from programmes.models import Membership

logger = logging.getLogger(__name__)

NEW = "new"
CHANGED = "changed"
CANCELLED = "cancelled"
SERIES = "series"
METHODS = {NEW: "REQUEST", CHANGED: "REQUEST", CANCELLED: "CANCEL", SERIES: "PUBLISH"}


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str
    user: Any = None


def _person_recipient(person: Any) -> Recipient:
    return Recipient(
        email=person.email,
        language=person.preferred_language or settings.LANGUAGE_CODE,
        name=person.get_short_name() or str(person),
        user=person,
    )


def meeting_recipients(
    meeting: Meeting, *, guests: Sequence[MeetingGuest] | None = None
) -> list[Recipient]:
    """The body's members who can be reached, then the meeting's guests with an address (only
    ``guests`` when given); one mail per address."""
    recipients: dict[str, Recipient] = {}
    if guests is None:
        members = (
            meeting.body.members.filter(
                person__is_active=True,
                person__memberships__programme_id=meeting.body.programme_id,
            )
            .exclude(person__email="")
            .select_related("person")
            .order_by("pk")
        )
        for member in members:
            recipients.setdefault(member.person.email.lower(), _person_recipient(member.person))
        guests = list(meeting.guests.exclude(email="").order_by("pk"))
    for guest in guests:
        if guest.email:
            recipients.setdefault(
                guest.email.lower(),
                Recipient(email=guest.email, language=meeting.language, name=guest.name),
            )
    return list(recipients.values())


def action_recipients(item: ActionItem) -> list[Recipient]:
    """The owner, if they can be reached and are still in the programme; else the focal points
    of the owning organisation in the programme."""
    owner = item.owner
    if (
        owner is not None
        and owner.is_active
        and owner.email
        and Membership.objects.filter(user=owner, programme_id=item.programme_id).exists()
    ):
        return [_person_recipient(owner)]
    if item.owner_organisation_id is None:
        return []
    from accounts.models import User

    focal_points = (
        User.objects.filter(
            is_active=True,
            organisation_id=item.owner_organisation_id,
            memberships__programme_id=item.programme_id,
            memberships__role=Membership.Role.FOCAL_POINT,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [_person_recipient(person) for person in focal_points]


def when_of(meeting: Meeting) -> str:
    """The meeting's start on its own clock, in the active language, with the time zone's name."""
    zone: zoneinfo.ZoneInfo = calendar.time_zone_of(meeting)
    local = timezone.localtime(meeting.start, zone)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone.key})"


def _calendar_part(ics: bytes, method: str) -> MIMEText:
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    part.add_header("Content-Disposition", "attachment", filename=name)
    return part


def _message(
    recipient: Recipient, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {**context, "recipient": recipient}
    text = render_to_string(f"coordination/email/{template}.txt", context)
    html = render_to_string(f"coordination/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


# --- Invitations ------------------------------------------------------------------------------


def invitation_message(
    meeting: Meeting,
    recipient: Recipient,
    *,
    kind: str,
    occurrences: Sequence[Meeting] = (),
    base_url: str | None = None,
) -> EmailMultiAlternatives:
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    method = METHODS[kind]
    with translation.override(recipient.language):
        body = str(meeting.body.name)
        subjects = {
            NEW: _("Invitation: %(body)s, %(when)s"),
            CHANGED: _("Changed: %(body)s, now %(when)s"),
            CANCELLED: _("Cancelled: %(body)s, %(when)s"),
            SERIES: _("Meetings of %(body)s from %(when)s"),
        }
        subject = subjects[kind] % {"body": body, "when": when_of(meeting)}
        context = {
            "kind": kind,
            "meeting": meeting,
            "body": body,
            "when": when_of(meeting),
            "occurrences": [when_of(m) for m in occurrences],
            "meeting_url": calendar.meeting_url(meeting, base_url),
            "summary": calendar.meeting_summary(meeting),
            "calendar_url": base_url + _calendar_path(),
        }
        ics = calendar.invitation_calendar(
            occurrences or [meeting], method=method, attendee=recipient.email, base_url=base_url
        )
        message = _message(recipient, subject, "invitation", context)
    message.attach(_calendar_part(ics, method))
    return message


def _calendar_path() -> str:
    from django.urls import reverse

    return reverse("coordination:my_calendar")


def invitations_send(
    *,
    meeting: Meeting,
    kind: str,
    guests: Sequence[MeetingGuest] | None = None,
    occurrences: Sequence[Meeting] = (),
    base_url: str | None = None,
) -> int:
    """Send the invitation (or change, or cancellation) to everyone invited; returns how many."""
    messages = [
        invitation_message(
            meeting, recipient, kind=kind, occurrences=occurrences, base_url=base_url
        )
        for recipient in meeting_recipients(meeting, guests=guests)
    ]
    if not messages:
        return 0
    try:
        get_connection().send_messages(messages)
    except Exception:  # the meeting is saved; a mail server that fails must not undo it
        logger.exception("Could not send the %s invitations of meeting %s", kind, meeting.pk)
        return 0
    return len(messages)


def invite_on_commit(
    *,
    meeting: Meeting,
    kind: str,
    guests: Sequence[MeetingGuest] | None = None,
    occurrences: Sequence[Meeting] = (),
) -> None:
    """Send once the surrounding transaction is committed; nothing for a meeting already over."""
    if kind != CANCELLED and meeting.end <= timezone.now() and not occurrences:
        return
    transaction.on_commit(
        lambda: invitations_send(meeting=meeting, kind=kind, guests=guests, occurrences=occurrences)
    )


# --- Reminders (coordination.reminders decides when) ------------------------------------------


def meeting_reminder(
    meeting: Meeting, recipient: Recipient, *, base_url: str
) -> EmailMultiAlternatives:
    base_url = base_url.rstrip("/")
    with translation.override(recipient.language):
        subject = _("Reminder: %(body)s, %(when)s") % {
            "body": meeting.body.name,
            "when": when_of(meeting),
        }
        context = {
            "meeting": meeting,
            "body": str(meeting.body.name),
            "when": when_of(meeting),
            "location": calendar.meeting_location(meeting),
            "meeting_url": calendar.meeting_url(meeting, base_url),
        }
        return _message(recipient, subject, "reminder_meeting", context)


def action_reminder(
    item: ActionItem, recipient: Recipient, *, overdue: bool, base_url: str
) -> EmailMultiAlternatives:
    base_url = base_url.rstrip("/")
    with translation.override(recipient.language):
        due = formats.date_format(item.due_date, "DATE_FORMAT")
        subject = (
            _("Overdue since %(date)s: an action item of %(body)s")
            if overdue
            else _("Due on %(date)s: an action item of %(body)s")
        ) % {"date": due, "body": item.body.name}
        context = {
            "item": item,
            "overdue": overdue,
            "due": due,
            "body": str(item.body.name),
            "for_organisation": item.owner_id is None or recipient.user != item.owner,
            "meeting_url": calendar.meeting_url(item.meeting, base_url) + "#actions",
        }
        return _message(recipient, subject, "reminder_action", context)


def due_moment(day: datetime.date) -> datetime.datetime:
    """A due date as the moment ``ReminderSent.about`` keys it on."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
