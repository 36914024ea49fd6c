"""Reads for the joint workplan. Which rows a user may read is decided in core.permissions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from core.permissions import visible_q
from programmes.models import Area, GovernmentPriority, Pillar, Programme
from workplan import overlaps
from workplan.facts import facts_for
from workplan.models import (
    Activity,
    ActivityStatus,
    ActivityTerm,
    OverlapDecision,
    Participation,
    TargetGroup,
)

# How many activities sharing the most terms are scored at entry time.
CANDIDATE_POOL = 80
# A term that this many activities of the programme share says little about which of them a new
# one duplicates, and counting it costs a row per activity: the candidate query leaves it out
# while rarer terms remain to go on.
COMMON_TERM_SHARE = 0.05
COMMON_TERM_FLOOR = 200


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    return Activity.objects.visible_to(user)


def _descendants(model: type, root_id: int) -> set[int]:
    """The record and every record within it (areas, priorities), read in one query."""
    root = model.objects.filter(pk=root_id).values_list("programme_id", flat=True).first()
    if root is None:
        return {root_id}
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in model.objects.filter(programme_id=root).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def activity_list(
    *,
    user: Any,
    programme: Programme | None = None,
    pillar: Pillar | int | None = None,
    area: Area | int | None = None,
    organisation: Any = None,
    status: int | None = None,
    group: TargetGroup | str | None = None,
    priority: GovernmentPriority | int | None = None,
    query: str = "",
) -> QuerySet[Activity]:
    """The activities ``user`` may read, filtered; an area or priority includes what lies within."""
    activities = activities_visible_to(user)
    if programme is not None:
        activities = activities.filter(programme=programme)
    if pillar is not None:
        activities = activities.filter(pillar=pillar)
    if status is not None:
        activities = activities.filter(status=status)
    if area is not None:
        area_ids = _descendants(Area, getattr(area, "pk", area))
        activities = activities.filter(
            pk__in=Activity.areas.through.objects.filter(area_id__in=area_ids).values("activity_id")
        )
    if priority is not None:
        priority_ids = _descendants(GovernmentPriority, getattr(priority, "pk", priority))
        activities = activities.filter(
            pk__in=Activity.priorities.through.objects.filter(
                governmentpriority_id__in=priority_ids
            ).values("activity_id")
        )
    if organisation is not None:
        organisation_id = getattr(organisation, "pk", organisation)
        activities = activities.filter(
            Q(lead_organisation_id=organisation_id)
            | Q(
                pk__in=Participation.objects.filter(organisation_id=organisation_id).values(
                    "activity_id"
                )
            )
        )
    if group is not None:
        through = Activity.groups.through.objects
        links = (
            through.filter(targetgroup__code=group)
            if isinstance(group, str)
            else through.filter(targetgroup=group)
        )
        activities = activities.filter(pk__in=links.values("activity_id"))
    query = (query or "").strip()
    if query:
        activities = activities.filter(
            Q(title_en__icontains=query)
            | Q(title_es__icontains=query)
            | Q(description_en__icontains=query)
            | Q(description_es__icontains=query)
            | Q(iati_identifier__icontains=query)
        )
    return activities


def with_related(activities: QuerySet[Activity], *, user: Any) -> QuerySet[Activity]:
    """What a list or a detail shows about each activity, in a fixed number of queries.

    Areas and priorities are those the reader may see: a public activity does not reveal the name
    of an area its programme keeps to itself.
    """
    return activities.select_related(
        "programme", "lead_organisation", "pillar", "output"
    ).prefetch_related(
        Prefetch("areas", queryset=Area.objects.visible_to(user).order_by("level", "name")),
        Prefetch(
            "priorities",
            queryset=GovernmentPriority.objects.visible_to(user).order_by("framework", "code"),
        ),
        Prefetch("groups", queryset=TargetGroup.objects.order_by("order", "code")),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("organisation").order_by("role", "pk"),
        ),
    )


# --- Possible duplicates ----------------------------------------------------------------------


@dataclass
class Candidate:
    """One possible duplicate, ready to show: the activity, its score and the reasons in words."""

    activity: Activity
    overlap: overlaps.Overlap
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.overlap.score * 100)


def _decided_and_unchanged(
    facts: overlaps.ActivityFacts, others: dict[int, overlaps.ActivityFacts]
) -> set[int]:
    """Others whose pair with ``facts`` has a decision and neither side changed materially since."""
    if facts.id is None or not others:
        return set()
    decisions = OverlapDecision.objects.filter(
        Q(activity_a_id=facts.id, activity_b_id__in=list(others))
        | Q(activity_b_id=facts.id, activity_a_id__in=list(others))
    ).values_list("activity_a_id", "activity_b_id", "signature_a", "signature_b")
    mine = overlaps.material_signature(facts)
    settled = set()
    for a_id, b_id, signature_a, signature_b in decisions:
        other_id = b_id if a_id == facts.id else a_id
        own_then, other_then = (
            (signature_a, signature_b) if a_id == facts.id else (signature_b, signature_a)
        )
        if own_then == mine and other_then == overlaps.material_signature(others[other_id]):
            settled.add(other_id)
    return settled


def overlap_candidates(
    facts: overlaps.ActivityFacts,
    programme: Programme | int,
    exclude_id: int | None = None,
    *,
    user: Any = None,
    limit: int = 10,
) -> list[overlaps.Overlap]:
    """The existing activities ``facts`` may duplicate, best first.

    Reads the term index for the ``CANDIDATE_POOL`` activities sharing the most terms (counted in
    SQL), scores them with ``overlaps.rank`` and leaves out pairs a coordinator has decided on
    while neither side has changed materially. Cancelled activities are not candidates. With
    ``user``, only activities that person may read are considered; ``None`` means every
    activity of the programme (for the programme-wide review and scripts).
    """
    terms = list(overlaps.terms_of(facts))
    if not terms:
        return []
    programme_id = getattr(programme, "pk", programme)
    exclude_id = exclude_id if exclude_id is not None else facts.id
    terms = _telling_terms(programme_id, terms)
    rows = ActivityTerm.objects.filter(programme_id=programme_id, term__in=terms).exclude(
        activity__status=ActivityStatus.CANCELLED
    )
    if exclude_id is not None:
        rows = rows.exclude(activity_id=exclude_id)
    if user is not None:
        rows = rows.filter(
            visible_q(
                user, programme_path="activity__programme", visibility_field="activity__visibility"
            )
        )
    pool = [
        row["activity_id"]
        for row in rows.values("activity_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "activity_id")[:CANDIDATE_POOL]
    ]
    others = facts_for(pool)
    settled = _decided_and_unchanged(facts, others)
    return overlaps.rank(
        facts, [item for pk, item in others.items() if pk not in settled], limit=limit
    )


def _telling_terms(programme_id: int, terms: list[str]) -> list[str]:
    """The terms to find candidates by: without the common ones, unless fewer than two remain."""
    counts = dict(
        ActivityTerm.objects.filter(programme_id=programme_id, term__in=terms)
        .values_list("term")
        .annotate(count=Count("pk"))
        .values_list("term", "count")
    )
    largest = max(counts.values(), default=0)
    if largest <= COMMON_TERM_FLOOR:
        return terms
    total = Activity.objects.filter(programme_id=programme_id).count()
    limit = max(COMMON_TERM_FLOOR, COMMON_TERM_SHARE * total)
    rare = [term for term in terms if counts.get(term, 0) <= limit]
    return rare if len(rare) >= 2 else terms


def describe_candidates(
    found: Iterable[overlaps.Overlap],
    *,
    facts: overlaps.ActivityFacts,
    user: Any,
) -> list[Candidate]:
    """Titles, lead organisations and reasons in words for the overlaps found, in three queries."""
    found = [item for item in found if item.other_id is not None]
    if not found:
        return []
    activities = {
        activity.pk: activity
        for activity in activities_visible_to(user)
        .filter(pk__in=[item.other_id for item in found])
        .select_related("lead_organisation", "pillar")
    }
    area_ids = set().union(*(item.shared_area_ids for item in found))
    area_names = {
        pk: str(area)
        for pk, area in Area.objects.visible_to(user).filter(pk__in=area_ids).in_bulk().items()
    }
    for pk in area_ids - set(area_names):
        area_names[pk] = _("an area you may not see")
    pillar_name = None
    if facts.pillar_id is not None:
        pillar = Pillar.objects.filter(pk=facts.pillar_id).first()
        pillar_name = str(pillar) if pillar else None
    return [
        Candidate(
            activity=activities[item.other_id],
            overlap=item,
            reasons=list(overlaps.reasons(item, area_names=area_names, pillar_name=pillar_name)),
        )
        for item in found
        if item.other_id in activities
    ]


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    what: str


def activity_history(activity: Activity, limit: int = 25) -> list[HistoryEntry]:
    """The latest changes to an activity and to its list of participating organisations."""
    actions = {"+": _("created"), "~": _("changed"), "-": _("removed")}
    entries = [
        HistoryEntry(
            row.history_date, row.history_user, f"{_('Activity')}: {actions[row.history_type]}"
        )
        for row in Activity.history.filter(id=activity.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    ]
    for row in (
        Participation.history.filter(activity_id=activity.pk)
        .select_related("history_user", "organisation")
        .order_by("-history_date")[:limit]
    ):
        entries.append(
            HistoryEntry(
                row.history_date,
                row.history_user,
                _("Organisation taking part: %(name)s, %(role)s, %(action)s")
                % {
                    "name": row.organisation,
                    "role": row.get_role_display(),
                    "action": actions[row.history_type],
                },
            )
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
