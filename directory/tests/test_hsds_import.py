"""python manage.py import_hsds: the official examples import; all or nothing; idempotent; bad
input is refused with file, row and field, having written nothing."""

import csv
import io
import json
import shutil
import uuid
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Model

from directory import models as d
from directory.reference import CONFIDENTIAL, ESP_CODE, HUB_CODE, taxonomy_id, term_id
from directory.tests.factories import LocationFactory, PhoneFactory, ServiceFactory, esp_term
from directory.tests.hsds_support import build_directory
from organisations.models import Organisation
from programmes.models import Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "hsds"
EXAMPLE_SERVICE = uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
EXAMPLE_LOCATION = uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5")
EXAMPLE_SAL = uuid.UUID("e94c9f38-1e8f-4564-91d4-d53501ab1765")
EXAMPLE_ORGANISATION = uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
ENTITIES = [
    "taxonomy",
    "taxonomy_term",
    "organization",
    "service",
    "location",
    "service_at_location",
    "phone",
    "schedule",
    "language",
    "address",
    "accessibility",
    "service_area",
    "cost_option",
    "required_document",
    "attribute",
]
MODELS: list[type[Model]] = [
    d.Taxonomy,
    d.TaxonomyTerm,
    Organisation,
    Organisation.programmes.through,
    d.Service,
    d.Service.terms.through,
    d.Location,
    d.ServiceAtLocation,
    d.Phone,
    d.Schedule,
    d.Language,
    d.Address,
    d.Accessibility,
    d.ServiceArea,
    d.CostOption,
    d.RequiredDocument,
    d.SearchToken,
    d.Service.history.model,
    d.Location.history.model,
]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_hsds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts(output: str) -> dict[str, list[int]]:
    """The table the command prints: entity -> [created, updated, unchanged, left out]."""
    table = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] in ENTITIES:
            table[parts[0]] = [int(n) for n in parts[1:]]
    return table


def snapshot() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in MODELS}


def example_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(DATA / "csv", folder)
    return folder


