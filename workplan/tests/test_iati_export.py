"""python manage.py export_iati: a file the XSD accepts, and that imports back unchanged."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from core.models import Visibility
from workplan.iati.xml import OUTPUT_VOCABULARY_URI, PILLAR_VOCABULARY_URI, XML_LANG, schema
from workplan.models import Activity, Participation
from workplan.tests.conftest import enter
from workplan.tests.factories import OutputFactory, pillar


def export(path: Path, *args: str, programme: str = "JM") -> str:
    out = io.StringIO()
    call_command("export_iati", str(path), "--programme", programme, *args, stdout=out)
    return out.getvalue()


def import_(path: Path, programme: str = "JM") -> str:
    out = io.StringIO()
    call_command(
        "import_iati", str(path), "--programme", programme, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


@pytest.fixture
def workplan(world: SimpleNamespace) -> SimpleNamespace:
    """Activities with everything the mapping carries, in English, Spanish or both."""
    world.un_women.iati_identifier = "XM-DAC-41146"
    world.un_women.save()
    output = OutputFactory(programme=world.programme, pillar=pillar(2), number="2.1")
    full = enter(
        world,
        iati_identifier="XM-DAC-41146-JM-001",
        title_en="Training police officers on survivor-centred response",
        title_es="Formación de policías en atención centrada en las sobrevivientes",
        description_en="Two-day workshops in every division.",
        description_es="Talleres de dos días en cada división.",
        pillar_number=2,
        output=output,
        areas=[world.st_catherine, world.spanish_town],
        planned_start=datetime.date(2026, 3, 1),
        planned_end=datetime.date(2026, 9, 30),
        actual_start=datetime.date(2026, 3, 15),
        actual_end=datetime.date(2026, 10, 15),
        status=2,
        budget=Decimal("12500.50"),
        currency="JMD",
        sector="15170",
        gender_marker=3,
        participations=[(world.undp, 1), (world.cso, 4)],
    )
    spanish = enter(
        world,
        iati_identifier="XM-DAC-41146-JM-002",
        title_en="",
        title_es="Campaña radial contra la violencia doméstica",
        lead_organisation=world.cso,  # no IATI identifier
        pillar_number=3,
        planned_end=None,
        visibility=Visibility.PUBLIC,
    )
    lead_also_implements = enter(
        world,
        iati_identifier="XM-DAC-41146-JM-003",
        title_en="Shelter standards",
        pillar_number=4,
        participations=[(world.un_women, 4), (world.un_women, 1)],
    )
    no_identifier = enter(world, title_en="Community dialogues")
    no_date = enter(
        world,
        iati_identifier="XM-DAC-41146-JM-004",
        title_en="Data systems",
        planned_start=None,
        planned_end=None,
    )
    return SimpleNamespace(
        world=world,
        full=full,
        spanish=spanish,
        lead_also_implements=lead_also_implements,
        no_identifier=no_identifier,
        no_date=no_date,
    )


def test_export_validates_against_the_iati_xsd(workplan: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "jm.xml"

    export(path)

    tree = etree.parse(str(path))
    assert schema().validate(tree), schema().error_log
    root = tree.getroot()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    assert len(root.findall("iati-activity")) == 3


def test_activities_without_identifier_or_date_are_left_out_and_counted(
    workplan: SimpleNamespace, tmp_path: Path
) -> None:
    path = tmp_path / "jm.xml"

    out = export(path)

    assert "Left out, no IATI identifier: 1." in out
    assert "Left out, no date (IATI requires one): 1." in out
    assert "3 activities written" in out
    identifiers = etree.parse(str(path)).xpath("//iati-identifier/text()")
    assert "XM-DAC-41146-JM-004" not in identifiers


def test_export_carries_codes_pillar_output_budget_and_areas(
    workplan: SimpleNamespace, tmp_path: Path
) -> None:
    path = tmp_path / "jm.xml"
    export(path)

    (activity,) = etree.parse(str(path)).xpath(
        "//iati-activity[iati-identifier='XM-DAC-41146-JM-001']"
    )

    assert activity.find("reporting-org").get("ref") == "XM-DAC-41146"
    assert activity.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [
        ("1", "2026-03-01"),
        ("2", "2026-03-15"),
        ("3", "2026-09-30"),
        ("4", "2026-10-15"),
    ]
    assert activity.find("sector").attrib == {
        "vocabulary": "1",
        "code": "15170",
        "percentage": "100",
    }
    tags = {tag.get("vocabulary-uri"): tag.get("code") for tag in activity.findall("tag")}
    assert tags == {PILLAR_VOCABULARY_URI: "2", OUTPUT_VOCABULARY_URI: "2.1"}
    marker = activity.find("policy-marker")
    assert (marker.get("code"), marker.get("significance")) == ("1", "3")
    value = activity.find("budget/value")
    assert (value.text, value.get("currency")) == ("12500.50", "JMD")
    assert activity.xpath("location/name/narrative[@xml:lang='es']/text()") == [
        "Santa Catalina",
        "Spanish Town",
    ]
    roles = [
        (p.findtext("narrative"), p.get("role")) for p in activity.findall("participating-org")
    ]
    assert roles == [("UN Women", "4"), ("UNDP", "1"), ("Women's Media Watch", "4")]


def test_export_then_import_changes_nothing(workplan: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "jm.xml"
    export(path)
    activities = list(Activity.objects.order_by("pk").values())
    history = Activity.history.count() + Participation.history.count()

    out = import_(path)

    assert "Activities: 0 created, 0 updated, 3 unchanged." in out
    assert "Organisations: 0 created, 0 added to the programme." in out
    assert list(Activity.objects.order_by("pk").values()) == activities
    assert Activity.history.count() + Participation.history.count() == history
    # The lead that is also listed as implementing keeps that participation.
    assert set(workplan.lead_also_implements.participations.values_list("role", flat=True)) == {
        1,
        4,
    }


def test_spanish_and_english_narratives_survive_the_round_trip(
    workplan: SimpleNamespace, tmp_path: Path
) -> None:
    path = tmp_path / "jm.xml"
    export(path)
    narratives = etree.parse(str(path)).xpath(
        "//iati-activity[iati-identifier='XM-DAC-41146-JM-001']/title/narrative"
    )
    assert {n.get(XML_LANG): n.text for n in narratives} == {
        "en": workplan.full.title_en,
        "es": workplan.full.title_es,
    }

    import_(path, programme="HN")  # into another programme: every activity is new there

    for original in (workplan.full, workplan.spanish):
        copy = Activity.objects.get(
            programme=workplan.world.other_programme, iati_identifier=original.iati_identifier
        )
        for name in ("title_en", "title_es", "description_en", "description_es"):
            assert (getattr(copy, name) or "") == (getattr(original, name) or "")
        assert copy.pillar == original.pillar
        assert copy.lead_organisation.name == original.lead_organisation.name


def test_public_only_leaves_out_what_members_alone_may_read(
    workplan: SimpleNamespace, tmp_path: Path
) -> None:
    path = tmp_path / "public.xml"

    export(path, "--public-only")

    assert etree.parse(str(path)).xpath("//iati-identifier/text()") == ["XM-DAC-41146-JM-002"]


def test_nothing_to_export_is_an_error_and_writes_no_file(
    world: SimpleNamespace, tmp_path: Path
) -> None:
    enter(world)  # no identifier
    path = tmp_path / "empty.xml"

    with pytest.raises(CommandError, match="No activity to write"):
        export(path)

    assert not path.exists()
