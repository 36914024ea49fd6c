"""Meetings as iCalendar (RFC 5545): the calendar feeds and the ``.ics`` of invitations.

Occurrences of a series are rows (``coordination.services.series_extend``), so every meeting is
its own VEVENT with a stable UID (``meeting-<id>@<host>``): no RRULE, and no RECURRENCE-ID for a
moved or cancelled occurrence; a calendar application simply replaces the event with the higher
SEQUENCE (``Meeting.sequence``, raised by the services when a meeting moves, changes place or is
cancelled). Times carry the TZID of the series (else the programme), with its VTIMEZONE.

Action items in a person's feed are all-day VEVENTs on their due date, not VTODOs: Google
Calendar and Outlook ignore VTODO in a subscribed calendar, and a due date nobody sees is no use.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from coordination.models import ActionItem, CalendarFeed, Meeting
from core.permissions import access_of

# How far back a feed reaches; forward it holds every meeting (a series is created a year ahead).
FEED_PAST = datetime.timedelta(days=365)
PRODID = "-//Spotlight Coordination Hub//Coordination//EN"


def host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{host()}"


def action_uid(item: ActionItem) -> str:
    return f"action-{item.pk}@{host()}"


def time_zone_of(meeting: Meeting) -> zoneinfo.ZoneInfo:
    """Where the meeting's clock is: its series' time zone, else its programme's."""
    name = meeting.series.time_zone if meeting.series_id and meeting.series else ""
    return zoneinfo.ZoneInfo(name or meeting.body.programme.time_zone)


def meeting_summary(meeting: Meeting) -> str:
    """The body's name (in the active language) and the meeting's title, if it has one."""
    summary = str(meeting.body.name)
    if meeting.display_title:
        summary = f"{summary}: {meeting.display_title}"
    if meeting.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    return summary


def meeting_location(meeting: Meeting) -> str:
    return " · ".join(part for part in (meeting.place.strip(), meeting.online_link) if part)


def meeting_url(meeting: Meeting, base_url: str) -> str:
    path = reverse("coordination:meeting", args=[meeting.body.programme.code, meeting.pk])
    return base_url.rstrip("/") + path


def meeting_event(meeting: Meeting, *, base_url: str) -> Event:
    """One meeting in the active language; the reader must be allowed the link to join online
    (a member of the programme: every feed owner and invitee is)."""
    zone = time_zone_of(meeting)
    url = meeting_url(meeting, base_url)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start.astimezone(zone))
    event.add("dtend", meeting.end.astimezone(zone))
    event.add("summary", meeting_summary(meeting))
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    event.add("url", url)
    lines = [str(meeting.get_mode_display())]
    if meeting.online_link:
        lines.append(_("Join online: %(link)s") % {"link": meeting.online_link})
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    if meeting.updated_at:
        event.add("last-modified", meeting.updated_at)
    return event


def action_event(item: ActionItem, *, base_url: str) -> Event:
    """An open action item as an all-day event on its due date (see the module's docstring)."""
    path = reverse("coordination:meeting", args=[item.body.programme.code, item.meeting_id])
    url = f"{base_url.rstrip('/')}{path}#actions"
    event = Event()
    event.add("uid", action_uid(item))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", item.due_date)
    event.add("dtend", item.due_date + datetime.timedelta(days=1))
    event.add(
        "summary",
        _("Action due: %(text)s") % {"text": Truncator(item.text).chars(120)},
    )
    event.add("description", f"{item.body.name}\n{item.text}\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    event.add("categories", [_("Action item")])
    if item.updated_at:
        event.add("last-modified", item.updated_at)
    return event


def calendar_of(*, name: str, events: Iterable[Event], method: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    # A VTIMEZONE for every TZID used, so that clients without the tz database place times right.
    calendar.add_missing_timezones()
    return calendar


# --- Feeds ------------------------------------------------------------------------------------


def _programme_ids(owner: Any) -> set[int] | None:
    """The programmes whose meetings the owner's feeds may show now (None: every one)."""
    access = access_of(owner)
    return None if access.is_superuser else access.programme_ids


def feed_meetings(feed: CalendarFeed) -> QuerySet[Meeting]:
    """What the feed shows, as its owner may read it now: a feed is a members' tool, so only
    meetings of programmes the owner belongs to (removed from the programme: nothing)."""
    owner = feed.owner
    meetings = Meeting.objects.visible_to(owner).filter(start__gte=timezone.now() - FEED_PAST)
    programmes = _programme_ids(owner)
    if programmes is not None:
        meetings = meetings.filter(body__programme__in=programmes)
    if feed.body_id is not None:
        meetings = meetings.filter(body_id=feed.body_id)
    else:
        mine = Q(body__members__person=owner)
        if owner.email:
            mine |= Q(guests__email__iexact=owner.email)
        meetings = meetings.filter(pk__in=Meeting.objects.filter(mine).values("pk"))
    return meetings.select_related("body__programme", "series").order_by("start", "pk")


def feed_action_items(feed: CalendarFeed) -> QuerySet[ActionItem]:
    """A person's feed holds the open action items they own themself."""
    if feed.body_id is not None:
        return ActionItem.objects.none()
    owner = feed.owner
    items = ActionItem.objects.visible_to(owner).open().filter(owner=owner)
    programmes = _programme_ids(owner)
    if programmes is not None:
        items = items.filter(programme__in=programmes)
    return items.select_related("body__programme").order_by("due_date", "pk")


def feed_calendar(feed: CalendarFeed, *, base_url: str | None = None) -> bytes:
    """The feed as its owner reads it now, in the owner's language."""
    base_url = base_url or settings.SITE_URL
    owner = feed.owner
    with translation.override(owner.preferred_language or settings.LANGUAGE_CODE):
        if feed.body_id is not None:
            name = str(feed.body.name)
        else:
            name = _("Meetings and action items of %(name)s") % {"name": owner}
        events = [meeting_event(m, base_url=base_url) for m in feed_meetings(feed)]
        events += [action_event(i, base_url=base_url) for i in feed_action_items(feed)]
        return calendar_of(name=name, events=events).to_ical()


# --- Invitations ------------------------------------------------------------------------------


def invitation_calendar(
    meetings: Iterable[Meeting], *, method: str, attendee: str = "", base_url: str | None = None
) -> bytes:
    """An iTIP message (RFC 5546) for ``attendee``, in the active language: REQUEST for a new or
    changed meeting, CANCEL for a cancelled one, PUBLISH for the occurrences of a new series."""
    base_url = base_url or settings.SITE_URL
    _name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    meetings = list(meetings)
    events = []
    for meeting in meetings:
        event = meeting_event(meeting, base_url=base_url)
        organizer = vCalAddress(f"mailto:{sender}")
        organizer.params["cn"] = vText(str(meeting.body.name))
        event.add("organizer", organizer)
        if attendee and method != "PUBLISH":
            address = vCalAddress(f"mailto:{attendee}")
            address.params["role"] = vText("REQ-PARTICIPANT")
            address.params["rsvp"] = vText("FALSE")
            event.add("attendee", address)
        events.append(event)
    name = str(meetings[0].body.name) if meetings else ""
    return calendar_of(name=name, events=events, method=method).to_ical()
