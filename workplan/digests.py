"""The weekly digest: what changed in the joint workplan where a member's organisation works.

``python manage.py send_digests`` (for cron) calls ``digests_send``. Each member who has not turned
the digest off (``User.workplan_digest``) gets one e-mail, in their preferred language, covering
every programme they belong to, with what they may read and what changed since ``since``:

- new activities;
- updates posted on activities (progress, status changes, opportunities, requests);
- status changes made in the editor or the API (those made through an update are listed once, as
  the update).

"Where their organisation works" is the areas (expanded with the areas containing them, as the
duplicate check does) and pillars of the activities their organisation leads or takes part in: a
change counts when its activity shares one of those areas or pillars. Coordinators follow the
whole programme. A member whose organisation has no activity in a programme (or whose profile
names none) gets nothing for it; the programme's feed shows them everything. Nobody gets an empty
mail, and nobody hears of their own updates.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.permissions import COORDINATOR, access_of
from programmes.models import Programme
from workplan.exchange import footprints
from workplan.facts import AreaTree
from workplan.models import Activity, ActivityStatus, ActivityUpdate, Participation

UNSUBSCRIBE_SALT = "workplan.digest.unsubscribe"


# --- The unsubscribe link ---------------------------------------------------------------------


def unsubscribe_token(user: User) -> str:
    """A signed token naming the person; it does not expire, so an old mail's link still works."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    return User.objects.filter(pk=value.get("u"), is_active=True).first()


def digest_turn_off(*, user: User) -> None:
    if user.workplan_digest:
        user.workplan_digest = False
        user.save(update_fields=["workplan_digest"])


# --- What changed -----------------------------------------------------------------------------


@dataclass
class StatusChange:
    activity: Activity
    before: int
    after: int

    @property
    def before_label(self) -> str:
        return str(ActivityStatus(self.before).label)

    @property
    def after_label(self) -> str:
        return str(ActivityStatus(self.after).label)


@dataclass
class Section:
    """What changed in one programme, as one member may read it."""

    programme: Programme
    whole_programme: bool
    new_activities: list[Activity] = field(default_factory=list)
    updates: list[ActivityUpdate] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new_activities or self.updates or self.status_changes)


@dataclass
class Digest:
    user: User
    since: datetime.datetime
    until: datetime.datetime
    sections: list[Section]

    def __bool__(self) -> bool:
        return any(self.sections)

    @property
    def counts(self) -> tuple[int, int, int]:
        return (
            sum(len(s.new_activities) for s in self.sections),
            sum(len(s.updates) for s in self.sections),
            sum(len(s.status_changes) for s in self.sections),
        )


def _status_changes(
    activity_ids: Any, since: datetime.datetime, until: datetime.datetime, *, reader: User
) -> dict[int, tuple[int, int]]:
    """(status before ``since``, status at ``until``) of activities whose status changed between,
    unless the reader made the last change themself."""
    history = Activity.history.model.objects
    touched = set(
        history.filter(
            id__in=activity_ids, history_date__gte=since, history_date__lt=until
        ).values_list("id", flat=True)
    )
    before: dict[int, int] = {}
    after: dict[int, tuple[int, int | None]] = {}
    for pk, status, when, who in (
        history.filter(id__in=touched, history_date__lt=until)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "history_date", "history_user_id")
    ):
        if when < since:
            before[pk] = status
        after[pk] = (status, who)
    return {
        pk: (before[pk], after[pk][0])
        for pk in touched
        if pk in before and before[pk] != after[pk][0] and after[pk][1] != reader.pk
    }


