"""Pages of the partner exchange: updates on an activity, the programme's feed, "who else works
here" for an organisation, and the one-click unsubscribe from the weekly digest.

Reading follows the activities' visibility (``visible_to`` selectors in ``workplan.exchange``);
posting follows ``can_post_update``, and a status change ``can_change_activity``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import refuse
from core.permissions import can_change_activity, can_post_update, can_view_programme_space
from organisations.models import Organisation
from programmes.models import Programme
from workplan import digests, exchange
from workplan.forms_exchange import FeedFilterForm, UpdateForm
from workplan.models import Activity
from workplan.selectors import activities_visible_to, with_related

FEED_PAGE_SIZE = 25
UPDATES_SHOWN = 20


def _programme(request: HttpRequest, code: str) -> Programme:
    # As in workplan.views, which imports this module for the activity's page.
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _update_form(request: HttpRequest, activity: Activity, data: Any = None) -> UpdateForm | None:
    if not can_post_update(request.user, activity):
        return None
    return UpdateForm(
        data,
        activity=activity,
        may_change_status=can_change_activity(request.user, activity),
        user=request.user,
        auto_id="update_%s",
    )


def exchange_context(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    """What the activity's page shows of the exchange: its updates, the form, who else works here.

    ``activity`` comes with its participations prefetched (``selectors.with_related``).
    """
    programme = activity.programme
    return {
        "updates": list(
            exchange.activity_updates(user=request.user, activity=activity)[:UPDATES_SHOWN]
        ),
        "update_form": _update_form(request, activity),
        "show_people": can_view_programme_space(request.user, programme),
        "neighbours": exchange.who_else(user=request.user, programme=programme, activity=activity),
    }


@require_POST
def update_post(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Post an update. With htmx the updates partial comes back; without, the activity's page."""
    programme = _programme(request, code)
    activity = get_object_or_404(
        with_related(
            activities_visible_to(request.user).filter(programme=programme), user=request.user
        ),
        pk=pk,
    )
    form = _update_form(request, activity, request.POST)
    if form is None:
        refuse(request)
    htmx = bool(request.headers.get("HX-Request"))
    if form.is_valid():
        data = form.cleaned_data
        try:
            exchange.activity_update_post(
                activity=activity,
                author=request.user,
                kind=data["kind"],
                text=data["text"],
                language=data["language"],
                new_status=data.get("new_status"),
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            if not htmx:
                messages.success(request, _("Your update was posted."))
                return redirect(reverse("workplan:detail", args=[programme.code, pk]) + "#updates")
            form = _update_form(request, activity)
    context = {
        "programme": programme,
        "activity": activity,
        "updates": list(
            exchange.activity_updates(user=request.user, activity=activity)[:UPDATES_SHOWN]
        ),
        "update_form": form,
        "show_people": can_view_programme_space(request.user, programme),
    }
    if htmx:
        # htmx swaps only 2xx answers: the errors come back with the form, as 200.
        return render(request, "workplan/includes/_updates.html", context)
    return render(request, "workplan/exchange/update_form.html", context, status=400)


def feed(request: HttpRequest, code: str) -> HttpResponse:
    """The programme's updates, newest first, filtered by area, pillar and organisation."""
    programme = _programme(request, code)
    form = FeedFilterForm(request.GET or None, programme=programme, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    updates = exchange.update_feed(
        user=request.user,
        programme=programme,
        area=filters.get("area"),
        pillar=filters.get("pillar"),
        organisation=filters.get("organisation"),
    )
    page = Paginator(updates, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "show_people": can_view_programme_space(request.user, programme),
    }
    if request.headers.get("HX-Request"):
        return render(request, "workplan/exchange/includes/_feed_results.html", context)
    return render(request, "workplan/exchange/feed.html", context)


def organisation_neighbours(request: HttpRequest, code: str, organisation_pk: int) -> HttpResponse:
    """Who else works where this organisation works, in this programme."""
    programme = _programme(request, code)
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).filter(programmes=programme),
        pk=organisation_pk,
    )
    context = {
        "programme": programme,
        "organisation": organisation,
        "neighbours": exchange.who_else(
            user=request.user, programme=programme, organisation=organisation
        ),
        "show_people": can_view_programme_space(request.user, programme),
    }
    return render(request, "workplan/exchange/organisation.html", context)


@csrf_exempt  # The signed token is the credential; mail clients post here (RFC 8058) without one.
def digest_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Turn the weekly digest off from the link in the mail, without signing in.

    Opening the link asks for one click (mail scanners open links on their own); a mail client's
    one-click "unsubscribe" posts straight here.
    """
    user = digests.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "workplan/exchange/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        digests.digest_turn_off(user=user)
        done = True
    return render(
        request,
        "workplan/exchange/unsubscribe.html",
        {"person": user, "done": done, "token": token},
    )
