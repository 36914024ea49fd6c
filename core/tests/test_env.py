import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envchoice, envint, envlist


def test_envbool_reads_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert envbool("FLAG", not expected) is expected


def test_envbool_fails_loudly_on_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="FLAG='ture' is not a boolean"):
        envbool("FLAG", False)


def test_envint_fails_loudly_on_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNT", "five")
    with pytest.raises(ImproperlyConfigured, match="COUNT='five' is not a whole number"):
        envint("COUNT", 1)


def test_envlist_ignores_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTS", " a.org , ,b.org")
    assert envlist("HOSTS") == ["a.org", "b.org"]


def test_envchoice_names_the_allowed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="filesystem, s3"):
        envchoice("MEDIA_STORAGE", "filesystem", ("filesystem", "s3"))
