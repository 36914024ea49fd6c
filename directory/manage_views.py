"""Members' pages of a programme's directory: the dashboard, editing, approvals and moderation.

Who may do what is decided in ``core.permissions``: every member reads the dashboard, the
follow-up list and the coverage; coordinators create, edit, verify, approve and moderate; a
focal point or partner proposes changes to their own organisation's services, and new services
for it.
"""

import csv
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.http import refuse
from core.permissions import (
    can_manage_directory,
    can_propose_new_service,
    can_propose_service_change,
    can_see_confidential,
    can_view_programme_space,
)
from directory import manage_proposals
from directory import manage_services as writes
from directory.manage_compare import change_request_differences
from directory.manage_forms import (
    ChangeDecisionForm,
    ServiceEditor,
    ServiceFilterForm,
    SuggestionDecisionForm,
)
from directory.manage_selectors import (
    change_requests_of,
    coverage,
    dashboard_counts,
    follow_up_services,
    manage_services,
    new_service_requests_of,
    open_suggestions,
    pending_change_requests,
    service_history,
    stale_cutoff,
)
from directory.models import Service, ServiceChangeRequest, Suggestion
from directory.selectors import services_visible_to
from programmes.models import Programme

PAGE_SIZE = 50


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _for_members(request: HttpRequest, code: str) -> Programme:
    programme = _programme(request, code)
    if not can_view_programme_space(request.user, programme):
        refuse(request)
    return programme


def _for_coordinators(request: HttpRequest, code: str) -> Programme:
    programme = _programme(request, code)
    if not can_manage_directory(request.user, programme):
        refuse(request)
    return programme


def _nav(request: HttpRequest, programme: Programme) -> dict[str, Any]:
    """What the menu of the members' pages offers this person."""
    return {
        "can_manage": can_manage_directory(request.user, programme),
        "can_propose_new": can_propose_new_service(request.user, programme),
    }


def _service(request: HttpRequest, programme: Programme, service_id: UUID) -> Service:
    services = services_visible_to(request.user).filter(programme=programme)
    return get_object_or_404(services.select_related("organisation", "programme"), pk=service_id)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form was on, when it is one of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


# --- Reading: every member ----------------------------------------------------------------


def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_members(request, code)
    form = ServiceFilterForm(request.GET or None, programme=programme)
    filters = form.cleaned_data if form.is_valid() else {}
    services = manage_services(
        programme=programme,
        user=request.user,
        sector=filters.get("sector") or "",
        area_id=filters.get("area"),
        status=filters.get("status") or "",
        stale=bool(filters.get("stale")),
        query=filters.get("q") or "",
    )
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    cutoff = stale_cutoff()
    for service in page:
        service.may_edit = can_propose_service_change(request.user, service)
        service.is_stale = service.assured_date is None or service.assured_date < cutoff
        service.communities = sorted(
            {
                str(link.location.area)
                for link in service.service_at_locations.all()
                if link.location.area
            }
            | {str(area.area) for area in service.service_areas.all() if area.area}
        )
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "counts": dashboard_counts(programme=programme, user=request.user),
        **_nav(request, programme),
        "current": "dashboard",
    }
    if request.headers.get("HX-Request"):
        return render(request, "directory/manage/includes/_services.html", context)
    if context["can_propose_new"] and not context["can_manage"]:
        context["my_new_services"] = list(
            new_service_requests_of(programme=programme, user=request.user)[:10]
        )
    return render(request, "directory/manage/dashboard.html", context)


