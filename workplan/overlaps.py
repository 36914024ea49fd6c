"""Which activities may duplicate each other, how strongly, and why, in words.

Pure Python: no database and no models, so the same code scores the entry-time check (one
activity against up to a few hundred candidates), the programme-wide scan and the labelled
evaluation set (``workplan/tests/data/overlap_pairs.json``).

Wording is compared through language-neutral terms. Text is folded (lower case, no accents),
split into words, stripped of the stop words of both languages and stemmed with the Snowball
stemmer of the language it is written in; runs of stems that the bilingual lexicon
(``workplan.lexicon``) knows become one concept ("casa de acogida" and "safe house" both become
``shelter``), other words stay as the first seven letters of their stem, which also brings many
cognates together (protocol/protocolo, coordination/coordinación). Each term weighs what the
lexicon says about its rarity; generic words of the field (violence, women, strengthen) weigh
little.

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
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from workplan.lexicon import AUDIENCES, TABLE, WEIGHTS


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
# A word the lexicon does not know: usually specific (a place, an acronym, a technical word), but
# it may also be an ordinary word the stop lists miss.
WORD_WEIGHT = 0.6
# Shared weight at which a short activity contained in a longer one counts fully: one specific
# concept in common is not enough to call two activities the same.
EVIDENCE = 3.0
# The same for titles: "Training workshop" twice is not yet the same activity.
TITLE_EVIDENCE = 3.0
# Terms at or above this weight are indexed (``terms_of``); generic ones would make every
# activity a candidate of every other.
INDEX_WEIGHT = 0.5

_WORD = re.compile(r"[a-z0-9]+")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_EN = _word_set(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with within
    without would you your yours per via across among including include includes along around
    upon us new well etc e g ie eg"""
)
_STOP_ES = _word_set(
    """a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde
    durante e el ella ellas ellos en entre era eran es esa esas ese eso esos esta estas este esto
    estos fue fueron ha han hasta hay la las le les lo los mas me mi mis muy ni no nos nuestra
    nuestras nuestro nuestros o otra otras otro otros para pero por que quien quienes se sea ser
    si sin sobre su sus tambien tanto te tiene tienen toda todas todo todos tu un una unas uno unos
    y ya asi cada mediante segun hacia tras dentro nuevo nueva nuevos nuevas etc"""
)
_STOP = _STOP_EN | _STOP_ES
# Words that tell the languages apart in a sentence ("de" and "la" are Spanish, "the" English).
_MARK_EN = _word_set("the and of for with to in on by from is are this that")
_MARK_ES = _word_set("el la los las de del y para con en por que un una al se")
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "es": snowballstemmer.stemmer("spanish")}
_WORD_PREFIX = 7


