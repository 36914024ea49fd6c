"""The minutes of a meeting as a PDF, in the meeting's language, drawn by WeasyPrint.

Whoever reads the meeting page reads its PDF, with the same rule for names: people's names (in the
attendance, as presenters and as owners of action items) only for members of the programme;
others see organisations. Like the directory's pathway, the PDF loads nothing but our static files.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from weasyprint import HTML

from coordination import calendar, markdown, selectors
from coordination.models import Attendance, Meeting, StakeholderType
from core.permissions import can_view_programme_space
from directory.pathway_views import StaticFilesFetcher
from programmes.models import Programme


@dataclass
class OrganisationAttendance:
    name: str
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, status label)
    counts: dict[str, int] = field(default_factory=dict)  # status label -> number


@dataclass
class StakeholderAttendance:
    label: str
    organisations: list[OrganisationAttendance]


def attendance_by_group(meeting: Meeting) -> list[StakeholderAttendance]:
    """Recorded attendance by stakeholder type, then organisation, as it was on the day."""
    records = meeting.attendance.select_related("person", "guest", "organisation").order_by(
        "organisation__name", "pk"
    )
    grouped: dict[str, dict[str, OrganisationAttendance]] = defaultdict(dict)
    for record in records:
        organisation = str(record.organisation) if record.organisation else _("No organisation")
        row = grouped[record.stakeholder_type].setdefault(
            organisation, OrganisationAttendance(name=organisation)
        )
        status = str(Attendance.Status(record.status).label)
        who = (
            str(record.person) if record.person_id else (record.guest.name if record.guest else "")
        )
        row.people.append((who, status))
        row.counts[status] = row.counts.get(status, 0) + 1
    return [
        StakeholderAttendance(label=str(label), organisations=list(grouped[value].values()))
        for value, label in StakeholderType.choices
        if value in grouped
    ]


def minutes_context(meeting: Meeting, *, sees_people: bool) -> dict[str, Any]:
    """What the PDF shows; call it in the meeting's language."""
    page = selectors.meeting_page(meeting=meeting)
    zone = calendar.time_zone_of(meeting)
    return {
        "programme": meeting.body.programme,
        "body": meeting.body,
        "meeting": meeting,
        "sees_people": sees_people,
        "start": timezone.localtime(meeting.start, zone),
        "end": timezone.localtime(meeting.end, zone),
        "time_zone": zone.key,
        "agenda": page["agenda"],
        "attendance_groups": attendance_by_group(meeting),
        "minutes_html": markdown.render(meeting.minutes),
        "decisions": page["decisions"],
        "action_items": page["action_items"],
        "generated": timezone.localtime(timezone.now(), zone),
    }


def minutes_html(meeting: Meeting, *, sees_people: bool) -> str:
    # Dates and times on the meeting's own clock, words in its language.
    with translation.override(meeting.language), timezone.override(calendar.time_zone_of(meeting)):
        return render_to_string(
            "coordination/minutes/pdf.html", minutes_context(meeting, sees_people=sees_people)
        )


def minutes_file_name(meeting: Meeting) -> str:
    """E.g. ``minutes-JM-communications-task-force-2026-11-03-es.pdf``, in the meeting's language."""
    with translation.override(meeting.language):
        day: datetime.date = timezone.localtime(
            meeting.start, calendar.time_zone_of(meeting)
        ).date()
        parts = (
            slugify(_("minutes")),
            meeting.body.programme.code,
            slugify(str(meeting.body.name))[:60],
            day.isoformat(),
            meeting.language,
        )
    return "-".join(part for part in parts if part) + ".pdf"


def minutes_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The minutes as a PDF, for whoever reads the meeting page.

    ``Cache-Control: no-store``: minutes name people and are for the programme's members; a copy
    left in a shared browser's cache would outlive their access.
    """
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())
    meetings = Meeting.objects.visible_to(request.user).filter(body__programme=programme)
    meeting = get_object_or_404(meetings.select_related("body__programme", "series"), pk=pk)
    html = minutes_html(meeting, sees_people=can_view_programme_space(request.user, programme))
    base_url = request.build_absolute_uri("/")
    pdf = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, minutes_file_name(meeting))
    response["Cache-Control"] = "no-store"
    return response
