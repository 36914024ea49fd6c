"""Reminders before meetings and before action items fall due, and once when they are overdue.

``python manage.py send_reminders`` (for cron, daily or hourly) calls ``reminders_send``. Every
reminder sent is recorded (``ReminderSent``: kind, meeting or action item, address, and the
start or due date it was about) in the same transaction as the sending, so running the command
twice sends nothing twice, a mail that failed is tried again next time, and a meeting moved or a
due date changed after its reminder earns a new one.

- A planned meeting starting within ``COORDINATION_MEETING_REMINDER_DAYS`` (2): its members and
  guests, as invitations go (``coordination.mail.meeting_recipients``).
- An open action item due within ``COORDINATION_ACTION_REMINDER_DAYS`` (3), and once when it is
  overdue: its owner, else the focal points of the owning organisation in the programme.

Only active programmes are looked at. Dates are the hub's (``TIME_ZONE``), as "overdue" is
everywhere else in the app.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from coordination import mail
from coordination.models import ActionItem, Meeting, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    sent: int = 0
    already: int = 0
    failed: int = 0


def _once(
    *,
    kind: str,
    email: str,
    about: datetime.datetime,
    build: Callable[[], EmailMultiAlternatives],
    outcome: Outcome,
    dry_run: bool,
    report: Callable[[str], None],
    meeting: Meeting | None = None,
    item: ActionItem | None = None,
) -> None:
    key: dict[str, Any] = {
        "kind": kind,
        "email": email.lower(),
        "about": about,
        "meeting": meeting,
        "action_item": item,
    }
    if ReminderSent.objects.filter(**key).exists():
        outcome.already += 1
        return
    report(f"{kind}: {meeting or item} → {email}")
    if dry_run:
        outcome.sent += 1
        return
    try:
        with transaction.atomic():
            ReminderSent.objects.create(**key)
            build().send()
    except IntegrityError:  # another run recorded it meanwhile
        outcome.already += 1
    except Exception:  # one failing address must not stop the others; tried again next run
        logger.exception("Could not send the %s reminder to %s", kind, email)
        outcome.failed += 1
    else:
        outcome.sent += 1


def reminders_send(
    *,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
    dry_run: bool = False,
    report: Callable[[str], None] = lambda line: None,
) -> Outcome:
    now = now or timezone.now()
    base_url = base_url or settings.SITE_URL
    today = timezone.localdate(now)
    outcome = Outcome()
    common = {"outcome": outcome, "dry_run": dry_run, "report": report}

    meeting_days = datetime.timedelta(days=settings.COORDINATION_MEETING_REMINDER_DAYS)
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            start__gt=now,
            start__lte=now + meeting_days,
            body__programme__is_active=True,
        )
        .select_related("body__programme", "series")
        .order_by("start", "pk")
    )
    for meeting in meetings:
        for recipient in mail.meeting_recipients(meeting):
            _once(
                kind=ReminderSent.Kind.MEETING,
                meeting=meeting,
                email=recipient.email,
                about=meeting.start,
                build=lambda m=meeting, r=recipient: mail.meeting_reminder(m, r, base_url=base_url),
                **common,
            )

    action_days = datetime.timedelta(days=settings.COORDINATION_ACTION_REMINDER_DAYS)
    items = (
        ActionItem.objects.open()
        .filter(programme__is_active=True, due_date__lte=today + action_days)
        .select_related("owner", "body__programme", "meeting")
        .order_by("due_date", "pk")
    )
    for item in items:
        overdue = item.due_date < today
        kind = ReminderSent.Kind.ACTION_OVERDUE if overdue else ReminderSent.Kind.ACTION_DUE
        for recipient in mail.action_recipients(item):
            _once(
                kind=kind,
                item=item,
                email=recipient.email,
                about=mail.due_moment(item.due_date),
                build=lambda i=item, r=recipient, o=overdue: mail.action_reminder(
                    i, r, overdue=o, base_url=base_url
                ),
                **common,
            )
    return outcome
