"""Reads for the programme-wide duplicate review: candidate pairs, highest first, and decided pairs.

Candidates come from ``overlaps.scan`` over the programme's activities the reader may read
(cancelled ones left out), less the pairs with a standing decision: one whose material signatures
(``overlaps.material_signature``) still match both sides. A pair whose side changed materially
comes back, with the earlier decision shown beside it. Nothing is ever merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from programmes.models import Area, Programme
from workplan import overlaps
from workplan.facts import AreaTree, facts_for
from workplan.models import Activity, ActivityStatus, OverlapDecision
from workplan.selectors import activities_visible_to

Row = tuple[int, int, overlaps.Overlap]

# The scan of a large programme takes seconds (5.5 s at 10,000 activities): each process keeps its
# answer for the exact facts it scanned, so reopening the list costs reading the facts only.
SCAN_CACHE_SECONDS = 600


@dataclass
class Pair:
    """A candidate pair ready to show: both activities, the score, the reasons in words."""

    first: Activity
    second: Activity
    overlap: overlaps.Overlap
    reasons: list[str]
    earlier: OverlapDecision | None = None  # a decision made before one side changed

    @property
    def percent(self) -> int:
        return round(self.overlap.score * 100)


def _visible_ids(user: Any, programme: Programme) -> QuerySet[Activity]:
    return (
        activities_visible_to(user)
        .filter(programme=programme)
        .exclude(status=ActivityStatus.CANCELLED)
    )


def standing(
    decisions: Sequence[OverlapDecision], facts: dict[int, overlaps.ActivityFacts]
) -> set[tuple[int, int]]:
    """The pairs whose decision still holds: neither side has changed materially since."""
    return {
        (d.activity_a_id, d.activity_b_id)
        for d in decisions
        if d.activity_a_id in facts
        and d.activity_b_id in facts
        and d.signature_a == overlaps.material_signature(facts[d.activity_a_id])
        and d.signature_b == overlaps.material_signature(facts[d.activity_b_id])
    }


def _canonical(item: overlaps.ActivityFacts) -> tuple[Any, ...]:
    return tuple(
        sorted(value) if isinstance(value, frozenset) else value for value in astuple(item)
    )


def _scan(facts: list[overlaps.ActivityFacts]) -> list[Row]:
    """``overlaps.scan`` of these facts, kept while none of them changes (the key is their digest)."""
    digest = hashlib.sha256(repr([_canonical(item) for item in facts]).encode()).hexdigest()
    key = f"workplan:scan:{digest}"
    found = cache.get(key)
    if found is None:
        found = overlaps.scan(facts)
        cache.set(key, found, SCAN_CACHE_SECONDS)
    return found


def review_candidates(*, user: Any, programme: Programme) -> list[Row]:
    """Every pair of the reader's visible activities that may be duplicates and is undecided (or
    decided before a material change), highest score first. A fixed number of queries."""
    ids = list(_visible_ids(user, programme).values_list("pk", flat=True))
    facts = facts_for(ids, tree=AreaTree.of([programme.pk]))
    found = _scan(list(facts.values()))
    decisions = list(
        OverlapDecision.objects.filter(programme=programme).only(
            "activity_a_id", "activity_b_id", "signature_a", "signature_b"
        )
    )
    settled = standing(decisions, facts)
    return [row for row in found if (row[0], row[1]) not in settled]


def describe_pairs(rows: Sequence[Row], *, user: Any, programme: Programme) -> list[Pair]:
    """Titles, lead organisations, reasons in words and earlier decisions, in four queries."""
    if not rows:
        return []
    ids = {pk for a_id, b_id, _o in rows for pk in (a_id, b_id)}
    activities = (
        activities_visible_to(user)
        .filter(programme=programme, pk__in=ids)
        .select_related("lead_organisation", "pillar")
        .in_bulk()
    )
    area_ids = set().union(*(overlap.shared_area_ids for _a, _b, overlap in rows))
    area_names = {
        pk: str(area)
        for pk, area in Area.objects.visible_to(user).filter(pk__in=area_ids).in_bulk().items()
    }
    for pk in area_ids - set(area_names):
        area_names[pk] = _("an area you may not see")
    earlier = {
        (d.activity_a_id, d.activity_b_id): d
        for d in OverlapDecision.objects.filter(
            programme=programme, activity_a_id__in=ids, activity_b_id__in=ids
        ).select_related("decided_by")
    }
    pairs = []
    for a_id, b_id, overlap in rows:
        if a_id not in activities or b_id not in activities:
            continue
        first, second = activities[a_id], activities[b_id]
        pairs.append(
            Pair(
                first=first,
                second=second,
                overlap=overlap,
                reasons=list(
                    overlaps.reasons(overlap, area_names=area_names, pillar_name=str(first.pillar))
                ),
                earlier=earlier.get((a_id, b_id)),
            )
        )
    return pairs


def pair_of(*, user: Any, programme: Programme, first: int, second: int) -> Pair | None:
    """One pair, scored now, whatever its score; None unless the reader may read both."""
    a_id, b_id = sorted((first, second))
    if a_id == b_id:
        return None
    facts = facts_for([a_id, b_id])
    if set(facts) != {a_id, b_id}:
        return None
    overlap = overlaps.score_pair(facts[a_id], facts[b_id])
    pairs = describe_pairs([(a_id, b_id, overlap)], user=user, programme=programme)
    return pairs[0] if pairs else None


def decided_pairs(*, user: Any, programme: Programme) -> QuerySet[OverlapDecision]:
    """Decisions on pairs of activities the reader may read, newest first."""
    visible = activities_visible_to(user).filter(programme=programme).values("pk")
    return (
        OverlapDecision.objects.filter(
            programme=programme, activity_a__in=visible, activity_b__in=visible
        )
        .select_related(
            "activity_a",
            "activity_b",
            "activity_a__lead_organisation",
            "activity_b__lead_organisation",
            "decided_by",
        )
        .order_by("-decided_at", "-pk")
    )


def still_standing(decisions: Sequence[OverlapDecision]) -> set[tuple[int, int]]:
    """Of these decisions, the pairs neither side of which has changed since (four queries)."""
    ids = {pk for d in decisions for pk in (d.activity_a_id, d.activity_b_id)}
    return standing(decisions, facts_for(ids))
