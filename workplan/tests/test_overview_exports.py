"""CSV and XLSX files of what the pages show: the same rows and filters, headers in the reader's
language, numbers as numbers, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from workplan.exports import defuse
from workplan.models import ActivityStatus
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world: SimpleNamespace) -> SimpleNamespace:
    world.town = enter(
        world,
        title_en='=HYPERLINK("http://evil.example","Click")',
        areas=[world.spanish_town],
        budget=Decimal("120000.25"),
        currency="USD",
    )
    world.parish = enter(
        world,
        title_en="Parish-wide campaign",
        title_es="Campaña en toda la parroquia",
        areas=[world.st_catherine],
        budget=Decimal("2000000"),
        currency="JMD",
        status=ActivityStatus.IMPLEMENTATION,
    )
    world.media = enter(
        world,
        title_en="+Media monitoring",
        lead_organisation=world.cso,
        user=world.people["partner"],
        pillar_number=3,
    )
    return world


def get(client, world, name: str, query: str):  # type: ignore[no-untyped-def]
    return client.get(reverse(f"workplan:{name}", args=[world.programme.code]) + query)


def csv_rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def xlsx_sheets(response):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(response.content))


def test_agency_pillar_csv_has_the_pages_cells_and_totals_per_currency(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    page = get(client, planned, "agency_pillar", "").context["matrix"]
    response = get(client, planned, "agency_pillar", "?format=csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="workplan-JM-agency-pillar-{today}.csv"'
    )
    rows = csv_rows(response)
    header = rows[0]
    assert header[0] == "Lead organisation"
    assert "2. Institutions: activities" in header
    assert "2. Institutions: budget in JMD" in header
    assert "Total: budget in USD" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {line.label for line in page.lines} | {"Total"}
    un_women = by_name["UN Women (UNW)"]
    assert un_women["Total: activities"] == "2"
    assert un_women["Total: budget in USD"] == "120000.25"
    assert un_women["Total: budget in JMD"] == "2000000.00"
    assert by_name["Total"]["Total: activities"] == "3"


def test_exports_apply_the_filters_of_the_page(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    query = f"?status={ActivityStatus.IMPLEMENTATION}"
    for name in ("agency_pillar", "area_pillar", "alignment"):
        page = get(client, planned, name, query).context["matrix"]
        rows = csv_rows(get(client, planned, name, query + "&format=csv"))
        total = dict(zip(rows[0], rows[-1], strict=True))
        assert int(total["Total: activities"]) == page.total.count == 1, name
    listed = csv_rows(get(client, planned, "activities_export", query + "&format=csv"))
    assert [row[1] for row in listed[1:]] == ["Parish-wide campaign"]
    book = xlsx_sheets(get(client, planned, "agency_pillar", query + "&format=xlsx"))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Status"] == "Implementation"


def test_area_roll_up_and_map_exports_follow_the_chosen_level(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    level = f"?level={planned.st_catherine.level}"
    rows = csv_rows(get(client, planned, "area_pillar", level + "&format=csv"))
    names = [row[0] for row in rows[1:]]
    assert "Spanish Town" not in names
    st_catherine = dict(zip(rows[0], rows[names.index("St Catherine") + 1], strict=True))
    assert st_catherine["Total: activities"] == "2"
    areas = csv_rows(get(client, planned, "map", level + "&format=csv"))
    assert areas[0][:4] == ["Area", "Level", "Within", "Activities"]
    assert ["St Catherine", "Region, parish or department", "Jamaica", "2"] in [
        row[:4] for row in areas[1:]
    ]


def test_formula_cells_are_defused_in_csv_and_stored_as_text_in_xlsx(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    rows = csv_rows(get(client, planned, "activities_export", "?format=csv"))
    titles = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles
    assert "'+Media monitoring" in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    response = get(client, planned, "activities_export", "?format=xlsx")
    sheet = xlsx_sheets(response)["Activities"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert '=HYPERLINK("http://evil.example","Click")' in [cell.value for cell in cells]


def test_defuse_leaves_numbers_and_harmless_text_alone() -> None:
    assert defuse(Decimal("-5")) == Decimal("-5")
    assert defuse("-5 people") == "'-5 people"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("Safe homes") == "Safe homes"
    assert defuse(None) == ""


def test_xlsx_holds_the_list_in_write_only_sheets_with_numbers_as_numbers(
    planned, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = get(client_for("coordinator"), planned, "activities_export", "?format=xlsx")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="workplan-JM-activities-{today}.xlsx"'
    )
    book = xlsx_sheets(response)
    assert book.sheetnames == ["Activities", "About"]
    rows = list(book["Activities"].iter_rows(values_only=True))
    header = rows[0]
    parish = dict(
        zip(header, next(row for row in rows if row[1] == "Parish-wide campaign"), strict=True)
    )
    assert parish["Budget"] == 2000000
    assert parish["Currency"] == "JMD"
    assert parish["Areas"] == "St Catherine"


def test_alignment_xlsx_has_the_matrix_and_both_lists(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    response = get(client_for("coordinator"), planned, "alignment", "?format=xlsx")
    assert "workplan-JM-priority-pillar-" in response["Content-Disposition"]
    book = xlsx_sheets(response)
    assert book.sheetnames == [
        "Priority × pillar",
        "Priorities not served",
        "Activities without priority",
        "About",
    ]
    unaligned = list(book["Activities without priority"].iter_rows(values_only=True))
    assert len(unaligned) == 1 + 3


def test_headers_and_titles_are_in_the_readers_language(planned, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    address = reverse("workplan:activities_export", args=[planned.programme.code])
    assert address.startswith("/en/")
    rows = csv_rows(client.get(address.replace("/en/", "/es/", 1) + "?format=csv"))
    assert "Estado" in rows[0]  # headers through gettext ("Status"), titles in Spanish
    assert "Campaña en toda la parroquia" in [row[1] for row in rows[1:]]
    matrix = csv_rows(
        client.get(
            reverse("workplan:agency_pillar", args=[planned.programme.code]).replace("/en/", "/es/")
            + "?format=csv"
        )
    )
    spanish_pillar = planned.parish.pillar.name_es
    assert any(spanish_pillar in header for header in matrix[0])


def test_the_list_export_is_the_whole_list_not_one_page(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from workplan.tests.factories import ActivityFactory

    for _index in range(55):
        ActivityFactory(programme=world.programme, lead_organisation=world.undp)
    rows = csv_rows(get(client_for("observer"), world, "activities_export", "?format=csv"))
    assert len(rows) == 1 + 55
