"""Which activities may duplicate each other, how strongly, and why, in words.

Pure Python: no database and no models, so the same code scores the entry-time check (one
activity against up to a few hundred candidates), the programme-wide scan and the labelled
evaluation set (``workplan/tests/data/overlap_pairs.json``).

Wording is compared through language-neutral terms (``workplan.overlaps_text``): "casa de
acogida" and "safe house" both become ``shelter``, and generic words of the field (violence,
women, strengthen) weigh little.

An activity written in both languages is compared one language version against the other
activity's versions, and the best match counts: comparing the union would make a bilingual
activity look unlike its own English-only copy.

The score is the wording similarity multiplied by factors for place, time and pillar, so wording
dominates and context can only lower it: the same wording in another place, another year or
another pillar is usually another activity (a second district, the next annual campaign).
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from workplan.lexicon import AUDIENCES
from workplan.overlaps_text import (
    _CONCEPTS,
    _language,
    _terms_of_text,
    _weight,
)


@dataclass(frozen=True)
class ActivityFacts:
    id: int | None
    title_en: str
    title_es: str
    description_en: str
    description_es: str
    pillar_id: int | None
    area_ids: frozenset[int]
    start: datetime.date | None  # actual start if known, else planned
    end: datetime.date | None  # actual end if known, else planned
    organisation_ids: frozenset[int]  # lead and participants


@dataclass(frozen=True)
class Overlap:
    other_id: int | None
    score: float  # 0..1
    shared_area_ids: frozenset[int]
    same_pillar: bool
    overlap_days: int  # 0 when dates do not overlap or are unknown
    wording: float  # 0..1
    shared_terms: tuple[str, ...]


# Chosen on the "tune" split of the labelled set: the middle of the range 0.42-0.46 where F1 on
# it is highest (bench/overlaps.py prints the table; docs/benchmarks.md gives the held-out figures).
THRESHOLD: float = 0.44

# How context lowers the wording similarity. Known and disjoint places or dates are strong
# evidence of two activities (the same training in two districts, the campaign of next year);
# unknown ones are not evidence either way and cost a little.
AREA_DISJOINT = 0.35
AREA_UNKNOWN = 0.85
DATES_DISJOINT = 0.3
DATES_UNKNOWN = 0.9
PILLAR_DIFFERENT = 0.75
PILLAR_UNKNOWN = 0.95
# Both say whom they work with, and nobody in common (police against teachers).
AUDIENCE_DIFFERENT = 0.45
# Shared weight at which a short activity contained in a longer one counts fully: one specific
# concept in common is not enough to call two activities the same.
EVIDENCE = 3.0
# The same for titles: "Training workshop" twice is not yet the same activity.
TITLE_EVIDENCE = 3.0
# Terms at or above this weight are indexed (``terms_of``); generic ones would make every
# activity a candidate of every other.
INDEX_WEIGHT = 0.5

# --- per-activity features ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Version:
    """One language version of an activity: its terms with their weights."""

    all: dict[str, float]
    all_total: float
    title: dict[str, float]
    title_total: float


@dataclass(frozen=True)
class Prepared:
    facts: ActivityFacts
    versions: tuple[_Version, ...]
    surface: dict[str, str]
    audiences: frozenset[str]
    start: int | None  # ordinal days
    end: int | None


def _version(title: str, description: str, language: str) -> _Version:
    title_terms = _terms_of_text(title, _language(title, language)) if title else []
    description_terms = (
        _terms_of_text(description, _language(description, language)) if description else []
    )
    title_weights = {term: _weight(term) for term, _surface in title_terms}
    all_weights = dict(title_weights)
    for term, _surface in description_terms:
        all_weights[term] = _weight(term)
    return _Version(
        all_weights, sum(all_weights.values()), title_weights, sum(title_weights.values())
    )


@lru_cache(maxsize=20_000)
def prepare(facts: ActivityFacts) -> Prepared:
    """What scoring needs from an activity, computed once per facts object."""
    versions: list[_Version] = []
    surface: dict[str, str] = {}
    texts = {
        "en": (facts.title_en.strip(), facts.description_en.strip()),
        "es": (facts.title_es.strip(), facts.description_es.strip()),
    }
    for language, other in (("en", "es"), ("es", "en")):
        title, description = texts[language]
        if not title and not description:
            continue
        # A version missing its title or description borrows the other language's.
        title = title or texts[other][0]
        description = description or texts[other][1]
        version = _version(title, description, language)
        if version.all and version not in versions:
            versions.append(version)
        for text in (title, description):
            for term, word in _terms_of_text(text, _language(text, language)):
                surface.setdefault(term, word)
    # Whom the activity is for: its titles say it best; its description if they do not.
    audiences = frozenset(AUDIENCES[t] for v in versions for t in v.title if t in AUDIENCES)
    if not audiences:
        audiences = frozenset(AUDIENCES[t] for v in versions for t in v.all if t in AUDIENCES)
    start, end = facts.start or facts.end, facts.end or facts.start
    return Prepared(
        facts,
        tuple(versions),
        surface,
        audiences,
        start.toordinal() if start else None,
        end.toordinal() if end else None,
    )


def terms_of(facts: ActivityFacts) -> set[str]:
    """The language-neutral terms to index in the database (each at most 40 characters).

    Only discriminating terms: generic words of the field (violence, women…) would make every
    activity a candidate. Concepts are their ids ("shelter"), other words "w:" and a stem.
    """
    found: set[str] = set()
    for version in prepare(facts).versions:
        found.update(term for term, weight in version.all.items() if weight >= INDEX_WEIGHT)
    return {term[:40] for term in found}


# --- scoring -----------------------------------------------------------------------------------


def _similarity(
    a: dict[str, float], a_total: float, b: dict[str, float], b_total: float, evidence: float
) -> tuple[float, set[str]]:
    """Weighted similarity of two bags of terms, and the terms they share.

    The weighted Dice coefficient, or, when one side is much shorter (a title without a
    description against a full one), how much of the shorter is contained in the longer. Either
    counts only as far as the shared weight is real evidence: a few generic words in common are
    not the same activity however short the texts.
    """
    if not a or not b:
        return 0.0, set()
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0, shared
    weight = sum(a[t] for t in shared)
    dice = 2 * weight / (a_total + b_total)
    contained = weight / min(a_total, b_total)
    return max(dice, contained * min(1.0, weight / evidence)), shared


def _wording(a: Prepared, b: Prepared) -> tuple[float, set[str]]:
    best, best_shared = 0.0, set()
    for va in a.versions:
        for vb in b.versions:
            whole, shared = _similarity(va.all, va.all_total, vb.all, vb.all_total, EVIDENCE)
            title, _shared = _similarity(
                va.title, va.title_total, vb.title, vb.title_total, TITLE_EVIDENCE
            )
            # Titles carry the gist; a long description adds wording the other side may lack.
            value = max(whole, 0.5 * (whole + title))
            if value > best:
                best, best_shared = value, shared
    return min(best, 1.0), best_shared


def _context(a: Prepared, b: Prepared) -> float:
    """The product of the place, time, pillar and audience factors: at most 1, and the most the
    score can be, since wording is at most 1."""
    fa, fb = a.facts, b.facts
    if not fa.area_ids and not fb.area_ids:
        factor = 1.0  # both national, or both unplaced: the same scope
    elif not fa.area_ids or not fb.area_ids:
        factor = AREA_UNKNOWN
    elif fa.area_ids & fb.area_ids:
        factor = 1.0
    else:
        factor = AREA_DISJOINT
    if a.start is None or b.start is None or a.end is None or b.end is None:
        factor *= DATES_UNKNOWN
    elif min(a.end, b.end) < max(a.start, b.start):
        factor *= DATES_DISJOINT
    if fa.pillar_id is None or fb.pillar_id is None:
        factor *= PILLAR_UNKNOWN
    elif fa.pillar_id != fb.pillar_id:
        factor *= PILLAR_DIFFERENT
    if a.audiences and b.audiences and not a.audiences & b.audiences:
        factor *= AUDIENCE_DIFFERENT
    return factor


def _score(a: Prepared, b: Prepared, threshold: float = 0.0) -> Overlap | None:
    """The overlap of ``b`` with ``a``, or None when it scores below ``threshold``."""
    context = _context(a, b)
    if context < threshold - 1e-4:
        return None
    wording, shared = _wording(a, b)
    score = round(wording * context, 4)  # compared as reported
    if score < threshold:
        return None
    fa, fb = a.facts, b.facts
    overlap_days = 0
    if a.start is not None and b.start is not None and a.end is not None and b.end is not None:
        overlap_days = max(0, min(a.end, b.end) - max(a.start, b.start) + 1)
    ordered = sorted(shared, key=lambda t: (-_weight(t), t))
    telling = [t for t in ordered if _weight(t) >= INDEX_WEIGHT] or ordered
    return Overlap(
        other_id=fb.id,
        score=score,
        shared_area_ids=frozenset(fa.area_ids & fb.area_ids),
        same_pillar=fa.pillar_id is not None and fa.pillar_id == fb.pillar_id,
        overlap_days=overlap_days,
        wording=round(wording, 4),
        shared_terms=tuple(a.surface.get(t, t) for t in telling[:8]),
    )


def score_pair(a: ActivityFacts, b: ActivityFacts) -> Overlap:
    """How much ``b`` looks like a duplicate of ``a`` (``other_id`` is ``b.id``)."""
    overlap = _score(prepare(a), prepare(b))
    assert overlap is not None  # no threshold, always measured
    return overlap


def rank(
    candidate: ActivityFacts,
    others: Iterable[ActivityFacts],
    *,
    threshold: float = THRESHOLD,
    limit: int = 10,
) -> list[Overlap]:
    """The activities ``candidate`` may duplicate, highest score first."""
    prepared = prepare(candidate)
    found = []
    for other in others:
        if candidate.id is not None and other.id == candidate.id:
            continue
        overlap = _score(prepared, prepare(other), threshold)
        if overlap is not None:
            found.append(overlap)
    found.sort(key=lambda o: (-o.score, o.other_id if o.other_id is not None else -1))
    return found[:limit]


def scan(
    facts: Iterable[ActivityFacts], *, threshold: float = THRESHOLD
) -> list[tuple[int, int, Overlap]]:
    """Every pair of activities scoring at least ``threshold``, highest first.

    Pairs are found through an inverted index rather than by scoring all n² pairs, and no pair
    that ``score_pair`` would rate at or above the threshold is lost:

    - Wording. A pair reaches the threshold only if its wording similarity does, so either the
      whole texts or the titles are that similar, which needs shared weight of at least
      ``threshold × min(EVIDENCE, TITLE_EVIDENCE, title weight / 2)`` on each side (titles are
      part of the whole). Each version therefore indexes only its rarest terms, up to the point
      where what is left could not reach that (prefix filtering); the rarest term two activities
      share is then in both prefixes. Rarity is the number of activities using a term here.
    - Place. While ``AREA_DISJOINT`` is below the threshold, two activities with areas but none
      in common cannot reach it, so terms are indexed per area; activities without areas meet
      every other through the terms alone.
    - Time and the rest: a pair whose context factors alone fall below the threshold is dropped
      before its wording is compared.

    Returns (id, other id, overlap) with id < other id; activities need an id.
    """
    items = [prepare(f) for f in facts]
    frequency: dict[str, int] = defaultdict(int)
    for item in items:
        seen: set[str] = set()
        for version in item.versions:
            seen.update(version.all)
        for term in seen:
            frequency[term] += 1

    by_place = threshold - 1e-4 > AREA_DISJOINT
    placed: dict[tuple[str, int], list[int]] = defaultdict(list)  # (term, area) → activities
    unplaced: dict[str, list[int]] = defaultdict(list)  # term → activities without areas
    every: dict[str, list[int]] = defaultdict(list)  # term → all activities
    found: list[tuple[int, int, Overlap]] = []
    for position, item in enumerate(items):
        prefix: set[str] = set()
        for version in item.versions:
            weight = version.title_total or version.all_total
            # Less a rounding margin: scores are compared rounded to four places.
            need = (threshold - 1e-4) * min(EVIDENCE, TITLE_EVIDENCE, weight / 2)
            remaining = version.all_total
            for term in sorted(version.all, key=lambda t: (frequency[t], t)):
                if remaining < need:
                    break
                prefix.add(term)
                remaining -= version.all[term]
        areas = item.facts.area_ids
        candidates: set[int] = set()
        for term in prefix:
            if not by_place or not areas:
                candidates.update(every[term])
            else:
                candidates.update(unplaced[term])
                for area in areas:
                    candidates.update(placed[term, area])
            every[term].append(position)
            if areas:
                for area in areas:
                    placed[term, area].append(position)
            else:
                unplaced[term].append(position)
        for other in candidates:
            overlap = _score(items[other], item, threshold)
            if overlap is not None:
                a_id, b_id = items[other].facts.id, item.facts.id
                assert a_id is not None and b_id is not None, "scan needs activities with an id"
                found.append((min(a_id, b_id), max(a_id, b_id), overlap))
    found.sort(key=lambda row: (-row[2].score, row[0], row[1]))
    return found


# --- in words ----------------------------------------------------------------------------------


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def term_label(term: str) -> str:
    """A shared term as people read it, in the active language."""
    concept = _CONCEPTS.get(term)
    if concept is None:
        return term
    return concept.label_es if (get_language() or "en").startswith("es") else concept.label_en


def reasons(
    overlap: Overlap, *, area_names: Mapping[int, str], pillar_name: str | None
) -> list[str]:
    """Why two activities may be duplicates, as translated sentences."""
    sentences = []
    names = sorted(area_names.get(area, str(area)) for area in overlap.shared_area_ids)
    if names:
        shown = (
            names
            if len(names) <= 4
            else [*names[:3], _("%(count)d more") % {"count": len(names) - 3}]
        )
        sentences.append(_("Both take place in %(places)s.") % {"places": _join(shown)})
    if overlap.same_pillar:
        if pillar_name:
            sentences.append(_("Same pillar: %(pillar)s.") % {"pillar": pillar_name})
        else:
            sentences.append(_("Same pillar."))
    if overlap.overlap_days:
        months = round(overlap.overlap_days / 30.44)
        if months >= 1:
            sentences.append(
                ngettext(
                    "Dates overlap by %(count)d month.",
                    "Dates overlap by %(count)d months.",
                    months,
                )
                % {"count": months}
            )
        else:
            sentences.append(
                ngettext(
                    "Dates overlap by %(count)d day.",
                    "Dates overlap by %(count)d days.",
                    overlap.overlap_days,
                )
                % {"count": overlap.overlap_days}
            )
    if overlap.wording > 0 and overlap.shared_terms:
        sentences.append(
            _("Similar wording (%(percent)d%%): %(terms)s.")
            % {
                "percent": round(overlap.wording * 100),
                "terms": ", ".join(term_label(t) for t in overlap.shared_terms),
            }
        )
    return sentences


# --- material change ---------------------------------------------------------------------------


def material_signature(facts: ActivityFacts) -> str:
    """A stable hash of what matters materially: pillar, areas, dates to the month, the terms.

    A decided pair is raised again only when the signature of one side changes, so editing a
    typo or a sentence that keeps the same terms does not reopen it.
    """

    def month(day: datetime.date | None) -> str:
        return day.strftime("%Y-%m") if day else "-"

    parts = [
        str(facts.pillar_id) if facts.pillar_id is not None else "-",
        ",".join(str(area) for area in sorted(facts.area_ids)),
        month(facts.start),
        month(facts.end),
        ",".join(sorted(terms_of(facts))),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
