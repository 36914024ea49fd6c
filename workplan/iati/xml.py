"""Reading and checking IATI 2.03 activity XML: safe parsing, the XSD, problems and narratives.

Parsing never fetches anything and never expands entities: IATI files come from outside, and an
XML file can otherwise make its reader open URLs or local files, or blow up in memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
ACTIVITY_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"
IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("en", "es")

# IATI has no pillar nor output: they travel as tags of our own vocabulary (99, "reporting
# organisation's own"), told apart by these URIs. Defined once, here.
VOCABULARY_OWN = "99"
PILLAR_VOCABULARY_URI = "https://spotlight-hub.example/iati/vocabulary/pillar"
OUTPUT_VOCABULARY_URI = "https://spotlight-hub.example/iati/vocabulary/output"

# Codes of IATI 2.03 the mapping uses.
GENDER_EQUALITY_MARKER = "1"  # PolicyMarker 1, vocabulary 1 (OECD DAC CRS)
DAC_5_DIGIT = "1"  # SectorVocabulary 1
DATE_TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}

MAX_PROBLEMS = 200


@dataclass
class Problem:
    """Something wrong in an IATI file, said where it is: file, line, activity and element."""

    file: str
    line: int | None = None
    activity: str = ""  # the iati-identifier
    element: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.line:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.activity:
            where.append(_("activity %(identifier)s") % {"identifier": self.activity})
        if self.element:
            where.append(f"<{self.element}>")
        return _("%(where)s: %(message)s") % {"where": ", ".join(where), "message": self.message}


class IatiInputError(Exception):
    """The file cannot be read or imported; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )


@cache
def schema() -> etree.XMLSchema:
    """The IATI 2.03 activity schema, read from ``schemas/`` once per process."""
    return etree.XMLSchema(etree.parse(str(ACTIVITY_SCHEMA), parser()))


def parse(path: Path) -> etree._ElementTree:
    """Read the file safely and check it against the XSD; raise ``IatiInputError`` if either fails."""
    name = path.name
    try:
        tree = etree.parse(str(path), parser())
    except OSError as error:
        raise IatiInputError(
            [Problem(name, message=_("The file cannot be read: %(error)s") % {"error": error})]
        ) from error
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno and error.lineno > 0 else None
        raise IatiInputError(
            [
                Problem(
                    name,
                    line=line,
                    message=_("This is not well-formed XML: %(error)s") % {"error": error.msg},
                )
            ]
        ) from error
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise IatiInputError(
            [Problem(name, message=_("A document type declaration (DOCTYPE) is not allowed."))]
        )
    problems = schema_problems(tree, name)
    if problems:
        raise IatiInputError(problems)
    return tree


def schema_problems(tree: etree._ElementTree, name: str) -> list[Problem]:
    """What the IATI 2.03 activity schema finds wrong with ``tree``, in readable words."""
    validator = schema()
    if validator.validate(tree):
        return []
    problems = []
    for entry in list(validator.error_log)[:MAX_PROBLEMS]:
        element, message = readable(entry.message)
        problems.append(Problem(name, line=entry.line or None, element=element, message=message))
    return problems


_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: (.*)$", re.S)
_EXPECTED = re.compile(r"Expected is(?: one of)? \( (.*) \)\.")


def _names(expected: str) -> str:
    return ", ".join(f"<{name.strip()}>" for name in expected.split(","))


def readable(message: str) -> tuple[str, str]:
    """Split a libxml2 schema message into the element it concerns and what is wrong with it,
    saying the most common cases in plain words (and leaving the others as the schema says)."""
    match = _ELEMENT.match(message.strip())
    if not match:
        return "", message.strip()
    element, attribute, rest = match.groups()
    rest = rest.strip()
    expected = _EXPECTED.search(rest)
    if rest.startswith("Missing child element(s)") and expected:
        return element, _("a required element is missing; expected: %(names)s.") % {
            "names": _names(expected.group(1))
        }
    if rest.startswith("This element is not expected") and expected:
        return element, _(
            "this element is not expected here (unknown, or out of the schema's order); "
            "expected: %(names)s."
        ) % {"names": _names(expected.group(1))}
    if rest.startswith("This element is not expected"):
        return element, _("this element is not expected here.")
    if rest.startswith("No matching global declaration"):
        return element, _("the file must start with <iati-activities>.")
    required = re.match(r"The attribute '([^']+)' is required but missing", rest)
    if required:
        return element, _("the attribute “%(name)s” is required but missing.") % {
            "name": required.group(1)
        }
    not_allowed = re.match(r"The attribute '([^']+)' is not allowed", rest)
    if not_allowed:
        return element, _("the attribute “%(name)s” is not allowed here.") % {
            "name": not_allowed.group(1)
        }
    atomic = re.match(r"'(.*)' is not a valid value of the atomic type 'xs:(\w+)'", rest, re.S)
    if atomic:
        kinds = {
            "date": _("a date (YYYY-MM-DD)"),
            "dateTime": _("a date and time (YYYY-MM-DDThh:mm:ss)"),
            "decimal": _("a number"),
            "boolean": _("0, 1, true or false"),
            "anyURI": _("a URI"),
            "nonNegativeInteger": _("a whole number"),
        }
        kind = kinds.get(atomic.group(2), atomic.group(2))
        subject = (
            _("the attribute “%(name)s”") % {"name": attribute} if attribute else _("the content")
        )
        return element, _("%(subject)s is “%(value)s”, which is not %(kind)s.") % {
            "subject": subject,
            "value": atomic.group(1),
            "kind": kind,
        }
    if attribute:
        return element, _("attribute “%(name)s”: %(detail)s") % {"name": attribute, "detail": rest}
    return element, rest


# --- Narratives ----------------------------------------------------------------------------


def language_of(narrative: etree._Element, default: str) -> str:
    """The narrative's language, as a primary subtag ("en-GB" is "en"), or the activity's."""
    code = narrative.get(XML_LANG) or default
    return code.split("-", 1)[0].strip().lower()


def narratives(element: etree._Element | None, default: str) -> dict[str, str]:
    """Language → text of the element's narratives, in English and Spanish only (the first of
    each language; other languages are left out)."""
    found: dict[str, str] = {}
    if element is None:
        return found
    for narrative in element.iterchildren("narrative"):
        language = language_of(narrative, default)
        if language in LANGUAGES and language not in found:
            found[language] = (narrative.text or "").strip()
    return found


def any_narratives(element: etree._Element | None) -> list[str]:
    """Every non-empty narrative of the element, whatever its language."""
    if element is None:
        return []
    texts = ((narrative.text or "").strip() for narrative in element.iterchildren("narrative"))
    return [text for text in texts if text]


def add_narratives(parent: etree._Element, texts: dict[str, str]) -> None:
    for language in LANGUAGES:
        if texts.get(language):
            narrative = etree.SubElement(parent, "narrative")
            narrative.set(XML_LANG, language)
            narrative.text = texts[language]