def _section(
    user: User, programme: Programme, since: datetime.datetime, until: datetime.datetime
) -> Section | None:
    whole = access_of(user).role_in(programme.pk) == COORDINATOR
    visible = Activity.objects.visible_to(user).filter(programme=programme)
    tree = AreaTree.of([programme.pk])
    scope_areas: set[int] = set()
    scope_pillars: set[int] = set()
    own: set[int] = set()
    if not whole:
        if user.organisation_id is None:
            return None
        own = set(
            visible.filter(
                Q(lead_organisation_id=user.organisation_id)
                | Q(
                    pk__in=Participation.objects.filter(
                        organisation_id=user.organisation_id
                    ).values("activity_id")
                )
            ).values_list("pk", flat=True)
        )
        if not own:
            return None
        _areas, expanded, _organisations = footprints(own, tree)
        scope_areas = set().union(*expanded.values())
        scope_pillars = set(Activity.objects.filter(pk__in=own).values_list("pillar_id", flat=True))

    new_ids = set(
        visible.filter(created_at__gte=since, created_at__lt=until).values_list("pk", flat=True)
    )
    updates = list(
        ActivityUpdate.objects.filter(
            activity__in=visible, created_at__gte=since, created_at__lt=until
        )
        .exclude(author=user)
        .select_related("activity", "organisation", "author")
        .order_by("created_at", "pk")
    )
    # A status changed through an update is told once, as the update (even the reader's own).
    through_updates = set(
        ActivityUpdate.objects.filter(
            activity__in=visible,
            kind=ActivityUpdate.Kind.STATUS,
            created_at__gte=since,
            created_at__lt=until,
        ).values_list("activity_id", flat=True)
    )
    changes = {
        pk: change
        for pk, change in _status_changes(
            visible.exclude(pk__in=new_ids).values("pk"), since, until, reader=user
        ).items()
        if pk not in through_updates
    }
    candidates = new_ids | {u.activity_id for u in updates} | set(changes)
    if not whole and candidates:
        _areas, expanded, _organisations = footprints(candidates, tree)
        pillars = dict(Activity.objects.filter(pk__in=candidates).values_list("pk", "pillar_id"))
        candidates = {
            pk
            for pk in candidates
            if pk in own or expanded[pk] & scope_areas or pillars[pk] in scope_pillars
        }
    if not candidates:
        return None
    activities = (
        Activity.objects.filter(pk__in=candidates)
        .select_related("lead_organisation", "pillar")
        .in_bulk()
    )
    section = Section(
        programme=programme,
        whole_programme=whole,
        new_activities=sorted(
            (activities[pk] for pk in new_ids if pk in activities), key=lambda a: a.created_at
        ),
        updates=[u for u in updates if u.activity_id in activities],
        status_changes=[
            StatusChange(activities[pk], before, after)
            for pk, (before, after) in sorted(changes.items())
            if pk in activities
        ],
    )
    return section if section else None


def digest_for(user: User, *, since: datetime.datetime, until: datetime.datetime) -> Digest:
    """What changed between ``since`` and ``until`` that ``user`` follows and may read."""
    access = access_of(user)
    programmes = Programme.objects.filter(pk__in=access.programme_ids, is_active=True).order_by(
        "code"
    )
    sections = [s for p in programmes if (s := _section(user, p, since, until)) is not None]
    return Digest(user=user, since=since, until=until, sections=sections)


def recipients() -> Any:
    """Active members of an active programme with an e-mail address who keep the digest on."""
    return (
        User.objects.filter(
            is_active=True, workplan_digest=True, memberships__programme__is_active=True
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


# --- Sending ----------------------------------------------------------------------------------


def _message(digest: Digest, base_url: str) -> EmailMultiAlternatives:
    user = digest.user
    base = base_url.rstrip("/")
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        unsubscribe = base + reverse("workplan:digest_unsubscribe", args=[unsubscribe_token(user)])
        context = {
            "digest": digest,
            "person": user,
            "base_url": base,
            "unsubscribe_url": unsubscribe,
            "settings_url": base + reverse("accounts:settings"),
            "since": timezone.localtime(digest.since).date(),
        }
        subject = _("Joint workplan: what changed since %(date)s") % {
            "date": timezone.localtime(digest.since).date().isoformat()
        }
        text = render_to_string("workplan/email/digest.txt", context)
        html = render_to_string("workplan/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0


def digests_send(
    *,
    since: datetime.datetime,
    until: datetime.datetime | None = None,
    base_url: str | None = None,
    dry_run: bool = False,
    report: Callable[[str], None] = lambda line: None,
) -> Outcome:
    """Send one digest per member with something to read; with ``dry_run``, only report."""
    until = until or timezone.now()
    base_url = base_url or settings.SITE_URL
    outcome = Outcome()
    for user in recipients():
        digest = digest_for(user, since=since, until=until)
        if not digest:
            outcome.skipped += 1
            continue
        new, updates, changes = digest.counts
        programmes = ", ".join(s.programme.code for s in digest.sections if s)
        report(
            f"{user.email} ({user.preferred_language}): {programmes}: "
            f"{new} new, {updates} updates, {changes} status changes"
        )
        if not dry_run:
            _message(digest, base_url).send()
        outcome.sent += 1
    return outcome


def default_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=7)
