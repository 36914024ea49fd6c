"""Turning activities (saved, or being typed in a form) into ``overlaps.ActivityFacts``.

Areas are expanded with the areas that contain them, up to but not including the country level,
so that an activity in a community overlaps one in the district around it, while two activities in
different corners of the same country do not overlap merely by sharing the country (see
docs/workplan.md). The index of terms, the scores and the material signatures all see the same
expanded set.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from programmes.models import Area
from workplan.models import Activity, Participation
from workplan.overlaps import ActivityFacts


@dataclass(frozen=True)
class AreaTree:
    """Parent and level of every area of some programmes, read in one query."""

    parent: dict[int, int | None]
    level: dict[int, int]

    @classmethod
    def of(cls, programme_ids: Iterable[int]) -> AreaTree:
        rows = Area.objects.filter(programme_id__in=set(programme_ids)).values_list(
            "pk", "parent_id", "level"
        )
        parent: dict[int, int | None] = {}
        level: dict[int, int] = {}
        for pk, parent_id, area_level in rows:
            parent[pk] = parent_id
            level[pk] = area_level
        return cls(parent=parent, level=level)

    def expand(self, area_ids: Iterable[int]) -> frozenset[int]:
        """The areas and every area containing them, except the country level."""
        result: set[int] = set()
        for area_id in area_ids:
            result.add(area_id)
            ancestor = self.parent.get(area_id)
            seen = 0
            while ancestor is not None and seen < 16:
                if self.level.get(ancestor) != Area.Level.COUNTRY:
                    result.add(ancestor)
                ancestor = self.parent.get(ancestor)
                seen += 1
        return frozenset(result)


def build_facts(
    *,
    activity_id: int | None,
    title_en: str = "",
    title_es: str = "",
    description_en: str = "",
    description_es: str = "",
    pillar_id: int | None = None,
    area_ids: Iterable[int] = (),
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    actual_start: datetime.date | None = None,
    actual_end: datetime.date | None = None,
    organisation_ids: Iterable[int | None] = (),
    tree: AreaTree,
) -> ActivityFacts:
    return ActivityFacts(
        id=activity_id,
        title_en=title_en or "",
        title_es=title_es or "",
        description_en=description_en or "",
        description_es=description_es or "",
        pillar_id=pillar_id,
        area_ids=tree.expand(area_ids),
        start=actual_start or planned_start,
        end=actual_end or planned_end,
        organisation_ids=frozenset(pk for pk in organisation_ids if pk is not None),
    )


_FACT_FIELDS = (
    "pk",
    "programme_id",
    "title_en",
    "title_es",
    "description_en",
    "description_es",
    "pillar_id",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "lead_organisation_id",
)


def facts_for(
    activity_ids: Iterable[int], *, tree: AreaTree | None = None
) -> dict[int, ActivityFacts]:
    """Facts of saved activities, in four queries whatever their number."""
    ids = list(dict.fromkeys(activity_ids))
    if not ids:
        return {}
    rows = list(Activity.objects.filter(pk__in=ids).values(*_FACT_FIELDS))
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
    if tree is None:
        tree = AreaTree.of(row["programme_id"] for row in rows)
    return {
        row["pk"]: build_facts(
            activity_id=row["pk"],
            title_en=row["title_en"],
            title_es=row["title_es"],
            description_en=row["description_en"],
            description_es=row["description_es"],
            pillar_id=row["pillar_id"],
            area_ids=areas[row["pk"]],
            planned_start=row["planned_start"],
            planned_end=row["planned_end"],
            actual_start=row["actual_start"],
            actual_end=row["actual_end"],
            organisation_ids={row["lead_organisation_id"], *organisations[row["pk"]]},
            tree=tree,
        )
        for row in rows
    }
