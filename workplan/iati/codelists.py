"""The IATI 2.03 codelists the workplan uses, read from the XML files beside this module.

Each codelist is read once per process (``functools.cache``) into an ordered mapping of code to
English name. IATI publishes names in English and, for some lists, French; the Spanish names the
interface shows for activity status, organisation roles and the gender-equality marker are our
own gettext labels (``workplan.models``). Sector names have no Spanish translation: they are
shown in English beside their code (docs/workplan.md).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CODELIST_DIR = Path(__file__).resolve().parent / "codelists"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Code:
    code: str
    name: str  # English
    withdrawn: bool = False
    category: str = ""


def _english(element: ET.Element | None) -> str:
    if element is None:
        return ""
    for narrative in element.findall("narrative"):
        if narrative.get(_XML_LANG, "en") == "en":
            return " ".join((narrative.text or "").split())
    return ""


@cache
def codelist(name: str) -> dict[str, Code]:
    """Every item of the codelist ``name`` (the file name without ``.xml``), in file order."""
    path = CODELIST_DIR / f"{name}.xml"
    if not path.is_file():
        raise LookupError(f"No IATI codelist named {name!r} in {CODELIST_DIR}.")
    root = ET.parse(path).getroot()  # noqa: S314 - vendored file
    items: dict[str, Code] = {}
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        if not code:
            continue
        items[code] = Code(
            code=code,
            name=_english(item.find("name")),
            withdrawn=item.get("status") == "withdrawn",
            category=(item.findtext("category") or "").strip(),
        )
    return items


def names(name: str, *, active_only: bool = True) -> dict[str, str]:
    """Code → English name, leaving out withdrawn codes unless asked."""
    return {
        code: item.name
        for code, item in codelist(name).items()
        if not (active_only and item.withdrawn)
    }


def is_active_code(name: str, code: str) -> bool:
    item = codelist(name).get(str(code))
    return item is not None and not item.withdrawn


def sector_label(code: str) -> str:
    """ "15180 Ending violence against women and girls": the code first, the English name after."""
    item = codelist("Sector").get(str(code))
    return f"{code} {item.name}" if item else str(code)