def fold(text: str) -> str:
    """Lower case without accents: "Atención" → "atencion"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def _stem(word: str, language: str) -> str:
    return _STEMMERS[language].stemWord(word)


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in _STOP and (len(w) > 1 or w.isdigit())]


def _language(text: str, default: str) -> str:
    """The language a text is written in, by its function words; ``default`` when unclear."""
    words = _WORD.findall(fold(text))
    english = sum(w in _MARK_EN for w in words)
    spanish = sum(w in _MARK_ES for w in words)
    if english > spanish:
        return "en"
    if spanish > english:
        return "es"
    return default


# --- the lexicon, compiled once -------------------------------------------------------------


@dataclass(frozen=True)
class _Concept:
    id: str
    weight: float
    label_en: str
    label_es: str


def _compile() -> tuple[dict[str, _Concept], dict[str, dict[tuple[str, ...], str]], int]:
    """The concepts, and for each language the phrases that name them.

    Each variant is registered twice: as its folded words, and as their stems. Matching tries
    the words first, so where two concepts share a stem ("comunicación" and "comunidad" are both
    "comun" to the Spanish stemmer) the forms the table lists still go to the right one, and
    forms it does not list fall back on stems.
    """
    concepts: dict[str, _Concept] = {}
    phrases: dict[str, dict[tuple[str, ...], str]] = {"en": {}, "es": {}}
    longest = 1
    stemmed: list[tuple[str, tuple[str, ...], str]] = []
    for line in TABLE.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        concept_id, weight_code, english, spanish = (part.strip() for part in line.split("|"))
        variants = {
            "en": [v.strip() for v in english.split(";") if v.strip()],
            "es": [v.strip() for v in spanish.split(";") if v.strip()],
        }
        concepts[concept_id] = _Concept(
            concept_id,
            WEIGHTS[weight_code],
            (variants["en"] or variants["es"])[0],
            (variants["es"] or variants["en"])[0],
        )
        for language, texts in variants.items():
            for variant in texts:
                # An acronym (GBV, VBG, CEDAW) may appear in the text of either language.
                languages = ("en", "es") if variant == variant.upper() else (language,)
                words = tuple(_content_words(variant))
                if not words:
                    continue
                longest = max(longest, len(words))
                for text_language in languages:
                    # Exact words win over stems; the first concept to claim a key keeps it.
                    phrases[text_language].setdefault(("=", *words), concept_id)
                    stems = tuple(_stem(w, text_language) for w in words)
                    stemmed.append((text_language, stems, concept_id))
    for language, stems, concept_id in stemmed:
        phrases[language].setdefault(stems, concept_id)
    return concepts, phrases, longest


_CONCEPTS, _PHRASES, _LONGEST = _compile()
# The words and stems that can start a phrase, with the longest phrase each starts: most words
# start none, and are passed over without building a key.
_STARTS: dict[str, dict[str, int]] = {"en": {}, "es": {}}
for _language_code, _keys in _PHRASES.items():
    for _key in _keys:
        _first, _length = (_key[1], len(_key) - 1) if _key[0] == "=" else (_key[0], len(_key))
        _STARTS[_language_code][_first] = max(_STARTS[_language_code].get(_first, 0), _length)


@lru_cache(maxsize=100_000)
def _word_term(word: str) -> str:
    """The term of a word the lexicon does not know: what its English and Spanish stems share,
    at most seven letters, so "Mendoza" is one term in both languages and many cognates meet
    (protocol/protocolo, coordination/coordinación)."""
    english, spanish = _stem(word, "en"), _stem(word, "es")
    length = 0
    while length < min(len(english), len(spanish)) and english[length] == spanish[length]:
        length += 1
    common = english[:length]
    return "w:" + (common if len(common) >= 3 else word)[:_WORD_PREFIX]


def _match(words: list[str], stems: list[str], language: str) -> list[tuple[str, str]]:
    """Greedy longest match of lexicon phrases, exact words first; an empty term where none."""
    phrases, starts = _PHRASES[language], _STARTS[language]
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        longest = max(starts.get(words[i], 0), starts.get(stems[i], 0))
        for length in range(min(longest, len(words) - i), 0, -1):
            concept = phrases.get(("=", *words[i : i + length])) or phrases.get(
                tuple(stems[i : i + length])
            )
            if concept is not None:
                found.append((concept, concept))
                i += length
                break
        else:
            found.append(("", words[i]))
            i += 1
    return found


@lru_cache(maxsize=50_000)
def _terms_of_text(text: str, language: str) -> tuple[tuple[str, str], ...]:
    """(term, surface word) for each concept or word in ``text``.

    Phrases with numbers in them ("16 días", "Convenio 190") are matched first; other numbers
    are then taken out so that they do not break a phrase ("línea 114 de atención"), and count
    as terms themselves when short (a hotline number, not a year).
    """
    words = _content_words(text)
    stems = [_stem(w, language) for w in words]
    phrases = _PHRASES[language]
    found: list[tuple[str, str]] = []
    rest_words: list[str] = []
    rest_stems: list[str] = []
    if any(w.isdigit() for w in words):
        # Numbers inside a phrase of the lexicon stay with it; the others stand alone.
        i = 0
        while i < len(words):
            matched = 0
            for length in range(min(_LONGEST, len(words) - i), 1, -1):
                window = words[i : i + length]
                if not any(w.isdigit() for w in window):
                    continue
                concept = phrases.get(("=", *window)) or phrases.get(tuple(stems[i : i + length]))
                if concept is not None:
                    found.append((concept, concept))
                    matched = length
                    break
            if matched:
                i += matched
                continue
            if words[i].isdigit():
                if len(words[i]) <= 3:
                    found.append(("n:" + words[i], words[i]))
            else:
                rest_words.append(words[i])
                rest_stems.append(stems[i])
            i += 1
    else:
        rest_words, rest_stems = words, stems
    for term, surface in _match(rest_words, rest_stems, language):
        found.append((term, surface) if term else (_word_term(surface), surface))
    return tuple(found)


def _weight(term: str) -> float:
    concept = _CONCEPTS.get(term)
    return concept.weight if concept is not None else WORD_WEIGHT


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
