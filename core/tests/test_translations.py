"""Spanish is complete: no interface string is missing from the catalogue or left untranslated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_message() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"Untranslated: {untranslated[:10]}"
    assert not fuzzy, f"Fuzzy: {fuzzy[:10]}"
    assert len(catalogue.translated_entries()) > 100


def test_spanish_catalogue_keeps_placeholders() -> None:
    """A translation that drops or renames %(name)s or {{ var }} would crash or mislead."""
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%[sd]")
    catalogue = polib.pofile(str(CATALOGUE))
    broken = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            if sorted(pattern.findall(source)) != sorted(pattern.findall(translation)):
                # Singular forms may leave out the count ("una organización").
                if entry.msgid_plural and set(pattern.findall(translation)) <= set(
                    pattern.findall(source)
                ):
                    continue
                broken.append(entry.msgid)
    assert not broken, f"Placeholders differ: {broken[:10]}"


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("HUB_REQUIRE_ALL") != "1",
    reason="GNU gettext (xgettext) is not installed: apt-get install gettext",
)
def test_every_interface_string_is_in_the_spanish_catalogue(tmp_path: Path) -> None:
    """Extract the messages afresh and compare with the committed catalogue."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "__pycache__", "*.egg-info", "node_modules"
        ),
    )
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--ignore",
            "var/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {
        e.msgid
        for e in polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    committed = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    missing = sorted(fresh - committed)
    assert not missing, f"Run makemessages and translate: {missing[:10]}"