def follow_up(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_members(request, code)
    services = follow_up_services(programme=programme, user=request.user)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for service in page:
        service.days_unverified = (
            (today - service.assured_date).days if service.assured_date else None
        )
    context = {
        "programme": programme,
        "page": page,
        "cutoff": stale_cutoff(),
        **_nav(request, programme),
        "current": "follow_up",
    }
    return render(request, "directory/manage/follow_up.html", context)


def coverage_table(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_members(request, code)
    sectors, rows = coverage(programme)
    context = {
        "programme": programme,
        "sectors": sectors,
        "rows": rows,
        **_nav(request, programme),
        "current": "coverage",
    }
    return render(request, "directory/manage/coverage.html", context)


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def coverage_csv(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_members(request, code)
    sectors, rows = coverage(programme)
    names = {row.area.pk: row.area.name for row in rows}
    filename = f"coverage-{programme.code}-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheets read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Community"),
            _("Code"),
            _("Level"),
            _("Within"),
            *[_("%(sector)s: active providers") % {"sector": sector.name} for sector in sectors],
            _("Sectors without an active provider"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _cell(row.area.name),
                _cell(row.area.code),
                row.area.get_level_display(),
                _cell(names.get(row.area.parent_id, "")),
                *row.providers,
                "; ".join(str(sector.name) for sector in row.gaps),
            ]
        )
    return response


# --- Editing: coordinators, and proposals by the service's own organisation ---------------


def _edit(
    request: HttpRequest, programme: Programme, service: Service | None, proposing: bool
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    adding_row = data is not None and "add" in data
    if adding_row:
        data = ServiceEditor.with_another_row(data, data["add"])
    editor = ServiceEditor(programme=programme, service=service, data=data, proposing=proposing)
    if data is not None and not adding_row and editor.is_valid():
        try:
            if service is None and proposing:
                manage_proposals.new_service_request_create(
                    programme=programme, user=request.user, payload=editor.payload()
                )
                messages.success(
                    request,
                    _(
                        "The new service was sent to the coordinators. It appears in the "
                        "directory once approved."
                    ),
                )
                return redirect("directory:manage_dashboard", code=programme.code)
            if service is None:
                service = writes.service_create(
                    programme=programme, user=request.user, payload=editor.payload()
                )
                messages.success(
                    request, _("The service “%(name)s” was created.") % {"name": service.name}
                )
            elif proposing:
                manage_proposals.service_change_request_create(
                    service=service, user=request.user, payload=editor.payload()
                )
                messages.success(
                    request,
                    _("Your changes were sent to the coordinators. They appear once approved."),
                )
            else:
                writes.service_update(service=service, user=request.user, payload=editor.payload())
                messages.success(
                    request, _("Changes to “%(name)s” saved.") % {"name": service.name}
                )
        except ValidationError as error:
            editor.add_error(error)
        else:
            return redirect("directory:manage_service", code=programme.code, service_id=service.pk)
    context: dict[str, Any] = {
        "programme": programme,
        "service": service,
        "editor": editor,
        "proposing": proposing,
        **_nav(request, programme),
        "current": "new" if service is None else "",
    }
    if service is not None:
        context["history"] = service_history(service)
        context["is_stale"] = service.assured_date is None or service.assured_date < stale_cutoff()
        if proposing:
            context["my_proposals"] = list(
                change_requests_of(service=service, user=request.user)[:10]
            )
        else:
            context["waiting"] = list(
                pending_change_requests(programme)
                .filter(service=service)
                .values_list("pk", flat=True)
            )
    failed = data is not None and not adding_row
    return render(
        request, "directory/manage/service_form.html", context, status=400 if failed else 200
    )


@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest, code: str) -> HttpResponse:
    """Coordinators create; a focal point or partner proposes a service of their organisation."""
    programme = _programme(request, code)
    if not can_propose_new_service(request.user, programme):
        refuse(request)
    proposing = not can_manage_directory(request.user, programme)
    return _edit(request, programme, None, proposing=proposing)


@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, code: str, service_id: UUID) -> HttpResponse:
    """Coordinators edit; a focal point or partner of the service's organisation proposes."""
    programme = _for_members(request, code)
    service = _service(request, programme, service_id)
    if not (
        can_propose_service_change(request.user, service)
        and can_see_confidential(request.user, programme)
    ):
        refuse(request)
    proposing = not can_manage_directory(request.user, programme)
    return _edit(request, programme, service, proposing=proposing)


@require_POST
def service_verify(request: HttpRequest, code: str, service_id: UUID) -> HttpResponse:
    programme = _for_coordinators(request, code)
    service = _service(request, programme, service_id)
    writes.service_verify(service=service, user=request.user)
    messages.success(request, _("“%(name)s” is marked as verified today.") % {"name": service.name})
    return _back(request, reverse("directory:manage_service", args=[programme.code, service.pk]))


# --- Approving proposals and moderating suggestions: coordinators -------------------------


def change_requests(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_coordinators(request, code)
    page = Paginator(pending_change_requests(programme), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"programme": programme, "page": page, **_nav(request, programme)}
    return render(request, "directory/manage/changes.html", {**context, "current": "changes"})


@require_http_methods(["GET", "POST"])
def change_request(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _for_coordinators(request, code)
    change = get_object_or_404(
        ServiceChangeRequest.objects.select_related(
            "service__organisation",
            "service__programme",
            "proposed_by__organisation",
            "decided_by",
        ),
        pk=pk,
        programme=programme,
    )
    form = ChangeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "approve":
                manage_proposals.service_change_request_approve(
                    change_request=change, user=request.user, note=note
                )
                messages.success(request, _("The proposal was approved and applied."))
            else:
                manage_proposals.service_change_request_reject(
                    change_request=change, user=request.user, note=note
                )
                messages.success(request, _("The proposal was rejected."))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("directory:manage_changes", code=programme.code)
    context = {
        "programme": programme,
        "change": change,
        "differences": change_request_differences(change),
        "form": form,
        **_nav(request, programme),
        "current": "changes",
    }
    return render(
        request,
        "directory/manage/change_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def suggestions(request: HttpRequest, code: str) -> HttpResponse:
    programme = _for_coordinators(request, code)
    page = Paginator(open_suggestions(programme), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "page": page,
        **_nav(request, programme),
        "current": "suggestions",
    }
    return render(request, "directory/manage/suggestions.html", context)


@require_POST
def suggestion_decide(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _for_coordinators(request, code)
    suggestion = get_object_or_404(Suggestion, pk=pk, service__programme=programme)
    form = SuggestionDecisionForm(request.POST)
    if form.is_valid():
        try:
            manage_proposals.suggestion_decide(
                suggestion=suggestion, user=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if form.cleaned_data["status"] == Suggestion.Status.APPLIED:
                messages.success(request, _("The suggestion is marked as applied."))
            else:
                messages.success(request, _("The suggestion was dismissed."))
    else:
        messages.error(request, _("Choose whether the suggestion was applied or dismissed."))
    return redirect("directory:manage_suggestions", code=programme.code)
