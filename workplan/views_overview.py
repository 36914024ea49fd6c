"""The workplan's overview pages: the "4W" matrices, the map, the alignment with government
priorities, their CSV and XLSX files, and the editor of the priorities.

Reading is as open as the activity list: every page counts only the activities the reader may
read (``workplan.overview.overview_activities``, built on ``visible_to``). Each page is also a
file: ``?format=csv`` or ``?format=xlsx`` gives what the page shows, with the same filters.
Government priorities are maintained by those who manage the programme
(``core.permissions.can_manage_programme``: its coordinators, and administrators).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.http import refuse
from core.permissions import can_manage_programme, can_view_programme_space
from programmes import services as programme_services
from programmes.models import Area, GovernmentPriority, Programme
from workplan import exports, overview
from workplan.forms_overview import AreaFilterForm, OverviewFilterForm, PriorityForm
from workplan.map import draw
from workplan.selectors import with_related
from workplan.views import _programme


def _notes(matrix: overview.Matrix | None = None) -> list[str]:
    """What the page says about reading its figures; also in the files' "About" sheet."""
    notes = [
        _(
            "Budgets in different currencies are not added together nor converted: each total "
            "is given per currency. Activities without a budget are counted but add nothing."
        )
    ]
    if matrix is not None and matrix.rows_may_overlap:
        notes.append(
            _(
                "An activity in more than one row is counted in each of them; the totals count "
                "it once, so the rows may add up to more than the total."
            )
        )
    return notes


def _filtered(
    request: HttpRequest, programme: Programme, form: OverviewFilterForm
) -> tuple[Any, dict[str, Any]]:
    """The activities the reader may read, with the filters of the form that are valid."""
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown with its error and left out
        filters = form.cleaned_data
    activities = overview.overview_activities(
        user=request.user, programme=programme, filters=filters
    )
    return activities, filters


def _form(request: HttpRequest, programme: Programme) -> OverviewFilterForm:
    return OverviewFilterForm(request.GET or None, programme=programme, user=request.user)


def _context(request: HttpRequest, programme: Programme, form: Any, current: str) -> dict:
    return {
        "programme": programme,
        "form": form,
        "applied": form.applied(),
        "current": current,
        "is_member": can_view_programme_space(request.user, programme),
    }


def _about(
    programme: Programme, page: str, form: OverviewFilterForm, notes: list[str]
) -> exports.Table:
    return exports.about_table(programme, page=page, filters=form.applied(), notes=notes)


# --- The 4W matrices ----------------------------------------------------------------------------


