"""Calendar feeds: the feed itself (no sign-in: its secret address is the credential) and the
pages where a member creates, copies and revokes the addresses of their feeds.

Feeds are a members' tool: only members of a programme create one, and a feed shows only what its
owner may read at the moment it is fetched (``coordination.calendar.feed_meetings``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import hash_secret
from coordination import calendar, selectors, services
from coordination.models import Body, CalendarFeed
from core.http import refuse
from core.permissions import can_view_programme_space
from programmes.models import Programme

# A feed is fetched every few minutes by some clients: record its use at most this often.
LAST_USED_EVERY = datetime.timedelta(minutes=15)


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed. An unknown or revoked token, or a closed account, is a plain 404."""
    found = (
        CalendarFeed.objects.active()
        .filter(token_hash=hash_secret(token), owner__is_active=True)
        .select_related("owner", "body")
        .first()
    )
    if found is None:
        raise Http404
    now = timezone.now()
    if found.last_used_at is None or found.last_used_at < now - LAST_USED_EVERY:
        CalendarFeed.objects.filter(pk=found.pk).update(last_used_at=now)
    response = HttpResponse(
        calendar.feed_calendar(found, base_url=request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    # The address is a secret and the content personal: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def _feed_rows(request: HttpRequest, feeds: Any) -> list[CalendarFeed]:
    return list(feeds.filter(owner=request.user).select_related("body__programme"))


def _feed_url(request: HttpRequest, secret: str) -> str:
    return request.build_absolute_uri(reverse("coordination:calendar_feed", args=[secret]))


def _settings_page(
    request: HttpRequest, template: str, context: dict[str, Any], new_secret: str | None
) -> HttpResponse:
    if new_secret:
        url = _feed_url(request, new_secret)
        context["new_url"] = url
        context["new_webcal_url"] = "webcal://" + url.split("://", 1)[-1]
    response = render(request, template, context)
    # The secret address is shown once: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """Your own feed: the meetings of every body you sit on or are invited to, and your open
    action items."""
    new_secret = None
    if request.method == "POST":
        _feed, new_secret = services.calendar_feed_create(owner=request.user)
    feeds = _feed_rows(request, CalendarFeed.objects.all())
    return _settings_page(
        request,
        "coordination/calendar/my_calendar.html",
        {
            "feeds": [f for f in feeds if f.body_id is None],
            "body_feeds": [f for f in feeds if f.body_id is not None and f.revoked_at is None],
        },
        new_secret,
    )


def _body_for_feeds(request: HttpRequest, code: str, pk: int) -> tuple[Programme, Body]:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())
    bodies = selectors.bodies_visible_to(request.user).filter(programme=programme)
    body = get_object_or_404(bodies, pk=pk)
    if not can_view_programme_space(request.user, programme):
        refuse(request)
    return programme, body


def body_calendar(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The feeds of one body's meetings, for members of its programme."""
    programme, body = _body_for_feeds(request, code, pk)
    new_secret = None
    if request.method == "POST":
        _feed, new_secret = services.calendar_feed_create(owner=request.user, body=body)
    return _settings_page(
        request,
        "coordination/calendar/body_calendar.html",
        {
            "programme": programme,
            "body": body,
            "feeds": _feed_rows(request, CalendarFeed.objects.filter(body=body)),
        },
        new_secret,
    )


@login_required
@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        CalendarFeed.objects.select_related("body__programme"), pk=pk, owner=request.user
    )
    services.calendar_feed_revoke(feed=found)
    messages.success(
        request, _("The address was revoked: calendars using it receive nothing any more.")
    )
    if found.body_id is not None:
        return redirect(
            "coordination:body_calendar", code=found.body.programme.code, pk=found.body_id
        )
    return redirect("coordination:my_calendar")