def edit_csv(path: Path, change: Callable[[list[dict[str, str]]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)


def write_csv(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --- The official examples ------------------------------------------------------------------


def test_official_csv_example_imports(programme: Programme) -> None:
    out, _err = run(str(DATA / "csv"), "--programme", "JM")
    table = counts(out)
    for entity in ENTITIES[2:-1]:
        assert table[entity] == [1, 0, 0, 0], entity
    # taxonomies.csv, and the taxonomy its term names but the file does not hold.
    assert table["taxonomy"] == [2, 0, 0, 0]
    assert table["taxonomy_term"] == [1, 0, 0, 0]
    # Its attribute links to "link_entity", not a table the hub keeps.
    assert table["attribute"] == [0, 0, 0, 1]
    service = d.Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.programme == programme
    assert service.name_en == "Community Counselling"
    assert service.minimum_age == 12 and service.assured_date.isoformat() == "2005-01-01"
    assert service.organisation.hsds_id == EXAMPLE_ORGANISATION
    assert programme in service.organisation.programmes.all()
    address = d.Address.objects.get(location_id=EXAMPLE_LOCATION)
    assert (address.city, address.country, address.address_type) == ("MyCity", "US", "postal")
    schedule = d.Schedule.objects.get(service=service)
    assert (str(schedule.opens_at), schedule.byday) == ("10:00:00", "TH,FR")
    assert schedule.service_at_location_id == EXAMPLE_SAL
    phone = d.Phone.objects.get(service=service)
    assert (phone.location_id, phone.extension, phone.type) == (EXAMPLE_LOCATION, "100", "voice")
    assert d.CostOption.objects.get(service=service).amount == Decimal("35")
    # Latitude 100 is no latitude: the location comes without coordinates, and says so.
    location = d.Location.objects.get(pk=EXAMPLE_LOCATION)
    assert location.latitude is None and location.longitude is None
    assert "locations.csv, row 2, latitude:" in out
    assert "contacts.csv" in out and "funding.csv" in out
    # The hub's derived data is refreshed: the new service can be found.
    tokens = set(
        d.SearchToken.objects.filter(service_at_location_id=EXAMPLE_SAL).values_list(
            "token", flat=True
        )
    )
    assert {"counsel", "civic"} <= tokens


def test_official_json_example_imports(programme: Programme) -> None:
    out, _err = run(str(DATA / "service_full.json"), "--programme", "JM")
    table = counts(out)
    for entity in ("organization", "service", "location", "service_at_location", "phone"):
        assert table[entity] == [1, 0, 0, 0], entity
    phone = d.Phone.objects.get()
    # One phone, nested under the service, its location and its organisation.
    assert phone.service_id == EXAMPLE_SERVICE
    assert phone.location_id == EXAMPLE_LOCATION
    assert phone.organisation.hsds_id == EXAMPLE_ORGANISATION
    assert d.Language.objects.get().phone_id == phone.id
    assert d.ServiceAtLocation.objects.get().location_id == EXAMPLE_LOCATION


def test_a_zip_of_the_tables_imports(programme: Programme, tmp_path: Path) -> None:
    archive = tmp_path / "hsds.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (DATA / "csv").glob("*.csv"):
            zipped.write(path, f"export/{path.name}")
    out, _err = run(str(archive), "--programme", "JM")
    assert counts(out)["service"] == [1, 0, 0, 0]
    assert d.Service.objects.filter(pk=EXAMPLE_SERVICE).exists()


@pytest.mark.parametrize("example", ["csv", "service_full.json"])
def test_importing_again_changes_nothing(programme: Programme, example: str) -> None:
    run(str(DATA / example), "--programme", "JM")
    before = snapshot()
    stamps = list(d.Service.objects.values_list("updated_at", flat=True))
    out, _err = run(str(DATA / example), "--programme", "JM")
    table = counts(out)
    assert table
    for entity, (created, updated, unchanged, _left_out) in table.items():
        assert (created, updated) == (0, 0), entity
        assert unchanged or entity == "attribute", entity
    assert snapshot() == before
    assert list(d.Service.objects.values_list("updated_at", flat=True)) == stamps


def test_dry_run_writes_nothing(programme: Programme) -> None:
    before = snapshot()
    out, _err = run(str(DATA / "csv"), "--programme", "JM", "--dry-run")
    assert counts(out)["service"] == [1, 0, 0, 0]
    assert "Dry run" in out
    assert snapshot() == before


# --- Bad input ------------------------------------------------------------------------------


def _blank_name(rows: list[dict[str, str]]) -> None:
    rows[0]["name"] = ""


def _bad_uuid(rows: list[dict[str, str]]) -> None:
    rows[0]["id"] = "not-a-uuid"


def _bad_date(rows: list[dict[str, str]]) -> None:
    rows[0]["assured_date"] = "2024-13-45"


def _unknown_location(rows: list[dict[str, str]]) -> None:
    rows[0]["location_id"] = str(uuid.uuid4())


@pytest.mark.parametrize(
    ("file", "change", "where"),
    [
        ("services.csv", _blank_name, "services.csv, row 2, name: This field is required."),
        (
            "service_at_location.csv",
            _bad_uuid,
            "service_at_location.csv, row 2, id: “not-a-uuid” is not a UUID.",
        ),
        (
            "services.csv",
            _bad_date,
            "services.csv, row 2, assured_date: “2024-13-45” is not a date",
        ),
        (
            "service_at_location.csv",
            _unknown_location,
            "service_at_location.csv, row 2, location_id: There is no location with this id",
        ),
    ],
    ids=["missing required field", "bad UUID", "bad date", "unknown foreign id"],
)
def test_bad_file_is_refused_naming_file_row_and_field(
    programme: Programme, tmp_path: Path, file: str, change: Callable, where: str
) -> None:
    folder = example_copy(tmp_path)
    edit_csv(folder / file, change)
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        run(str(folder), "--programme", "JM")
    assert refused.value.returncode != 0
    assert "nothing was written" in str(refused.value)
    assert where in _stderr_of(folder)
    assert snapshot() == before


def _stderr_of(folder: Path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds", str(folder), "--programme", "JM", stderr=err, stdout=io.StringIO()
        )
    return err.getvalue()


def test_every_problem_is_listed_at_once(programme: Programme, tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    edit_csv(folder / "services.csv", _bad_date)
    edit_csv(folder / "addresses.csv", lambda rows: rows[0].update(city=""))
    edit_csv(folder / "phones.csv", lambda rows: rows[0].update(type="pigeon"))
    err = _stderr_of(folder)
    assert "services.csv, row 2, assured_date:" in err
    assert "addresses.csv, row 2, city: This field is required." in err
    assert "phones.csv, row 2, type: “pigeon” is not one of:" in err


def test_model_rules_are_checked_before_writing(programme: Programme, tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    edit_csv(folder / "services.csv", lambda rows: rows[0].update(minimum_age="50", email="nope"))
    before = snapshot()
    err = _stderr_of(folder)
    assert "services.csv, row 2, email:" in err
    assert "services.csv, row 2: The minimum age must not be above the maximum age." not in err
    edit_csv(
        folder / "services.csv",
        lambda rows: rows[0].update(email="a@example.org", maximum_age="20"),
    )
    err = _stderr_of(folder)
    assert "The minimum age must not be above the maximum age." in err
    assert snapshot() == before


def test_a_record_of_another_programme_is_refused(
    programme: Programme, other_programme: Programme, tmp_path: Path
) -> None:
    run(str(DATA / "csv"), "--programme", "HN")
    before = snapshot()
    err = _stderr_of_programme(DATA / "csv", "JM")
    assert "services.csv, row 2, id: This id belongs to a record of another programme." in err
    assert snapshot() == before
    assert d.Service.objects.get(pk=EXAMPLE_SERVICE).programme == other_programme


def _stderr_of_programme(path: Path, code: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds", str(path), "--programme", code, stderr=err, stdout=io.StringIO()
        )
    return err.getvalue()


def test_unknown_programme_is_refused(programme: Programme) -> None:
    with pytest.raises(CommandError, match="no programme"):
        run(str(DATA / "csv"), "--programme", "ZZ")


def test_unreadable_input_is_refused(programme: Programme, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", str(broken), "--programme", "JM", stderr=err)
    assert "broken.json: This is not JSON (line 1, column 2" in err.getvalue()


# --- Languages, taxonomies, communities, confidentiality --------------------------------------


def test_texts_go_into_the_import_language_only(programme: Programme, tmp_path: Path) -> None:
    organisation = Organisation.objects.create(name_en="Help Org", type="civil_society")
    service = ServiceFactory(
        programme=programme, organisation=organisation, name_en="Crisis line", name_es=""
    )
    folder = tmp_path / "es"
    write_csv(
        folder,
        "services.csv",
        [
            {
                "id": str(service.id),
                "organization_id": str(organisation.hsds_id),
                "name": "Línea de crisis",
                "status": "active",
            }
        ],
    )
    out, _err = run(str(folder), "--programme", "JM", "--language", "es")
    assert counts(out)["service"] == [0, 1, 0, 0]
    service.refresh_from_db()
    assert (service.name_en, service.name_es) == ("Crisis line", "Línea de crisis")
    # The English name, shown to Spanish readers while there was no Spanish one, is no change.
    out, _err = run(str(folder), "--programme", "JM", "--language", "es")
    assert counts(out)["service"] == [0, 0, 1, 0]


def _term_files(folder: Path, service_id: str, organisation_id: str, term: dict) -> None:
    write_csv(
        folder,
        "organizations.csv",
        [{"id": organisation_id, "name": "Shelter Trust", "description": ""}],
    )
    write_csv(
        folder,
        "services.csv",
        [
            {
                "id": service_id,
                "organization_id": organisation_id,
                "name": "Shelter",
                "status": "active",
            }
        ],
    )
    write_csv(folder, "taxonomy_terms.csv", [term])
    write_csv(
        folder,
        "attributes.csv",
        [
            {
                "id": str(uuid.uuid4()),
                "link_id": service_id,
                "taxonomy_term_id": term["id"],
                "link_type": "",
                "link_entity": "service",
                "value": "",
            }
        ],
    )


def test_essential_services_terms_are_matched_by_code(programme: Programme, tmp_path: Path) -> None:
    service_id, file_term = str(uuid.uuid4()), str(uuid.uuid4())
    terms_before = d.TaxonomyTerm.objects.count()
    _term_files(
        tmp_path / "t",
        service_id,
        str(uuid.uuid4()),
        {
            "id": file_term,
            "code": "social.shelter",
            "name": "Shelter",
            "description": "",
            "taxonomy": "esp",
        },
    )
    out, _err = run(str(tmp_path / "t"), "--programme", "JM")
    assert counts(out)["attribute"] == [1, 0, 0, 0]
    assert list(d.Service.objects.get(pk=service_id).terms.all()) == [esp_term("social.shelter")]
    assert d.TaxonomyTerm.objects.count() == terms_before
    # The reference term keeps its own name.
    assert esp_term("social.shelter").name_en == "Safe accommodation and shelter"


def test_essential_services_terms_are_matched_by_id(programme: Programme, tmp_path: Path) -> None:
    service_id = str(uuid.uuid4())
    ours = str(term_id(ESP_CODE, "justice.legal-aid"))
    _term_files(
        tmp_path / "t",
        service_id,
        str(uuid.uuid4()),
        {
            "id": ours,
            "code": "justice.legal-aid",
            "name": "Legal aid",
            "description": "",
            "taxonomy_id": str(taxonomy_id(ESP_CODE)),
        },
    )
    run(str(tmp_path / "t"), "--programme", "JM")
    assert list(d.Service.objects.get(pk=service_id).terms.values_list("code", flat=True)) == [
        "justice.legal-aid"
    ]


def test_an_unknown_essential_services_code_is_refused(
    programme: Programme, tmp_path: Path
) -> None:
    _term_files(
        tmp_path / "t",
        str(uuid.uuid4()),
        str(uuid.uuid4()),
        {
            "id": str(uuid.uuid4()),
            "code": "social.spa",
            "name": "Spa",
            "description": "",
            "taxonomy": "esp",
        },
    )
    err = _stderr_of(tmp_path / "t")
    assert (
        "taxonomy_terms.csv, row 2, code: The taxonomy “esp” has no term with the code “social.spa”."
        in err
    )


def test_unknown_taxonomies_and_terms_are_created(programme: Programme, tmp_path: Path) -> None:
    service_id, term, taxonomy = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    folder = tmp_path / "t"
    _term_files(
        folder,
        service_id,
        str(uuid.uuid4()),
        {
            "id": term,
            "code": "OE-1",
            "name": "Emergency food",
            "description": "",
            "taxonomy_id": taxonomy,
        },
    )
    write_csv(
        folder,
        "taxonomies.csv",
        [{"id": taxonomy, "name": "Open Eligibility", "description": "Needs"}],
    )
    out, _err = run(str(folder), "--programme", "JM")
    table = counts(out)
    assert table["taxonomy"] == [1, 0, 0, 0]
    assert table["taxonomy_term"] == [1, 0, 0, 0]
    created = d.TaxonomyTerm.objects.get(pk=term)
    assert (created.taxonomy.name_en, created.taxonomy.code, created.code) == (
        "Open Eligibility",
        "open-eligibility",
        "OE-1",
    )
    assert list(d.Service.objects.get(pk=service_id).terms.all()) == [created]


def test_confidential_attributes_mark_location_and_phone(
    programme: Programme, tmp_path: Path
) -> None:
    folder = example_copy(tmp_path)
    hub_term = str(term_id(HUB_CODE, CONFIDENTIAL))
    phone = "1554f2e2-a373-45db-a3fa-9fc48a61c15e"
    write_csv(
        folder,
        "attributes.csv",
        [
            {
                "id": str(uuid.uuid4()),
                "link_id": str(EXAMPLE_LOCATION),
                "taxonomy_term_id": hub_term,
                "link_entity": "location",
            },
            {
                "id": str(uuid.uuid4()),
                "link_id": phone,
                "taxonomy_term_id": hub_term,
                "link_entity": "phone",
            },
        ],
    )
    out, _err = run(str(folder), "--programme", "JM")
    assert counts(out)["attribute"] == [2, 0, 0, 0]
    assert d.Location.objects.get(pk=EXAMPLE_LOCATION).is_confidential
    assert d.Phone.objects.get(pk=phone).is_private
    # The search index was rebuilt: nothing of the location's name or address is in it now.
    tokens = set(
        d.SearchToken.objects.filter(service_at_location_id=EXAMPLE_SAL).values_list(
            "token", flat=True
        )
    )
    assert "counsel" in tokens
    assert "civic" not in tokens and "main" not in tokens


def test_an_import_never_clears_the_confidential_mark(programme: Programme, tmp_path: Path) -> None:
    run(str(DATA / "csv"), "--programme", "JM")
    d.Location.objects.filter(pk=EXAMPLE_LOCATION).update(is_confidential=True)
    d.Phone.objects.update(is_private=True)
    out, _err = run(str(DATA / "csv"), "--programme", "JM")
    assert counts(out)["location"] == [0, 0, 1, 0]
    assert d.Location.objects.get(pk=EXAMPLE_LOCATION).is_confidential
    assert d.Phone.objects.get().is_private


def test_confidential_mark_on_a_record_already_in_the_hub(
    programme: Programme, tmp_path: Path
) -> None:
    location = LocationFactory(programme=programme)
    phone = PhoneFactory(location=location)
    hub_term = str(term_id(HUB_CODE, CONFIDENTIAL))
    write_csv(
        tmp_path / "a",
        "attributes.csv",
        [
            {
                "id": str(uuid.uuid4()),
                "link_id": str(location.id),
                "taxonomy_term_id": hub_term,
                "link_entity": "location",
            },
            {
                "id": str(uuid.uuid4()),
                "link_id": str(phone.id),
                "taxonomy_term_id": hub_term,
                "link_entity": "phone",
            },
        ],
    )
    out, _err = run(str(tmp_path / "a"), "--programme", "JM")
    table = counts(out)
    assert table["attribute"] == [2, 0, 0, 0]
    assert table["location"] == [0, 1, 0, 0]
    location.refresh_from_db()
    phone.refresh_from_db()
    assert location.is_confidential and phone.is_private
    out, _err = run(str(tmp_path / "a"), "--programme", "JM")
    assert counts(out)["attribute"] == [0, 0, 2, 0]


def test_service_areas_are_linked_to_our_communities(programme: Programme, tmp_path: Path) -> None:
    kingston = AreaFactory(programme=programme, name_en="Kingston", name_es="Kingston", code="KGN")
    spanish_town = AreaFactory(
        programme=programme, name_en="Spanish Town", name_es="Ciudad Española", code="ST"
    )
    folder = example_copy(tmp_path)
    rows = [
        {"id": str(uuid.uuid4()), "service_id": str(EXAMPLE_SERVICE), "name": "kingston"},
        {"id": str(uuid.uuid4()), "service_id": str(EXAMPLE_SERVICE), "name": "ST"},
        {"id": str(uuid.uuid4()), "service_id": str(EXAMPLE_SERVICE), "name": "Ciudad Española"},
        {"id": str(uuid.uuid4()), "service_id": str(EXAMPLE_SERVICE), "name": "Mars"},
    ]
    write_csv(folder, "service_areas.csv", rows)
    run(str(folder), "--programme", "JM")
    areas = {str(area.id): area.area for area in d.ServiceArea.objects.all()}
    assert [areas[row["id"]] for row in rows] == [kingston, spanish_town, spanish_town, None]


def test_an_export_of_the_hub_can_be_read_again_in_the_other_language(
    programme: Programme, tmp_path: Path
) -> None:
    """Texts empty in the export language fall back to the other: no change on import."""
    directory = build_directory(programme)
    call_command(
        "export_hsds",
        "--programme",
        "JM",
        str(tmp_path / "es"),
        "--language",
        "es",
        stdout=io.StringIO(),
    )
    before = snapshot()
    out, _err = run(str(tmp_path / "es"), "--programme", "JM", "--language", "es")
    for entity, (created, updated, _unchanged, _left) in counts(out).items():
        assert (created, updated) == (0, 0), entity
    assert snapshot() == before
    directory.shelter.refresh_from_db()
    assert directory.shelter.name_es == ""


def test_problems_in_a_json_file_name_the_place(programme: Programme, tmp_path: Path) -> None:
    def refused(document: dict) -> str:
        broken = tmp_path / "services.json"
        broken.write_text(json.dumps([document]), encoding="utf-8")
        err = io.StringIO()
        with pytest.raises(CommandError):
            call_command(
                "import_hsds", str(broken), "--programme", "JM", stderr=err, stdout=io.StringIO()
            )
        return err.getvalue()

    before = snapshot()
    document = json.loads((DATA / "service_full.json").read_text(encoding="utf-8"))
    document["service_at_locations"][0]["location"]["addresses"][0]["id"] = "nope"
    assert (
        "services.json, $[0].service_at_locations[0].location.addresses[0], id: “nope” is not a UUID."
        in refused(document)
    )
    # The same phone nested in several places must say the same everywhere.
    document = json.loads((DATA / "service_full.json").read_text(encoding="utf-8"))
    document["phones"][0]["type"] = "pigeon"
    assert (
        "services.json, $[0].phones[0], type: The same record at $[0].organization.phones[0] "
        "has another value here." in refused(document)
    )
    assert snapshot() == before


# --- History, chunks and streaming ----------------------------------------------------------


def test_history_records_each_created_or_changed_record_and_no_unchanged_one(
    programme: Programme, tmp_path: Path
) -> None:
    run(str(DATA / "csv"), "--programme", "JM")
    created = d.Service.history.filter(id=EXAMPLE_SERVICE)
    assert [(h.history_type, h.history_change_reason) for h in created] == [("+", "HSDS import")]
    assert d.Location.history.filter(id=EXAMPLE_LOCATION, history_type="+").count() == 1
    assert d.Phone.history.count() == d.Phone.objects.count() == 1
    run(str(DATA / "csv"), "--programme", "JM")
    assert d.Service.history.filter(id=EXAMPLE_SERVICE).count() == 1
    folder = example_copy(tmp_path)
    edit_csv(folder / "services.csv", lambda rows: rows[0].update(name="Counselling for all"))
    run(str(folder), "--programme", "JM")
    latest = d.Service.history.filter(id=EXAMPLE_SERVICE).latest("history_date")
    assert (latest.history_type, latest.name_en) == ("~", "Counselling for all")
    assert d.Service.history.filter(id=EXAMPLE_SERVICE).count() == 2
    assert d.Location.history.filter(id=EXAMPLE_LOCATION).count() == 1


def test_an_organisation_history_records_the_programme_it_was_linked_to(
    programme: Programme,
) -> None:
    run(str(DATA / "csv"), "--programme", "JM")
    organisation = Organisation.objects.get(hsds_id=EXAMPLE_ORGANISATION)
    latest = organisation.history.latest("history_date")
    assert latest.history_type == "~"
    assert [row.programme_id for row in latest.programmes.all()] == [programme.pk]


def test_rows_are_checked_and_written_by_chunks(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of one row: links to records of earlier chunks and tables resolve, and an id seen
    in an earlier chunk is a duplicate."""
    from directory.hsds.importer import base

    monkeypatch.setattr(base, "CHUNK", 1)
    folder = example_copy(tmp_path)
    second = str(uuid.uuid4())
    edit_csv(
        folder / "phones.csv",
        lambda rows: rows.append({**rows[0], "id": second, "number": "555-0101"}),
    )
    out, _err = run(str(folder), "--programme", "JM")
    assert counts(out)["phone"] == [2, 0, 0, 0]
    assert set(d.Phone.objects.values_list("service_id", flat=True)) == {EXAMPLE_SERVICE}
    edit_csv(folder / "phones.csv", lambda rows: rows.append({**rows[0]}))
    before = snapshot()
    assert "phones.csv, row 4, id: Row 2 has the same id." in _stderr_of(folder)
    assert snapshot() == before


def test_a_row_with_the_wrong_number_of_cells_is_listed_with_the_other_problems(
    programme: Programme, tmp_path: Path
) -> None:
    folder = example_copy(tmp_path)
    edit_csv(folder / "services.csv", _bad_date)
    with (folder / "phones.csv").open("a", encoding="utf-8") as handle:
        handle.write("one,two\n")
    before = snapshot()
    err = _stderr_of(folder)
    assert "services.csv, row 2, assured_date:" in err
    assert "phones.csv, row 3: The row has 2 cells; the header has" in err
    assert snapshot() == before


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte(
    programme: Programme, tmp_path: Path
) -> None:
    folder = example_copy(tmp_path)
    data = (folder / "phones.csv").read_bytes()
    at = data.index(b"\n") + 3
    (folder / "phones.csv").write_bytes(data[:at] + b"\xff" + data[at:])
    before = snapshot()
    assert f"phones.csv: The file is not UTF-8 text (byte {at})." in _stderr_of(folder)
    assert snapshot() == before