def agency_pillar(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    form = _form(request, programme)
    activities, _filters = _filtered(request, programme, form)
    matrix = overview.agency_pillar_matrix(activities=activities)
    heading = _("Who does what: lead organisations × pillars")
    wanted = exports.wanted_format(request)
    if wanted:
        return exports.file_response(
            wanted,
            programme=programme,
            slug="agency-pillar",
            tables=[
                exports.matrix_table(matrix, title=_("Agency × pillar")),
                _about(programme, heading, form, _notes(matrix)),
            ],
        )
    context = _context(request, programme, form, "agency")
    context.update(heading=heading, matrix=matrix, notes=_notes(matrix))
    return render(request, "workplan/overview/matrix.html", context)


def _area_form(request: HttpRequest, programme: Programme, blank_label: str) -> AreaFilterForm:
    levels, mapped = overview.area_levels(user=request.user, programme=programme)
    form = AreaFilterForm(
        request.GET or None,
        programme=programme,
        user=request.user,
        levels=levels,
        blank_label=blank_label,
    )
    form.levels, form.mapped = levels, mapped
    return form


def area_pillar(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    form = _area_form(request, programme, _("Each area as entered"))
    activities, filters = _filtered(request, programme, form)
    level = filters.get("level")
    matrix = overview.area_pillar_matrix(
        activities=activities, user=request.user, programme=programme, level=level
    )
    heading = _("Where: areas × pillars")
    wanted = exports.wanted_format(request)
    if wanted:
        return exports.file_response(
            wanted,
            programme=programme,
            slug="area-pillar",
            tables=[
                exports.matrix_table(matrix, title=_("Area × pillar")),
                _about(programme, heading, form, _notes(matrix)),
            ],
        )
    context = _context(request, programme, form, "area")
    context.update(heading=heading, matrix=matrix, notes=_notes(matrix))
    return render(request, "workplan/overview/matrix.html", context)


def area_map(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    form = _area_form(request, programme, _("The broadest level with boundaries"))
    activities, filters = _filtered(request, programme, form)
    level = filters.get("level") or overview.default_map_level(form.levels, form.mapped)
    matrix = overview.area_pillar_matrix(
        activities=activities, user=request.user, programme=programme, level=level
    )
    names = {line.record.pk: line.label for line in matrix.lines if line.record is not None}
    heading = _("Map of the activities by area")
    wanted = exports.wanted_format(request)
    if wanted:
        parents = dict(
            Area.objects.visible_to(request.user)
            .filter(programme=programme)
            .values_list("pk", "name")
        )
        return exports.file_response(
            wanted,
            programme=programme,
            slug="areas",
            tables=[
                exports.area_table(matrix, title=_("Areas"), names={**parents, **names}),
                _about(programme, heading, form, _notes()),
            ],
        )
    shapes = []
    if level in form.mapped:
        outlines = overview.boundaries(user=request.user, programme=programme, level=level)
        keep = {key: value for key, value in request.GET.items() if key in form.fields}
        keep.pop("level", None)
        keep.pop("area", None)
        list_url = reverse("workplan:list", args=[programme.code])
        shapes = [
            (
                line.key,
                line.label,
                line.total.count,
                outlines[line.key],
                f"{list_url}?{urlencode({**keep, 'area': line.key})}",
            )
            for line in matrix.lines
            if line.key in outlines
        ]
    drawn = draw(shapes)
    if drawn is not None:
        reason = ""
    elif not form.mapped:
        reason = _(
            "None of the programme's areas has a boundary yet, so there is no map: the table "
            "gives the number of activities in each area."
        )
    else:
        reason = _(
            "No area at this level has a boundary, so there is no map: the table gives the "
            "number of activities in each area. Choose another level to see a map."
        )
    context = _context(request, programme, form, "map")
    context.update(
        heading=heading,
        matrix=matrix,
        map=drawn,
        no_map_reason=reason,
        level_name=dict(Area.Level.choices).get(level, ""),
        notes=_notes(),
    )
    return render(request, "workplan/overview/map.html", context)


# --- Alignment with government priorities ------------------------------------------------------


def alignment(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    form = _form(request, programme)
    activities, _filters = _filtered(request, programme, form)
    found = overview.alignment(activities=activities, user=request.user, programme=programme)
    heading = _("Alignment with government priorities")
    wanted = exports.wanted_format(request)
    if wanted:
        unserved = exports.Table(
            title=_("Priorities not served"),
            headers=[_("Framework"), _("Code"), _("Title")],
            rows=[[item.framework, item.code, item.title] for item in found.unserved],
        )
        unaligned = exports.Table(
            title=_("Activities without priority"),
            headers=[_("ID"), _("Title"), _("Lead organisation"), _("Pillar")],
            rows=[
                [item.pk, item.title, str(item.lead_organisation), str(item.pillar)]
                for item in found.unaligned
            ],
        )
        return exports.file_response(
            wanted,
            programme=programme,
            slug="priority-pillar",
            tables=[
                exports.matrix_table(found.matrix, title=_("Priority × pillar")),
                unserved,
                unaligned,
                _about(programme, heading, form, _notes(found.matrix)),
            ],
        )
    context = _context(request, programme, form, "alignment")
    context.update(
        heading=heading,
        matrix=found.matrix,
        unserved=found.unserved,
        unaligned=found.unaligned,
        notes=_notes(found.matrix),
        can_manage=can_manage_programme(request.user, programme),
    )
    return render(request, "workplan/overview/alignment.html", context)


# --- The activity list as a file ------------------------------------------------------------------


def activities_export(request: HttpRequest, code: str) -> HttpResponse:
    """The activity list with its filters, every row (not one page): CSV, or XLSX with ``format``."""
    programme = _programme(request, code)
    form = _form(request, programme)
    activities, _filters = _filtered(request, programme, form)
    activities = with_related(activities, user=request.user).order_by(
        "pillar__number", "title", "pk"
    )
    heading = _("Activities")
    return exports.file_response(
        exports.wanted_format(request) or "csv",
        programme=programme,
        slug="activities",
        tables=[
            exports.activity_table(activities, request=request, title=heading),
            _about(programme, heading, form, []),
        ],
    )


# --- Government priorities ----------------------------------------------------------------------


def _priority_editor(
    request: HttpRequest, programme: Programme, priority: GovernmentPriority | None
) -> HttpResponse:
    if not can_manage_programme(request.user, programme):
        refuse(request)
    data = request.POST if request.method == "POST" else None
    form = PriorityForm(
        data,
        programme=programme,
        priority=priority,
        initial=PriorityForm.initial_of(priority) if priority else None,
    )
    if data is not None and form.is_valid():
        try:
            if priority is None:
                priority = programme_services.priority_create(programme=programme, **form.values())
                messages.success(
                    request, _("The priority “%(name)s” was added.") % {"name": priority}
                )
            else:
                priority = programme_services.priority_update(priority=priority, data=form.values())
                messages.success(request, _("Changes to “%(name)s” saved.") % {"name": priority})
        except ValidationError as error:
            for field, problems in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            return redirect("workplan:alignment", code=programme.code)
    context = {"programme": programme, "form": form, "priority": priority, "current": "alignment"}
    return render(
        request,
        "workplan/overview/priority_form.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )


def priority_create(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    return _priority_editor(request, programme, None)


def priority_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    if not can_manage_programme(request.user, programme):
        refuse(request)
    priority = get_object_or_404(GovernmentPriority.objects.filter(programme=programme), pk=pk)
    return _priority_editor(request, programme, priority)
