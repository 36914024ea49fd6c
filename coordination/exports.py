"""CSV and XLSX files of the participation figures.

The writing itself (UTF-8 with a byte-order mark, cells that would run as formulas defused,
XLSX in write-only mode with text cells never written as formulas) is the workplan's, which is
generic; only the file names are the coordination's own.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from programmes.models import Programme
from workplan.exports import Table, csv_response, xlsx_response


def filename(programme: Programme, slug: str, extension: str) -> str:
    """``coordination-JM-figures-attendance-2026-11-25.csv``."""
    return f"coordination-{programme.code}-{slug}-{timezone.localdate().isoformat()}.{extension}"


def file_response(
    wanted: str, *, programme: Programme, slug: str, tables: list[Table]
) -> HttpResponse:
    """The CSV (the first table) or the XLSX (every table, a sheet each)."""
    if wanted == "csv":
        return csv_response(tables[0], name=filename(programme, slug, "csv"))
    return xlsx_response(tables, name=filename(programme, slug, "xlsx"))
