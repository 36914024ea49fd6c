"""The labelled evaluation set of the duplicate scorer, and precision and recall on it.

Shared by the tests (which assert the figures) and ``bench/overlaps.py`` (which prints them). The
set is ``workplan/tests/data/overlap_pairs.json``; its "about" field says how pairs are labelled.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workplan.overlaps import ActivityFacts, score_pair

PAIRS_PATH = Path(__file__).resolve().parent / "tests" / "data" / "overlap_pairs.json"
SPLITS = ("tune", "test", "holdout", "all")


@dataclass(frozen=True)
class LabelledPair:
    a: ActivityFacts
    b: ActivityFacts
    duplicate: bool
    kind: str
    languages: str
    split: str


@dataclass(frozen=True)
class Figures:
    threshold: float
    pairs: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        duplicates = self.true_positives + self.false_negatives
        return self.true_positives / duplicates if duplicates else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def facts_from(number: int, record: dict) -> ActivityFacts:  # type: ignore[type-arg]
    return ActivityFacts(
        id=number,
        title_en=record["title_en"],
        title_es=record["title_es"],
        description_en=record["description_en"],
        description_es=record["description_es"],
        pillar_id=record["pillar"],
        area_ids=frozenset(record["areas"]),
        start=_date(record["start"]),
        end=_date(record["end"]),
        organisation_ids=frozenset(record["organisations"]),
    )


@cache
def load() -> tuple[dict[int, str], dict[str, ActivityFacts], tuple[LabelledPair, ...]]:
    """Area names, activities by key and the labelled pairs."""
    data = json.loads(PAIRS_PATH.read_text(encoding="utf-8"))
    activities = {
        key: facts_from(number, record)
        for number, (key, record) in enumerate(sorted(data["activities"].items()), start=1)
    }
    pairs = tuple(
        LabelledPair(
            activities[p["a"]],
            activities[p["b"]],
            p["label"] == "duplicate",
            p["kind"],
            p["languages"],
            p["split"],
        )
        for p in data["pairs"]
    )
    return {int(k): v for k, v in data["areas"].items()}, activities, pairs


def pairs_of(split: str) -> list[LabelledPair]:
    pairs = load()[2]
    return [p for p in pairs if split == "all" or p.split == split]


def scored(split: str) -> list[tuple[LabelledPair, float]]:
    return [(pair, score_pair(pair.a, pair.b).score) for pair in pairs_of(split)]


def figures(scores: Iterable[tuple[LabelledPair, float]], threshold: float) -> Figures:
    tp = fp = fn = n = 0
    for pair, score in scores:
        n += 1
        flagged = score >= threshold
        tp += flagged and pair.duplicate
        fp += flagged and not pair.duplicate
        fn += (not flagged) and pair.duplicate
    return Figures(threshold, n, tp, fp, fn)


def evaluate(split: str, threshold: float) -> Figures:
    return figures(scored(split), threshold)
