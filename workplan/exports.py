"""CSV and XLSX files of what an overview page or the activity list shows, in the reader's language.

CSV: UTF-8 with a byte-order mark (so that spreadsheets read the accents right) and text cells
that a spreadsheet would run as a formula prefixed with an apostrophe, like the directory's
coverage CSV. XLSX: written by openpyxl in write-only mode; every text cell is written as a
string cell, never as a formula, whatever it starts with, and a second sheet says which
programme, which date and which filters. Numbers stay numbers; budgets keep their cents and
their currency in the column heading, as amounts in different currencies are never added.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from programmes.models import Programme
from workplan.models import Activity
from workplan.overview import Cell, Matrix

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str  # the sheet's name (at most 31 characters in XLSX)
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def defuse(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula; numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def filename(programme: Programme, slug: str, extension: str) -> str:
    """``workplan-JM-agency-pillar-2026-11-25.xlsx``."""
    return f"workplan-{programme.code}-{slug}-{timezone.localdate().isoformat()}.{extension}"


# --- Tables of what the pages show --------------------------------------------------------------


def _cell_values(cell: Cell, currencies: list[str]) -> list[Any]:
    return [cell.count, *[cell.budgets.get(code) for code in currencies]]


def matrix_table(
    matrix: Matrix,
    *,
    title: str,
    extra: dict[Any, list[Any]] | None = None,
    extra_headers: list[str] | None = None,
) -> Table:
    """One row per line of the matrix and a total row; per pillar the number of activities and
    one budget column per currency present."""
    currencies = matrix.currencies
    headers = [matrix.row_heading, *(extra_headers or [])]
    for name in [f"{pillar.number}. {pillar.name}" for pillar in matrix.columns] + [_("Total")]:
        headers.append(_("%(column)s: activities") % {"column": name})
        headers.extend(
            _("%(column)s: budget in %(currency)s") % {"column": name, "currency": code}
            for code in currencies
        )
    table = Table(title=title, headers=headers)
    blank = ["" for _name in extra_headers or []]
    for line in matrix.lines:
        row: list[Any] = [line.label, *((extra or {}).get(line.key, blank))]
        for cell in [*line.cells, line.total]:
            row.extend(_cell_values(cell, currencies))
        table.rows.append(row)
    total_row: list[Any] = [
        _("Total (each activity once)") if matrix.rows_may_overlap else _("Total"),
        *blank,
    ]
    for cell in [*matrix.column_totals, matrix.total]:
        total_row.extend(_cell_values(cell, currencies))
    table.rows.append(total_row)
    return table


def area_table(matrix: Matrix, *, title: str, names: dict[int, str]) -> Table:
    """The areas of the map: level, what contains each, activities and budget per currency."""
    currencies = matrix.currencies
    table = Table(
        title=title,
        headers=[
            _("Area"),
            _("Level"),
            _("Within"),
            _("Activities"),
            *[_("Budget in %(currency)s") % {"currency": code} for code in currencies],
        ],
    )
    for line in matrix.lines:
        area = line.record
        table.rows.append(
            [
                line.label,
                area.get_level_display() if area is not None else "",
                names.get(area.parent_id, "") if area is not None else "",
                *_cell_values(line.total, currencies),
            ]
        )
    return table


def activity_table(activities: Iterable[Activity], *, request: HttpRequest, title: str) -> Table:
    """The activity list's rows with every column a reader needs to work on them."""
    table = Table(
        title=title,
        headers=[
            _("ID"),
            _("Title"),
            _("Lead organisation"),
            _("Organisations taking part"),
            _("Pillar"),
            _("Output"),
            _("Areas"),
            _("Planned start"),
            _("Planned end"),
            _("Actual start"),
            _("Actual end"),
            _("Status"),
            _("Budget"),
            _("Currency"),
            _("Government priorities"),
            _("Groups reached"),
            _("IATI identifier"),
            _("Address"),
        ],
    )
    for activity in activities:
        table.rows.append(
            [
                activity.pk,
                activity.title,
                str(activity.lead_organisation),
                "; ".join(
                    f"{p.organisation} ({p.get_role_display()})"
                    for p in activity.participations.all()
                ),
                str(activity.pillar),
                activity.output.number if activity.output else "",
                "; ".join(area.name for area in activity.areas.all()),
                activity.planned_start,
                activity.planned_end,
                activity.actual_start,
                activity.actual_end,
                activity.get_status_display(),
                activity.budget,
                activity.currency,
                "; ".join(str(priority) for priority in activity.priorities.all()),
                "; ".join(group.name for group in activity.groups.all()),
                activity.iati_identifier,
                request.build_absolute_uri(
                    reverse("workplan:detail", args=[activity.programme.code, activity.pk])
                ),
            ]
        )
    return table


def about_table(
    programme: Programme, *, page: str, filters: list[tuple[str, str]], notes: list[str]
) -> Table:
    """What the file holds: programme, page, date, the filters in use and how to read it."""
    rows: list[list[Any]] = [
        [_("Programme"), f"{programme.code} {programme.name}"],
        [_("Page"), page],
        [_("Date"), timezone.localdate()],
    ]
    rows += [[label, value] for label, value in filters] or [[_("Filters"), _("None")]]
    rows += [[_("Note"), note] for note in notes]
    return Table(title=_("About"), headers=[_("What"), _("Value")], rows=rows)


# --- Writing the files --------------------------------------------------------------------------


def csv_response(table: Table, *, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that spreadsheets read the accents right
    writer = csv.writer(response)
    writer.writerow([defuse(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([defuse(value) for value in row])
    return response


def _xlsx_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    if isinstance(value, int | float | Decimal | datetime.date) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"  # text, never a formula, whatever it starts with
    return cell


def xlsx_response(tables: list[Table], *, name: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        sheet.append([_xlsx_cell(sheet, header) for header in table.headers])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _sheet_title(title: str) -> str:
    """Sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(title))
    return cleaned[:31] or "Sheet"


def wanted_format(request: HttpRequest) -> str | None:
    """ "csv" or "xlsx" when the page is asked for as a file (``?format=…``), else None."""
    wanted = request.GET.get("format")
    return wanted if wanted in ("csv", "xlsx") else None


def file_response(
    wanted: str, *, programme: Programme, slug: str, tables: list[Table]
) -> HttpResponse:
    """The CSV (the first table: the one the page is about) or the XLSX (every table, a sheet each)."""
    if wanted == "csv":
        return csv_response(tables[0], name=filename(programme, slug, "csv"))
    return xlsx_response(tables, name=filename(programme, slug, "xlsx"))
