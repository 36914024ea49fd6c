"""python manage.py import_iati: the official example, idempotence, refusals, mapping."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from organisations.models import Organisation
from workplan.iati.xml import PILLAR_VOCABULARY_URI
from workplan.models import Activity, Participation
from workplan.tests.conftest import enter
from workplan.tests.factories import OutputFactory, pillar

DATA = Path(__file__).parent / "data" / "iati"
EXAMPLE = DATA / "iati-2.03-activity-standard-example-annotated.xml"
EXAMPLE_ID = "AA-AAA-123456789-ABC123"


def run(path: Path, *args: str, programme: str = "JM") -> SimpleNamespace:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_iati", str(path), "--programme", programme, *args, stdout=out, stderr=err)
    return SimpleNamespace(out=out.getvalue(), err=err.getvalue())


def refused(path: Path, *args: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_iati", str(path), "--programme", "JM", *args, stdout=io.StringIO(), stderr=err
        )
    return err.getvalue()


def activity_xml(
    identifier: str = "XM-DAC-41146-JM-001",
    *,
    lang: str = "en",
    reporting: str = '<reporting-org ref="XM-DAC-41146" type="40"><narrative>UN Women</narrative></reporting-org>',
    title: str = "<narrative>Training police officers</narrative>"
    '<narrative xml:lang="es">Formación de policías</narrative>',
    participating: str = '<participating-org ref="XM-DAC-41146" role="4" type="40"><narrative>UN Women</narrative></participating-org>',
    status: str = "2",
    dates: str = '<activity-date iso-date="2026-03-01" type="1"/>',
    middle: str = "",
    pillar_code: str | None = "2",
    after_tags: str = "",
) -> str:
    tag = (
        f'<tag vocabulary="99" vocabulary-uri="{PILLAR_VOCABULARY_URI}" code="{pillar_code}"/>'
        if pillar_code is not None
        else ""
    )
    return f"""
 <iati-activity xml:lang="{lang}" default-currency="USD">
  <iati-identifier>{identifier}</iati-identifier>
  {reporting}
  <title>{title}</title>
  <description><narrative>Survivor-centred response.</narrative></description>
  {participating}
  <activity-status code="{status}"/>
  {dates}
  {middle}
  {tag}
  {after_tags}
 </iati-activity>"""


def write(tmp_path: Path, *activities: str, name: str = "activities.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">'
        + "".join(activities)
        + "\n</iati-activities>\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def un_women(world: SimpleNamespace) -> Organisation:
    world.un_women.iati_identifier = "XM-DAC-41146"
    world.un_women.save()
    return world.un_women


# --- The official example --------------------------------------------------------------------


def test_official_annotated_example_imports_with_a_default_pillar(world: SimpleNamespace) -> None:
    result = run(EXAMPLE, "--default-pillar", "3")

    assert "1 created, 0 updated, 0 unchanged" in result.out
    activity = Activity.objects.get(programme=world.programme, iati_identifier=EXAMPLE_ID)
    assert activity.title_en == "Activity title"
    assert activity.title_es == "Título de la actividad"  # French left out
    assert activity.description_en.startswith("General activity description text.")
    assert activity.description_es == ""
    assert activity.status == 2
    assert activity.planned_start == datetime.date(2012, 4, 15)
    assert activity.actual_start == datetime.date(2012, 4, 28)
    assert activity.planned_end == datetime.date(2015, 12, 31)
    assert activity.actual_end is None
    assert (activity.budget, activity.currency) == (Decimal(3000), "EUR")
    assert activity.pillar == pillar(3)
    assert activity.sector == "15180"  # only vocabularies 2 and 99 in the file: our default
    lead = activity.lead_organisation
    assert lead.iati_identifier == "AA-AAA-123456789"
    assert lead.type == Organisation.Type.UN_AGENCY  # reporting-org type 40, multilateral
    assert world.programme in lead.programmes.all()
    assert {(p.organisation.iati_identifier, p.role) for p in activity.participations.all()} == {
        ("BB-BBB-123456789", 1),
        ("CC-CCC-123456789", 2),
        ("AA-AAA-123456789", 3),
    }
    assert Organisation.objects.get(iati_identifier="CC-CCC-123456789").type == "government"
    assert activity.areas.count() == 0
    assert "No area of the programme is named “Location name”" in result.out
    assert activity.terms.exists()  # indexed for the duplicate check, as any write
    assert activity.history.count() == 1
    assert activity.history.first().history_user is None


def test_reimporting_the_official_example_changes_nothing(world: SimpleNamespace) -> None:
    run(EXAMPLE, "--default-pillar", "3")
    activity = Activity.objects.get(iati_identifier=EXAMPLE_ID)
    organisations = Organisation.objects.count()

    result = run(EXAMPLE)  # an existing activity keeps its pillar: no default needed

    assert "0 created, 0 updated, 1 unchanged" in result.out
    assert activity.history.count() == 1
    assert Organisation.objects.count() == organisations


def test_activity_without_pillar_tag_is_refused_naming_it(world: SimpleNamespace) -> None:
    errors = refused(EXAMPLE)

    assert f"activity {EXAMPLE_ID}" in errors
    assert "no pillar" in errors and "--default-pillar" in errors
    assert not Activity.objects.exists()
    assert not Organisation.objects.filter(iati_identifier="AA-AAA-123456789").exists()


# --- Refusals: nothing is written ------------------------------------------------------------


def test_malformed_file_is_refused_with_its_line(world: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<iati-activities version="2.03">\n<iati-activity>\n</iati-activities>\n')

    errors = refused(path)

    assert "broken.xml, line 3" in errors
    assert "not well-formed XML" in errors
    assert not Activity.objects.exists()


def test_schema_invalid_file_is_refused_naming_line_and_element(
    world: SimpleNamespace, tmp_path: Path
) -> None:
    valid = activity_xml("XM-DAC-41146-JM-001")
    invalid = activity_xml(
        "XM-DAC-41146-JM-002", dates='<activity-date iso-date="2026-13-45" type="1"/>'
    )
    path = write(tmp_path, valid, invalid)
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if "2026-13-45" in text
    )

    errors = refused(path)

    assert f"line {line}, <activity-date>" in errors
    assert "“iso-date” is “2026-13-45”, which is not a date (YYYY-MM-DD)" in errors
    assert not Activity.objects.exists()


def test_elements_out_of_the_schemas_order_are_refused(
    world: SimpleNamespace, tmp_path: Path
) -> None:
    # activity-status after the dates: the XSD's sequence says otherwise.
    path = write(
        tmp_path,
        activity_xml(status="2", dates='<activity-date iso-date="2026-03-01" type="1"/>')
        .replace('<activity-status code="2"/>', "", 1)
        .replace("</iati-activity>", '<activity-status code="2"/></iati-activity>'),
    )

    errors = refused(path)

    assert "<activity-date>: this element is not expected here" in errors
    assert "expected: <participating-org>, <other-identifier>, <activity-status>." in errors


def test_document_type_declarations_are_refused(world: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "entity.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        '<iati-activities version="2.03">'
        + activity_xml(title="<narrative>&secret;</narrative>")
        + "</iati-activities>"
    )

    errors = refused(path)

    assert "DOCTYPE" in errors
    assert not Activity.objects.exists()


def test_mapping_error_rolls_back_the_whole_file(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    good = activity_xml("XM-DAC-41146-JM-001")
    bad = activity_xml(
        "XM-DAC-41146-JM-002",
        reporting='<reporting-org ref="XM-DAC-99999" type="22"><narrative>New NGO</narrative></reporting-org>',
        middle='<sector vocabulary="1" code="99999"/>',
    )
    organisations = Organisation.objects.count()

    errors = refused(write(tmp_path, good, bad))

    assert "activity XM-DAC-41146-JM-002, <sector>" in errors
    assert "“99999” is not a 5-digit DAC sector code" in errors
    assert not Activity.objects.exists()  # the good one neither
    assert Organisation.objects.count() == organisations  # nor the new NGO


def test_dry_run_says_what_would_change_and_writes_nothing(
    world: SimpleNamespace, tmp_path: Path
) -> None:
    result = run(EXAMPLE, "--default-pillar", "1", "--dry-run")

    assert "1 created" in result.out
    assert "Organisations: 3 created" in result.out
    assert "Dry run: nothing was written." in result.out
    assert not Activity.objects.exists()
    assert not Organisation.objects.filter(iati_identifier="AA-AAA-123456789").exists()


# --- Mapping ---------------------------------------------------------------------------------


def test_organisation_matched_by_ref_whatever_its_name(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    reporting = (
        '<reporting-org ref="XM-DAC-41146" type="40">'
        "<narrative>UN Entity for Gender Equality</narrative></reporting-org>"
    )
    organisations = Organisation.objects.count()

    run(write(tmp_path, activity_xml(reporting=reporting)))

    activity = Activity.objects.get()
    assert activity.lead_organisation == un_women
    assert Organisation.objects.count() == organisations
    # The lead's implementing role is implied by leading: not stored twice.
    assert not activity.participations.exists()


def test_organisation_without_ref_matched_by_name_within_the_programme(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    participating = (
        '<participating-org role="4"><narrative>UN Women</narrative></participating-org>'
        '<participating-org role="1"><narrative xml:lang="en">Women\'s Media Watch</narrative>'
        "</participating-org>"
        '<participating-org role="3"><narrative>Honduran Network</narrative></participating-org>'
    )

    run(write(tmp_path, activity_xml(participating=participating)))

    activity = Activity.objects.get()
    roles = {(p.organisation, p.role) for p in activity.participations.all()}
    assert (world.cso, 1) in roles
    # Another programme's organisation of that name is not taken: a new one joins this one.
    extending = next(organisation for organisation, role in roles if role == 3)
    assert extending != world.honduran
    assert list(extending.programmes.all()) == [world.programme]


def test_organisation_found_by_ref_in_another_programme_joins_this_one(
    world: SimpleNamespace, tmp_path: Path
) -> None:
    world.honduran.iati_identifier = "HN-RTN-123"
    world.honduran.save()
    participating = '<participating-org ref="HN-RTN-123" role="1"/>'

    result = run(
        write(
            tmp_path,
            activity_xml(
                reporting='<reporting-org ref="XM-DAC-41146" type="40"><narrative>UN Women</narrative></reporting-org>',
                participating=participating,
            ),
        )
    )

    assert world.programme in world.honduran.programmes.all()
    assert "now works in JM" in result.out


def test_narratives_go_to_their_language_and_the_default_applies(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    title = (
        "<narrative>Formación de policías</narrative>"  # no xml:lang: the activity's, Spanish
        '<narrative xml:lang="en">Training police officers</narrative>'
        '<narrative xml:lang="fr">Formation des policiers</narrative>'
    )

    run(write(tmp_path, activity_xml(lang="es", title=title)))

    activity = Activity.objects.get()
    assert activity.title_es == "Formación de policías"
    assert activity.title_en == "Training police officers"
    assert activity.description_es == "Survivor-centred response."


def test_title_in_neither_language_is_refused(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    path = write(tmp_path, activity_xml(title='<narrative xml:lang="fr">Formation</narrative>'))

    errors = refused(path)

    assert "activity XM-DAC-41146-JM-001, <title>: The title has no narrative in English" in errors


def test_locations_named_like_areas_become_areas(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    locations = (
        '<location><name><narrative xml:lang="es">Santa Catalina</narrative></name></location>'
        "<location><name><narrative>clarendon</narrative></name></location>"
        "<location><name><narrative>Kingston</narrative></name></location>"
    )

    result = run(write(tmp_path, activity_xml(middle=locations)))

    activity = Activity.objects.get()
    assert set(activity.areas.all()) == {world.st_catherine, world.clarendon}
    assert "No area of the programme is named “Kingston”; left out." in result.out


def test_codes_map_to_their_fields(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    output = OutputFactory(programme=world.programme, pillar=pillar(4), number="4.2")
    middle = (
        '<sector vocabulary="1" code="15170" percentage="30"/>'
        '<sector vocabulary="1" code="15180" percentage="70"/>'
        '<sector vocabulary="2" code="151" percentage="100"/>'
    )
    after = (
        '<tag vocabulary="99" vocabulary-uri="https://spotlight-hub.example/iati/vocabulary/output"'
        ' code="4.2"/>'
        '<policy-marker vocabulary="1" code="1" significance="1"/>'
        '<budget type="1"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>'
        '<value value-date="2026-01-01">1000</value></budget>'
        '<budget type="2"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>'
        '<value value-date="2026-06-01">1200</value></budget>'
        '<budget type="1"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-06-30"/>'
        '<value currency="USD" value-date="2027-01-01">500.50</value></budget>'
    )
    dates = "".join(
        f'<activity-date iso-date="{day}" type="{kind}"/>'
        for kind, day in (
            (1, "2026-01-01"),
            (2, "2026-02-01"),
            (3, "2027-06-30"),
            (4, "2027-07-31"),
        )
    )

    run(
        write(
            tmp_path,
            activity_xml(status="3", dates=dates, middle=middle, pillar_code="4", after_tags=after),
        )
    )

    activity = Activity.objects.get()
    assert activity.sector == "15180"  # the largest share
    assert activity.gender_marker == 1
    assert (activity.pillar, activity.output) == (pillar(4), output)
    assert activity.status == 3
    assert (activity.actual_start, activity.actual_end) == (
        datetime.date(2026, 2, 1),
        datetime.date(2027, 7, 31),
    )
    # 2026 counts its revised budget, 2027 its original one.
    assert (activity.budget, activity.currency) == (Decimal("1700.50"), "USD")


def test_budgets_in_several_currencies_are_refused(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    after = (
        '<budget><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>'
        '<value currency="EUR" value-date="2026-01-01">1000</value></budget>'
        '<budget><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>'
        '<value value-date="2027-01-01">1000</value></budget>'
    )

    errors = refused(write(tmp_path, activity_xml(after_tags=after)))

    assert "<budget>: The budgets are in several currencies (EUR, USD)" in errors


def test_a_changed_file_updates_the_activity_through_the_services(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    activity = enter(
        world,
        iati_identifier="XM-DAC-41146-JM-001",
        title_en="Training police officers",
        title_es="Formación de policías",
        description_en="Survivor-centred response.",
        status=1,
        planned_start=datetime.date(2026, 3, 1),
        planned_end=None,
        pillar_number=2,
    )
    Participation.objects.create(activity=activity, organisation=world.undp, role=1)
    rows = activity.history.count()

    result = run(write(tmp_path, activity_xml(status="2")))

    activity.refresh_from_db()
    assert "0 created, 1 updated, 0 unchanged" in result.out
    assert activity.status == 2
    assert not activity.participations.exists()  # the file's list replaces ours
    assert activity.history.count() == rows + 1
    assert run(write(tmp_path, activity_xml(status="2"))).out.count("1 unchanged") == 1


def test_the_same_activity_twice_in_a_file_is_refused(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    errors = refused(write(tmp_path, activity_xml(), activity_xml()))

    assert "<iati-identifier>: The file holds this activity twice." in errors


def test_a_secondary_reporter_does_not_lead_the_implementing_organisation_does(
    world: SimpleNamespace, un_women: Organisation, tmp_path: Path
) -> None:
    reporting = (
        '<reporting-org ref="XI-IATI-EXAMPLE" type="90" secondary-reporter="1">'
        "<narrative>Aggregator</narrative></reporting-org>"
    )

    run(write(tmp_path, activity_xml(reporting=reporting)))

    activity = Activity.objects.get()
    assert activity.lead_organisation == un_women
    assert not Organisation.objects.filter(iati_identifier="XI-IATI-EXAMPLE").exists()
