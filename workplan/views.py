"""Pages of a programme's joint workplan: the list, an activity, and the editor with its duplicate check.

Reading follows each activity's visibility (``core.permissions.visible_q``); entering and changing
follow ``can_create_activity``, ``can_lead_activity_as`` and ``can_change_activity``. The
duplicate check never blocks saving: it is shown beside the form, refreshed by htmx as the person
types, or with the "Check for duplicates" button without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import refuse
from core.permissions import (
    can_change_activity,
    can_create_activity,
    can_lead_activity_as,
    can_view_programme_space,
    is_coordinator,
)
from organisations.models import Organisation
from programmes.models import Programme
from workplan import services
from workplan.facts import facts_for
from workplan.forms import (
    EDITOR_FIELDS,
    ActivityFilterForm,
    ActivityForm,
    apply_service_errors,
    participation_formset,
)
from workplan.iati.codelists import sector_label
from workplan.models import Activity
from workplan.selectors import (
    activities_visible_to,
    activity_history,
    activity_list,
    describe_candidates,
    overlap_candidates,
    with_related,
)
from workplan.views_exchange import exchange_context

PAGE_SIZE = 50


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _activity(request: HttpRequest, programme: Programme, pk: int) -> Activity:
    activities = activities_visible_to(request.user).filter(programme=programme)
    return get_object_or_404(activities.select_related("programme", "lead_organisation"), pk=pk)


def _lead_choices(request: HttpRequest, programme: Programme) -> list[Organisation] | None:
    """None: any organisation of the programme (coordinators); else the person's own."""
    user = request.user
    if user.is_superuser or is_coordinator(user, programme):
        return None
    return [user.organisation] if user.organisation_id else []


# --- Reading ----------------------------------------------------------------------------------


def activity_list_view(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    form = ActivityFilterForm(request.GET or None, programme=programme, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    activities = activity_list(
        user=request.user,
        programme=programme,
        pillar=filters.get("pillar"),
        area=filters.get("area"),
        organisation=filters.get("organisation"),
        status=filters.get("status"),
        group=filters.get("group") or None,
        priority=filters.get("priority"),
        query=filters.get("q") or "",
    )
    activities = with_related(activities, user=request.user).order_by(
        "pillar__number", "title", "pk"
    )
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "can_create": can_create_activity(request.user, programme),
        "is_member": can_view_programme_space(request.user, programme),
    }
    if request.headers.get("HX-Request"):
        return render(request, "workplan/includes/_activities.html", context)
    return render(request, "workplan/activity_list.html", context)


def activity_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    activity = get_object_or_404(
        with_related(
            activities_visible_to(request.user).filter(programme=programme), user=request.user
        ),
        pk=pk,
    )
    facts = facts_for([activity.pk])[activity.pk]
    found = overlap_candidates(facts, programme, activity.pk, user=request.user)
    context = {
        "programme": programme,
        "activity": activity,
        "can_change": can_change_activity(request.user, activity),
        "candidates": describe_candidates(found, facts=facts, user=request.user),
        "checked": True,
        "sector_label": sector_label(activity.sector),
        "history": activity_history(activity)
        if can_view_programme_space(request.user, programme)
        else [],
        **exchange_context(request, activity),
    }
    return render(request, "workplan/activity_detail.html", context)


# --- Entering and changing ----------------------------------------------------------------------


def _initial(activity: Activity) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name in EDITOR_FIELDS:
        if name in ("areas", "priorities", "groups"):
            initial[name] = [str(pk) for pk in getattr(activity, name).values_list("pk", flat=True)]
        elif name in ("lead_organisation", "pillar", "output"):
            initial[name] = getattr(activity, f"{name}_id")
        else:
            initial[name] = getattr(activity, name)
    return initial


def _check_context(
    request: HttpRequest,
    programme: Programme,
    form: ActivityForm,
    formset: Any,
    activity: Activity | None,
) -> dict[str, Any]:
    activity_id = activity.pk if activity else None
    facts = form.facts(activity_id=activity_id, organisation_ids=formset.organisation_ids())
    found = overlap_candidates(facts, programme, activity_id, user=request.user)
    return {
        "candidates": describe_candidates(found, facts=facts, user=request.user),
        "checked": True,
    }


def _editor(request: HttpRequest, programme: Programme, activity: Activity | None) -> HttpResponse:
    lead_choices = _lead_choices(request, programme)
    data = request.POST if request.method == "POST" else None
    adding_rows = data is not None and "add_rows" in data
    checking = data is not None and "check" in data
    initial = _initial(activity) if activity else {}
    if activity is None and lead_choices and len(lead_choices) == 1:
        initial["lead_organisation"] = lead_choices[0].pk
    form = ActivityForm(
        data, initial=initial, programme=programme, user=request.user, lead_choices=lead_choices
    )
    formset = participation_formset(
        programme=programme, data=data, activity=activity, extra_rows=2 if adding_rows else 0
    )
    context: dict[str, Any] = {
        "programme": programme,
        "activity": activity,
        "form": form,
        "formset": formset,
        "candidates": [],
        "checked": False,
    }
    status = 200
    if checking:
        context.update(_check_context(request, programme, form, formset, activity))
    elif data is not None and not adding_rows:
        if form.is_valid() and formset.is_valid():
            values = form.values()
            lead = values["lead_organisation"]
            if not can_lead_activity_as(request.user, programme, lead.pk):
                form.add_error(
                    "lead_organisation",
                    _("You may enter activities of your own organisation only."),
                )
            else:
                try:
                    activity = _save(request, programme, activity, values, formset.rows())
                except ValidationError as error:
                    apply_service_errors(error, form, formset)
                else:
                    return redirect("workplan:detail", code=programme.code, pk=activity.pk)
        status = 400
    return render(request, "workplan/activity_form.html", context, status=status)


def _save(
    request: HttpRequest,
    programme: Programme,
    activity: Activity | None,
    values: dict[str, Any],
    rows: list[tuple[Organisation, int]],
) -> Activity:
    if activity is None:
        activity = services.activity_create(
            programme=programme, user=request.user, participations=rows, **values
        )
        messages.success(
            request, _("The activity “%(title)s” was created.") % {"title": activity.title}
        )
    else:
        activity = services.activity_update(
            activity=activity, user=request.user, data=values, participations=rows
        )
        messages.success(request, _("Changes to “%(title)s” saved.") % {"title": activity.title})
    return activity


def activity_create(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    if not can_create_activity(request.user, programme):
        refuse(request)
    return _editor(request, programme, None)


def activity_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    activity = _activity(request, programme, pk)
    if not can_change_activity(request.user, activity):
        refuse(request)
    return _editor(request, programme, activity)


@require_POST
def overlap_check(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """The possible duplicates of what the form holds now (htmx): the partial only, never a save."""
    programme = _programme(request, code)
    activity = None
    if pk is None:
        if not can_create_activity(request.user, programme):
            refuse(request)
    else:
        activity = _activity(request, programme, pk)
        if not can_change_activity(request.user, activity):
            refuse(request)
    form = ActivityForm(
        request.POST,
        programme=programme,
        user=request.user,
        lead_choices=_lead_choices(request, programme),
    )
    formset = participation_formset(programme=programme, data=request.POST, activity=activity)
    context = {
        "programme": programme,
        **_check_context(request, programme, form, formset, activity),
    }
    return render(request, "workplan/includes/_overlaps.html", context)
