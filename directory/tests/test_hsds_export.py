"""python manage.py export_hsds: the tabular form with a datapackage.json, valid against the HSDS
schemas; without --include-confidential no shelter address, coordinates or private phone; and
importing an export changes nothing."""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from directory import models as d
from directory.hsds.tabular import TABLE, TABLES
from directory.reference import CONFIDENTIAL, HUB_CODE, taxonomy_id, term_id
from directory.tests.hsds_schemas import assert_valid, schema_of
from directory.tests.hsds_support import (
    SHELTER_ADDRESS,
    SHELTER_PHONE,
    STAFF_LINE,
    Directory,
    build_directory,
    leaks,
)
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(programme: Programme) -> Directory:
    return build_directory(programme)


def export(out: Path, *options: str) -> str:
    stdout = io.StringIO()
    call_command("export_hsds", "--programme", "JM", str(out), *options, stdout=stdout)
    return stdout.getvalue()


def read_tables(folder: Path) -> dict[str, list[dict[str, str]]]:
    tables = {}
    for table in TABLES:
        with (folder / table.path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == table.names, table.path
            tables[table.entity] = list(reader)
    return tables


def all_text(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()))


def typed(entity: str, row: dict[str, str], fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A CSV row as the JSON object its datapackage types describe: an empty cell is an empty
    text where HSDS requires the field, and no value otherwise."""
    required = set(schema_of(entity).get("required", []))
    obj: dict[str, Any] = {}
    for name, value in row.items():
        if value == "" and name not in required:
            continue
        obj[name] = float(value) if fields[name]["type"] == "number" else value
    return obj


def test_export_writes_every_table_with_a_datapackage(directory: Directory, tmp_path: Path) -> None:
    out = tmp_path / "jm"
    printed = export(out)
    assert "services.csv" in printed and "Exported JM" in printed
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "spotlight-hub-jm-directory"
    resources = {resource["path"]: resource for resource in package["resources"]}
    assert set(resources) == {table.path for table in TABLES}
    tables = read_tables(out)
    for table in TABLES:
        resource = resources[table.path]
        assert resource["profile"] == "tabular-data-resource"
        assert resource["schema"]["primaryKey"] == "id"
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        assert list(fields) == table.names
        for row in tables[table.entity]:
            assert_valid(table.entity, typed(table.entity, row, fields))
    assert {row["name"] for row in tables["service"]} == {
        "Crisis counselling",
        "Safe shelter",
        "Old helpline",
    }


def test_exported_links_name_rows_of_the_same_export(directory: Directory, tmp_path: Path) -> None:
    for options in ((), ("--include-confidential",)):
        out = tmp_path / f"x{len(options)}"
        export(out, *options)
        tables = read_tables(out)
        package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        ids = {entity: {row["id"] for row in rows} for entity, rows in tables.items()}
        for resource in package["resources"]:
            for key in resource["schema"]["foreignKeys"]:
                target = key["reference"]["resource"]
                for row in tables[resource["name"]]:
                    value = row[key["fields"]]
                    assert not value or value in ids[target], (resource["name"], key["fields"])
        for row in tables["attribute"]:
            assert row["link_id"] in ids[row["link_entity"]]
            assert row["taxonomy_term_id"] in ids["taxonomy_term"]


def test_confidential_address_absent_from_hsds_export(directory: Directory, tmp_path: Path) -> None:
    out = tmp_path / "public"
    export(out)
    assert leaks(all_text(out), directory) == []
    tables = read_tables(out)
    assert {row["name"] for row in tables["location"]} == {"Kingston office"}
    assert {row["number"] for row in tables["phone"]} == {"876-555-0100", "876-555-0111"}
    # Members-only services stay out of a file that may be published.
    assert "Case conference" not in all_text(out)
    # No confidential mark either: there is nothing confidential to mark.
    assert all(row["link_entity"] == "service" for row in tables["attribute"])


def test_include_confidential_exports_them_marked(directory: Directory, tmp_path: Path) -> None:
    out = tmp_path / "members"
    printed = export(out, "--include-confidential")
    assert "do not publish" in printed
    tables = read_tables(out)
    assert SHELTER_ADDRESS in {row["address_1"] for row in tables["address"]}
    house = next(row for row in tables["location"] if row["id"] == str(directory.house.id))
    assert (house["latitude"], house["longitude"]) == ("18.123457", "-76.543211")
    assert {SHELTER_PHONE, STAFF_LINE} <= {row["number"] for row in tables["phone"]}
    assert "Case conference" in {row["name"] for row in tables["service"]}
    flag = str(term_id(HUB_CODE, CONFIDENTIAL))
    marked = {
        (row["link_entity"], row["link_id"])
        for row in tables["attribute"]
        if row["taxonomy_term_id"] == flag
    }
    assert marked == {
        ("location", str(directory.house.id)),
        ("phone", str(directory.staff_line.id)),
    }
    assert {row["id"]: row["name"] for row in tables["taxonomy"]}[str(taxonomy_id(HUB_CODE))] == (
        "spotlight-hub"
    )
    assert flag in {row["id"] for row in tables["taxonomy_term"]}


@pytest.mark.parametrize("options", [(), ("--include-confidential",)])
def test_export_then_import_changes_nothing(
    directory: Directory, tmp_path: Path, options: tuple[str, ...]
) -> None:
    out = tmp_path / "again.zip"
    export(out, *options)
    assert zipfile.is_zipfile(out)
    stamps = dict(d.Service.objects.values_list("pk", "updated_at"))
    history = d.Service.history.model.objects.count()
    printed = io.StringIO()
    call_command("import_hsds", str(out), "--programme", "JM", stdout=printed)
    lines = [line.split() for line in printed.getvalue().splitlines()]
    table = {parts[0]: parts[1:] for parts in lines if len(parts) == 5 and parts[0] in TABLE}
    assert set(table) >= {"service", "location", "phone", "attribute"}
    for entity, (created, updated, unchanged, _left_out) in table.items():
        assert (created, updated) == ("0", "0"), entity
        assert int(unchanged) > 0, entity
    assert dict(d.Service.objects.values_list("pk", "updated_at")) == stamps
    assert d.Service.history.model.objects.count() == history


def test_export_in_spanish_falls_back_to_english(directory: Directory, tmp_path: Path) -> None:
    out = tmp_path / "es"
    export(out, "--language", "es")
    names = {row["id"]: row["name"] for row in read_tables(out)["service"]}
    assert names[str(directory.counselling.id)] == "Consejería en crisis"
    assert names[str(directory.shelter.id)] == "Safe shelter"  # no Spanish name
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert "es" in package["description"]


def test_export_refuses_a_file_that_is_not_a_zip(directory: Directory, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(CommandError):
        export(target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_tables_follow_the_hsds_schemas() -> None:
    """Columns, types and formats of every table we write, as the HSDS 3.0 schemas have them."""
    for table in TABLES:
        schema = schema_of(table.entity)
        assert schema["path"] == table.path
        columns = {
            name: spec
            for name, spec in schema["properties"].items()
            if spec.get("type") != "array" and "$ref" not in spec
        }
        assert list(columns) == table.names, table.entity
        required = set(schema.get("required", [])) | set(schema.get("tabular_required") or [])
        for column in table.columns:
            spec = columns[column.name]
            assert column.type == spec.get("datapackage_type", spec["type"]), column
            assert column.format == (
                "" if spec.get("format") == "date-time" else spec.get("format", "")
            ), column
            assert column.required == (column.name in required), column
            assert column.enum == tuple(spec.get("enum", ())), column
