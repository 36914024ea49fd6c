"""Pages of a programme's coordination bodies: the list, a body's space, its members, its meetings
and the meeting page where the chair or secretariat records agenda, attendance, minutes,
decisions and action items.

Reading follows the body's visibility (``core.permissions.body_read_q``); people's names are
shown only to members of the programme, like everywhere else. Changing follows
``can_manage_bodies``, ``can_manage_meetings`` and ``can_update_action_item``. Every form works
without JavaScript; htmx only previews the minutes as they are typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import markdown, selectors, services
from coordination.forms import (
    ActionFilterForm,
    ActionItemForm,
    ActionStatusForm,
    AgendaItemForm,
    BodyForm,
    DecisionForm,
    GuestForm,
    MeetingEditForm,
    MeetingForm,
    MemberChangeForm,
    MemberForm,
    MinutesForm,
    apply_errors,
)
from coordination.models import ActionItem, Attendance, Body, BodyMember, Meeting
from core.http import refuse
from core.permissions import (
    can_manage_bodies,
    can_manage_meetings,
    can_update_action_item,
    can_view_programme_space,
)
from programmes.models import Programme

# --- Finding things the reader may read -------------------------------------------------------


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _body(request: HttpRequest, programme: Programme, pk: int) -> Body:
    bodies = selectors.bodies_visible_to(request.user).filter(programme=programme)
    return get_object_or_404(bodies.select_related("programme", "pillar"), pk=pk)


def _meeting(request: HttpRequest, programme: Programme, pk: int) -> Meeting:
    meetings = Meeting.objects.visible_to(request.user).filter(body__programme=programme)
    return get_object_or_404(meetings.select_related("body__programme", "series"), pk=pk)


def _managing(request: HttpRequest, body: Body) -> None:
    if not can_manage_meetings(request.user, body):
        refuse(request)


# --- Bodies -----------------------------------------------------------------------------------


def body_list(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    context = {
        "programme": programme,
        "bodies": selectors.body_list(user=request.user, programme=programme),
        "can_create": can_manage_bodies(request.user, programme),
        "is_member": can_view_programme_space(request.user, programme),
    }
    return render(request, "coordination/body_list.html", context)


def body_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    context = {
        "programme": programme,
        "body": body,
        "sees_people": can_view_programme_space(request.user, programme),
        "can_manage": can_manage_bodies(request.user, programme),
        "can_run": can_manage_meetings(request.user, body),
        "status_choices": ActionItem.Status.choices,
        **selectors.body_space(body=body, user=request.user),
    }
    context["updatable"] = {
        item.pk
        for item in context["open_action_items"]
        if can_update_action_item(request.user, item)
    }
    return render(request, "coordination/body_detail.html", context)


def terms_of_reference(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The file, to whoever reads the body: never from a public address of the storage."""
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    if not body.terms_of_reference:
        raise Http404
    name = body.terms_of_reference.name.rsplit("/", 1)[-1]
    return FileResponse(body.terms_of_reference.open("rb"), as_attachment=True, filename=name)


def _body_editor(request: HttpRequest, programme: Programme, body: Body | None) -> HttpResponse:
    instance = Body.objects.get(pk=body.pk) if body else Body(programme=programme)
    form = BodyForm(
        request.POST or None, request.FILES or None, instance=instance, programme=programme
    )
    if request.method == "POST" and form.is_valid():
        try:
            if body is None:
                body = services.body_create(programme=programme, user=request.user, **form.values())
                messages.success(request, _("The body “%(name)s” was created.") % {"name": body})
            else:
                body = services.body_update(body=body, user=request.user, data=form.values())
                messages.success(request, _("Changes to “%(name)s” saved.") % {"name": body})
        except ValidationError as error:
            apply_errors(error, form)
        else:
            return redirect("coordination:body", code=programme.code, pk=body.pk)
    return render(
        request,
        "coordination/body_form.html",
        {"programme": programme, "body": body, "form": form},
        status=400 if form.is_bound else 200,
    )


