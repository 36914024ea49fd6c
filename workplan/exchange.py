"""Partner exchange: updates on activities, the programme's feed of them, and "who else works here".

Writes (``activity_update_post``) validate and write all or nothing; callers check
``core.permissions.can_post_update`` first, and ``can_change_activity`` for a status change.
Reads go through ``visible_to`` selectors: an update is read by whoever may read its activity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.permissions import can_view_programme_space
from organisations.models import Organisation
from programmes.models import Area, Membership, Pillar, Programme
from workplan import services
from workplan.facts import AreaTree
from workplan.models import Activity, ActivityStatus, ActivityUpdate, Participation
from workplan.selectors import _descendants, activities_visible_to

# --- Writing ----------------------------------------------------------------------------------


def activity_update_post(
    *,
    activity: Activity,
    author: Any,
    kind: str,
    text: str = "",
    language: str = "en",
    new_status: int | None = None,
) -> ActivityUpdate:
    """Post an update on an activity; a status change also changes the activity (and its history).

    The author's organisation is recorded as it is now, so that the feed still says who posted
    after the person moves on.
    """
    update = ActivityUpdate(
        activity=activity,
        author=author,
        organisation_id=getattr(author, "organisation_id", None),
        kind=kind,
        language=language,
        text=(text or "").strip(),
        new_status=new_status if kind == ActivityUpdate.Kind.STATUS else None,
    )
    if kind == ActivityUpdate.Kind.STATUS:
        update.previous_status = activity.status
        if new_status is not None and int(new_status) == activity.status:
            raise ValidationError(
                {"new_status": _("The activity already has this status: choose another.")}
            )
    update.full_clean()
    with transaction.atomic():
        if kind == ActivityUpdate.Kind.STATUS:
            services.activity_update(
                activity=activity, user=author, data={"status": int(new_status or 0)}
            )
        update._history_user = author  # type: ignore[attr-defined]
        update.save()
    return update


# --- Reading updates --------------------------------------------------------------------------


def updates_visible_to(user: Any) -> QuerySet[ActivityUpdate]:
    return ActivityUpdate.objects.visible_to(user)


def _for_display(updates: QuerySet[ActivityUpdate]) -> QuerySet[ActivityUpdate]:
    return updates.select_related(
        "activity", "activity__programme", "activity__pillar", "author", "organisation"
    ).order_by("-created_at", "-pk")


def activity_updates(*, user: Any, activity: Activity) -> QuerySet[ActivityUpdate]:
    """The updates on one activity, newest first (the caller has checked it may be read)."""
    return _for_display(updates_visible_to(user).filter(activity=activity))


def update_feed(
    *,
    user: Any,
    programme: Programme,
    area: Area | int | None = None,
    pillar: Pillar | int | None = None,
    organisation: Organisation | int | None = None,
) -> QuerySet[ActivityUpdate]:
    """The programme's updates ``user`` may read, newest first.

    ``area`` includes what lies within it; ``organisation`` keeps updates on activities it leads or
    takes part in, and updates its people posted.
    """
    updates = updates_visible_to(user).filter(activity__programme=programme)
    if pillar is not None:
        updates = updates.filter(activity__pillar=pillar)
    if area is not None:
        area_ids = _descendants(Area, getattr(area, "pk", area))
        updates = updates.filter(
            activity__in=Activity.areas.through.objects.filter(area_id__in=area_ids).values(
                "activity_id"
            )
        )
    if organisation is not None:
        organisation_id = getattr(organisation, "pk", organisation)
        updates = updates.filter(
            Q(organisation_id=organisation_id)
            | Q(activity__lead_organisation_id=organisation_id)
            | Q(
                activity__in=Participation.objects.filter(organisation_id=organisation_id).values(
                    "activity_id"
                )
            )
        )
    return _for_display(updates)


# --- Who else works here ----------------------------------------------------------------------


@dataclass
class Neighbour:
    """Another organisation working where and on what the subject works."""

    organisation: Organisation
    areas: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    activity_count: int = 0
    focal_points: list[Any] = field(default_factory=list)

    @property
    def shares_both(self) -> bool:
        return bool(self.areas and self.pillars)


def footprints(
    activity_ids: Iterable[int], tree: AreaTree
) -> tuple[dict[int, list[int]], dict[int, frozenset[int]], dict[int, set[int]]]:
    """Each activity's own areas, the same expanded (as the duplicate check expands them), and
    its participating organisations, in two queries."""
    ids = list(activity_ids)
    areas: dict[int, list[int]] = defaultdict(list)
    for activity_id, area_id in Activity.areas.through.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "area_id"):
        areas[activity_id].append(area_id)
    organisations: dict[int, set[int]] = defaultdict(set)
    for activity_id, organisation_id in Participation.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "organisation_id"):
        organisations[activity_id].add(organisation_id)
    return areas, {pk: tree.expand(areas[pk]) for pk in ids}, organisations


def who_else(
    *,
    user: Any,
    programme: Programme,
    activity: Activity | None = None,
    organisation: Organisation | None = None,
) -> list[Neighbour]:
    """The other organisations with activities ``user`` may read in the same areas or pillars.

    The subject is one activity (its organisations are left out) or an organisation (its visible
    activities in the programme). Areas are expanded as the duplicate check expands them: an
    activity in Spanish Town works in St Catherine too, so it meets one covering St Catherine.
    Cancelled activities do not count. Those sharing both an area and a pillar come first. Focal
    points (name, job title, e-mail) are listed only for signed-in members of the programme.
    A fixed number of queries, whatever the number of activities.
    """
    tree = AreaTree.of([programme.pk])
    rows = list(
        activities_visible_to(user)
        .filter(programme=programme)
        .exclude(status=ActivityStatus.CANCELLED)
        .values_list("pk", "pillar_id", "lead_organisation_id")
    )
    own_areas, expanded, participants = footprints([pk for pk, _p, _l in rows], tree)
    organisations_of = {pk: {lead, *participants[pk]} for pk, _p, lead in rows}
    pillar_of = {pk: pillar_id for pk, pillar_id, _l in rows}

    if activity is not None:
        subject_ids = [activity.pk]
        own = {activity.lead_organisation_id} | {
            p.organisation_id for p in activity.participations.all()
        }
        if activity.pk not in expanded:  # e.g. cancelled: still describe where it works
            _raw, more, _orgs = footprints([activity.pk], tree)
            expanded.update(more)
            pillar_of[activity.pk] = activity.pillar_id
    else:
        assert organisation is not None
        own = {organisation.pk}
        subject_ids = [pk for pk, orgs in organisations_of.items() if organisation.pk in orgs]
    subject_areas: set[int] = set().union(*(expanded[pk] for pk in subject_ids))
    subject_pillars = {pillar_of[pk] for pk in subject_ids}

    shared_areas: dict[int, set[int]] = defaultdict(set)
    shared_pillars: dict[int, set[int]] = defaultdict(set)
    counts: dict[int, int] = defaultdict(int)
    subject_set = set(subject_ids)
    for pk, orgs in organisations_of.items():
        if pk in subject_set:
            continue
        # In words, the other activity's own areas that lie within, around or beside the
        # subject's (sharing an area below the country): "Spanish Town" rather than the parish.
        areas = {area for area in own_areas[pk] if tree.expand([area]) & subject_areas}
        same_pillar = pillar_of[pk] in subject_pillars
        if not areas and not same_pillar:
            continue
        for organisation_id in orgs - own:
            shared_areas[organisation_id] |= areas
            if same_pillar:
                shared_pillars[organisation_id].add(pillar_of[pk])
            counts[organisation_id] += 1
    if not counts:
        return []

    organisations = Organisation.objects.visible_to(user).in_bulk(list(counts))
    area_names = {
        pk: str(area)
        for pk, area in Area.objects.visible_to(user)
        .filter(pk__in=set().union(*shared_areas.values()))
        .in_bulk()
        .items()
    }
    pillars = Pillar.objects.in_bulk(set().union(*shared_pillars.values()))
    people: dict[int, list[Any]] = defaultdict(list)
    if getattr(user, "is_authenticated", False) and can_view_programme_space(user, programme):
        for membership in (
            Membership.objects.filter(
                programme=programme,
                role=Membership.Role.FOCAL_POINT,
                user__is_active=True,
                user__organisation_id__in=list(organisations),
            )
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        ):
            people[membership.user.organisation_id].append(membership.user)

    found = []
    for organisation_id, record in organisations.items():
        found.append(
            Neighbour(
                organisation=record,
                areas=sorted(
                    area_names[pk] for pk in shared_areas[organisation_id] if pk in area_names
                ),
                pillars=[
                    str(pillars[pk])
                    for pk in sorted(
                        shared_pillars[organisation_id], key=lambda p: pillars[p].number
                    )
                ],
                activity_count=counts[organisation_id],
                focal_points=people[organisation_id],
            )
        )
    found.sort(key=lambda n: (not n.shares_both, -len(n.areas), str(n.organisation).lower()))
    return found
