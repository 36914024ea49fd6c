"""Text to language-neutral terms, for the duplicate check (``workplan.overlaps``).

Text is folded (lower case, no accents), split into words, stripped of the stop words of both
languages and stemmed with the Snowball stemmer of the language it is written in; runs of stems
that the bilingual lexicon (``workplan.lexicon``) knows become one concept, other words stay as
the first letters of their stem. Each term weighs what the lexicon says about its rarity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from workplan.lexicon import TABLE, WEIGHTS

# A word the lexicon does not know: usually specific (a place, an acronym, a technical word), but
# it may also be an ordinary word the stop lists miss.
WORD_WEIGHT = 0.6


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