def body_create(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    if not can_manage_bodies(request.user, programme):
        refuse(request)
    return _body_editor(request, programme, None)


def body_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    if not can_manage_bodies(request.user, programme):
        refuse(request)
    return _body_editor(request, programme, body)


# --- Members ----------------------------------------------------------------------------------


def members(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    if not can_manage_bodies(request.user, programme):
        refuse(request)
    form = MemberForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.body_member_add(body=body, user=request.user, **data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("%(name)s joined the body.") % {"name": member.person})
            return redirect("coordination:members", code=programme.code, pk=body.pk)
    rows = [
        (member, MemberChangeForm(initial=_member_initial(member), body=body, prefix=member.pk))
        for member in selectors.members_of(body)
    ]
    return render(
        request,
        "coordination/members.html",
        {"programme": programme, "body": body, "form": form, "rows": rows},
        status=400 if form.is_bound else 200,
    )


def _member_initial(member: BodyMember) -> dict[str, Any]:
    return {
        "role": member.role,
        "organisation": member.organisation_id,
        "stakeholder_type": member.stakeholder_type,
    }


@require_POST
def member_change(request: HttpRequest, code: str, pk: int, member_pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    if not can_manage_bodies(request.user, programme):
        refuse(request)
    member = get_object_or_404(body.members.select_related("person"), pk=member_pk)
    if "remove" in request.POST:
        services.body_member_remove(member=member, user=request.user)
        messages.success(request, _("%(name)s left the body.") % {"name": member.person})
        return redirect("coordination:members", code=programme.code, pk=body.pk)
    form = MemberChangeForm(request.POST, body=body, prefix=member.pk)
    if form.is_valid():
        try:
            services.body_member_update(member=member, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": member.person})
            return redirect("coordination:members", code=programme.code, pk=body.pk)
    rows = [
        (
            row,
            form
            if row.pk == member.pk
            else MemberChangeForm(initial=_member_initial(row), body=body, prefix=row.pk),
        )
        for row in selectors.members_of(body)
    ]
    return render(
        request,
        "coordination/members.html",
        {"programme": programme, "body": body, "form": MemberForm(body=body), "rows": rows},
        status=400,
    )


# --- Meetings ---------------------------------------------------------------------------------


def meeting_create(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    body = _body(request, programme, pk)
    _managing(request, body)
    form = MeetingForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            if form.is_series():
                series = services.series_create(
                    body=body, user=request.user, **form.series_values()
                )
                messages.success(
                    request,
                    _("The series was created with %(count)s meetings in the coming year.")
                    % {"count": series.meetings.count()},
                )
                return redirect("coordination:body", code=programme.code, pk=body.pk)
            meeting = services.meeting_create(body=body, user=request.user, **form.meeting_values())
        except ValidationError as error:
            _series_errors(error, form)
        else:
            messages.success(request, _("The meeting was planned."))
            return redirect("coordination:meeting", code=programme.code, pk=meeting.pk)
    return render(
        request,
        "coordination/meeting_form.html",
        {"programme": programme, "body": body, "form": form, "meeting": None},
        status=400 if form.is_bound else 200,
    )


def _series_errors(error: ValidationError, form: MeetingForm) -> None:
    renamed = {
        {"start_date": "date", "start_time": "time", "start": "date"}.get(field, field): problems
        for field, problems in error.update_error_dict({}).items()
    }
    apply_errors(ValidationError(renamed), form)


def meeting_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Change or move one meeting (an occurrence of a series keeps its place in the series)."""
    programme = _programme(request, code)
    meeting = _meeting(request, programme, pk)
    _managing(request, meeting.body)
    form = MeetingEditForm(
        request.POST or None,
        initial=MeetingEditForm.initial_of(meeting, programme),
        programme=programme,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, user=request.user, data=form.values())
        except ValidationError as error:
            _series_errors(error, form)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Changes to the meeting saved."))
            return redirect("coordination:meeting", code=programme.code, pk=meeting.pk)
    return render(
        request,
        "coordination/meeting_form.html",
        {"programme": programme, "body": meeting.body, "form": form, "meeting": meeting},
        status=400 if form.is_bound else 200,
    )


@require_POST
def meeting_cancel(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    meeting = _meeting(request, programme, pk)
    _managing(request, meeting.body)
    try:
        services.meeting_cancel(meeting=meeting, user=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("The meeting was cancelled."))
    return redirect("coordination:meeting", code=programme.code, pk=meeting.pk)


# --- The meeting page -------------------------------------------------------------------------


def _meeting_page(
    request: HttpRequest,
    programme: Programme,
    meeting: Meeting,
    *,
    bound: dict[str, Any] | None = None,
    preview: str | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.meeting_page(meeting=meeting)
    can_run = can_manage_meetings(request.user, meeting.body)
    context: dict[str, Any] = {
        "programme": programme,
        "body": meeting.body,
        "meeting": meeting,
        "sees_people": can_view_programme_space(request.user, programme),
        "can_run": can_run,
        "minutes_html": markdown.render(meeting.minutes),
        "preview_html": markdown.render(preview) if preview is not None else None,
        "status_choices": ActionItem.Status.choices,
        "attendance_choices": Attendance.Status.choices,
        **page,
    }
    context["updatable"] = {
        item.pk
        for item in page["action_items"] + page["carried_over"]
        if can_update_action_item(request.user, item)
    }
    if can_run:
        forms = {
            "agenda_form": AgendaItemForm(programme=programme, user=request.user),
            "guest_form": GuestForm(programme=programme),
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
            "decision_form": DecisionForm(agenda=page["agenda"]),
            "action_form": ActionItemForm(
                programme=programme, agenda=page["agenda"], decisions=page["decisions"]
            ),
        }
        forms.update(bound or {})
        context.update(forms)
    return render(request, "coordination/meeting_detail.html", context, status=status)


def meeting_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    meeting = _meeting(request, programme, pk)
    return _meeting_page(request, programme, meeting)


def _record(request: HttpRequest, code: str, pk: int) -> tuple[Programme, Meeting]:
    programme = _programme(request, code)
    meeting = _meeting(request, programme, pk)
    _managing(request, meeting.body)
    return programme, meeting


def _back(programme: Programme, meeting: Meeting, anchor: str) -> HttpResponse:
    response = redirect("coordination:meeting", code=programme.code, pk=meeting.pk)
    response["Location"] += f"#{anchor}"
    return response


@require_POST
def agenda_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    form = AgendaItemForm(request.POST, programme=programme, user=request.user)
    if form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("Agenda item added."))
            return _back(programme, meeting, "agenda")
    return _meeting_page(request, programme, meeting, bound={"agenda_form": form}, status=400)


@require_POST
def agenda_remove(request: HttpRequest, code: str, pk: int, item_pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    services.agenda_item_remove(item=item, user=request.user)
    messages.success(request, _("Agenda item removed."))
    return _back(programme, meeting, "agenda")


@require_POST
def attendance(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    rows = [
        (member, request.POST.get(f"attendance-{member.pk}", ""))
        for member in selectors.members_of(meeting.body)
    ]
    try:
        services.attendance_record(meeting=meeting, user=request.user, rows=rows)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return _meeting_page(request, programme, meeting, status=400)
    messages.success(request, _("Attendance saved."))
    return _back(programme, meeting, "attendance")


@require_POST
def guest_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    form = GuestForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            guest = services.guest_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("%(name)s was added as a guest.") % {"name": guest.name})
            return _back(programme, meeting, "attendance")
    return _meeting_page(request, programme, meeting, bound={"guest_form": form}, status=400)


@require_POST
def minutes(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Save the minutes, or (button "Preview", without JavaScript) show them as they will read."""
    programme, meeting = _record(request, code, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["minutes"]
        if "preview" in request.POST:
            return _meeting_page(
                request, programme, meeting, bound={"minutes_form": form}, preview=text
            )
        try:
            services.minutes_save(meeting=meeting, user=request.user, minutes=text)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("Minutes saved."))
            return _back(programme, meeting, "minutes")
    return _meeting_page(request, programme, meeting, bound={"minutes_form": form}, status=400)


@require_POST
def minutes_preview(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The minutes as they will read (htmx), the same partial the page shows."""
    _record(request, code, pk)  # permission: the chair, secretariat and coordinators
    return render(
        request,
        "coordination/includes/_minutes_preview.html",
        {"preview_html": markdown.render(request.POST.get("minutes", ""))},
    )


@require_POST
def minutes_approve(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Approve the previous meeting's minutes at this meeting."""
    programme, meeting = _record(request, code, pk)
    previous = selectors.meeting_page(meeting=meeting)["previous"]
    if previous is None:
        raise Http404
    try:
        services.minutes_approve(meeting=previous, at_meeting=meeting, user=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("The minutes of the previous meeting are approved."))
    return _back(programme, meeting, "approval")


@require_POST
def decision_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    agenda = list(meeting.agenda_items.all())
    form = DecisionForm(request.POST, agenda=agenda)
    if form.is_valid():
        item = next((a for a in agenda if a.pk == form.cleaned_data["agenda_item"]), None)
        try:
            services.decision_record(
                meeting=meeting, user=request.user, text=form.cleaned_data["text"], agenda_item=item
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("Decision recorded."))
            return _back(programme, meeting, "decisions")
    return _meeting_page(request, programme, meeting, bound={"decision_form": form}, status=400)


@require_POST
def action_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme, meeting = _record(request, code, pk)
    agenda = list(meeting.agenda_items.all())
    decisions = list(meeting.decisions.all())
    form = ActionItemForm(request.POST, programme=programme, agenda=agenda, decisions=decisions)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["agenda_item"] = next((a for a in agenda if a.pk == data["agenda_item"]), None)
        data["decision"] = next((d for d in decisions if d.pk == data["decision"]), None)
        try:
            services.action_item_create(meeting=meeting, user=request.user, **data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("Action item recorded."))
            return _back(programme, meeting, "actions")
    return _meeting_page(request, programme, meeting, bound={"action_form": form}, status=400)


# --- Action items -----------------------------------------------------------------------------


@require_POST
def action_status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    items = ActionItem.objects.visible_to(request.user).filter(programme=programme)
    item = get_object_or_404(items.select_related("body"), pk=pk)
    if not can_update_action_item(request.user, item):
        refuse(request)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            item=item, user=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status of the action item saved."))
    else:
        messages.error(request, _("Choose one of the statuses."))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("coordination:body", code=programme.code, pk=item.body_id)


def action_list(request: HttpRequest, code: str) -> HttpResponse:
    """Action items per person and per organisation, overdue first; for the programme's members."""
    programme = _programme(request, code)
    if not can_view_programme_space(request.user, programme):
        refuse(request)
    form = ActionFilterForm(request.GET or None, programme=programme)
    filters = form.cleaned_data if form.is_valid() else {}
    if not request.GET:
        filters = {"person": request.user}
    items = list(
        selectors.action_items_list(
            user=request.user,
            programme=programme,
            person=filters.get("person"),
            organisation=filters.get("organisation"),
            include_closed=bool(filters.get("closed")),
        )
    )
    context = {
        "programme": programme,
        "form": form,
        "items": items,
        "mine": not request.GET,
        "status_choices": ActionItem.Status.choices,
        "updatable": {item.pk for item in items if can_update_action_item(request.user, item)},
        "today": timezone.localdate(),
    }
    return render(request, "coordination/action_list.html", context)
