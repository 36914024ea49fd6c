"""Participation figures of a programme's coordination bodies and of one body, as a page (tables
and bars) and as files (``?format=csv&table=<slug>`` for one table, ``?format=xlsx`` for every
table, or one with ``table``).

Reading is as open as the bodies themselves: the programme's page counts only the bodies the
reader may read (``coordination.figures.compute`` through ``bodies_visible_to``), and a body's
page is found among them. The figures name organisations, never people.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import exports, figures
from coordination.models import Body
from coordination.views import _body, _programme
from programmes.models import Programme
from workplan.exports import Table, about_table, wanted_format


class PeriodForm(forms.Form):
    """From and to (``?from=2025-01-01&to=2025-12-31``), both included."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(
            label=gettext_lazy("From"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
        )
        self.fields["to"] = forms.DateField(
            label=gettext_lazy("To"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period must come before its end."))
        return data

    def period(self, today: Any) -> figures.Period:
        """The period asked for; the last twelve months where nothing (valid) was asked."""
        default = figures.Period.last_twelve_months(today)
        if not self.is_bound or not self.is_valid():
            return default
        end = self.cleaned_data.get("to") or default.end
        start = self.cleaned_data.get("from")
        if start is None:
            start = figures.Period.last_twelve_months(end).start
        return figures.Period(start=start, end=end)


def _notes() -> list[str]:
    return [
        _(
            "Planned: meetings of the period that have started, including those later "
            "cancelled. Meetings still to come are counted apart."
        ),
        _(
            "Attendance rate: present ÷ (present + apologies + absent), members and guests, "
            "over the held meetings with attendance recorded; the overall rate adds up the "
            "people, not the rates."
        ),
        _(
            "Stakeholders in the room: among held meetings with attendance recorded, those with "
            "at least one person of the type present, with the stakeholder type of the day."
        ),
        _(
            "Action items due in the period: closed on time means done on or before the due "
            "date; the share closed on time leaves dropped items out."
        ),
        _(
            "Open and overdue items by organisation are counted today, whatever the period, by "
            "the organisation that owns them."
        ),
    ]


def _respond(
    request: HttpRequest,
    programme: Programme,
    body: Body | None,
) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(programme.time_zone))
    period = form.period(today)
    found = figures.compute(user=request.user, programme=programme, period=period, body=body)
    per_meeting = body is not None
    page_tables = figures.tables(found, per_meeting=per_meeting)
    heading = (
        _("Participation figures of %(name)s") % {"name": body.name}
        if body is not None
        else _("Participation figures of the coordination bodies of %(name)s")
        % {"name": programme.name}
    )
    wanted = wanted_format(request)
    if wanted:
        return _file(request, wanted, programme, body, heading, period, page_tables)
    page_charts = figures.charts(found, per_meeting=per_meeting)
    context = {
        "programme": programme,
        "body": body,
        "heading": heading,
        "form": form,
        "period": period,
        "figures": found,
        "sections": [
            (table, [chart for chart in page_charts if chart.table == table.slug])
            for table in page_tables
        ],
        "notes": _notes(),
    }
    return render(request, "coordination/figures/figures.html", context)


def _file(
    request: HttpRequest,
    wanted: str,
    programme: Programme,
    body: Body | None,
    heading: str,
    period: figures.Period,
    page_tables: list[figures.FigureTable],
) -> HttpResponse:
    slug = request.GET.get("table", "")
    chosen = [t for t in page_tables if t.slug == slug] if slug else page_tables
    if not chosen:
        raise Http404
    about: Table = about_table(
        programme,
        page=heading,
        filters=[(_("From"), period.start.isoformat()), (_("To"), period.end.isoformat())],
        notes=_notes(),
    )
    name = f"figures-{body.pk}" if body is not None else "figures"
    if slug:
        name = f"{name}-{slug}"
    return exports.file_response(
        wanted, programme=programme, slug=name, tables=[*[t.table for t in chosen], about]
    )


def programme_figures(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    return _respond(request, programme, None)


def body_figures(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    return _respond(request, programme, body)
