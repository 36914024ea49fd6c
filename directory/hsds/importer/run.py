"""The order of an import, in one transaction, and what it reports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.db import DatabaseError, connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds import serialize as s
from directory.hsds.importer.attributes import find_marks, import_attributes
from directory.hsds.importer.base import State
from directory.hsds.importer.directory import DirectoryTables, mark_the_rest, touched_services
from directory.hsds.importer.organisations import import_organisations
from directory.hsds.importer.taxonomies import Taxonomies
from directory.hsds.tabular import HsdsInputError, Problem, Source
from directory.services import services_refresh
from programmes.models import Programme

PAGE_CACHE_MB = 64


@dataclass
class ImportReport:
    counts: dict[str, dict[str, int]]
    warnings: list[Problem]
    notes: list[str]
    dry_run: bool


def hsds_import(
    *, programme: Programme, source: Source, language: str, dry_run: bool = False
) -> ImportReport:
    """Check and write the whole source into the programme; with ``dry_run``, roll it back."""
    language = s.content_language(language)
    with translation.override(language):
        state = State(programme, source, language)
        try:
            with _page_cache(), transaction.atomic():
                _import(state, dry_run=dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as error:
            raise HsdsInputError(
                [
                    Problem(
                        source.name,
                        message=_(
                            "The database refused the import, and nothing was written: %(error)s"
                        )
                        % {"error": error},
                    )
                ]
            ) from error
        return ImportReport(
            counts={entity: asdict(counts) for entity, counts in state.counts.items()},
            warnings=state.warnings,
            notes=[*source.notes, *state.column_notes(), *state.notes],
            dry_run=dry_run,
        )


@contextmanager
def _page_cache() -> Iterator[None]:
    """On SQLite, a page cache of ``PAGE_CACHE_MB`` for the import's connection instead of the
    default 2 MB: the indexes of the tables it fills, keyed by random UUIDs, were otherwise read
    back from the file page by page (gigabytes of reads in a large import)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-PAGE_CACHE_MB * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _import(state: State, *, dry_run: bool) -> None:
    """Every table in the order they link to each other; raises (rolling back) on problems.
    A dry run is rolled back, so it leaves the derived data of the services alone."""
    Taxonomies(state).run()
    find_marks(state)
    import_organisations(state)
    DirectoryTables(state).run()
    mark_the_rest(state)
    note = import_attributes(state)
    if note:
        state.notes.append(note)
    if state.problems:
        raise HsdsInputError(state.problems)
    if not dry_run:
        services_refresh(touched_services(state))
