"""Attributes: the terms of services, and the confidential mark of locations and phones.

The marks are found before the locations and phones are read (``find_marks``), so that a record
is written once, marked; the import sets a mark and never clears it (that is decided in the hub,
not by a file). Other attributes are left out, and said so.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from directory import models as m
from directory.hsds import serialize as s
from directory.hsds.fields import CellError, parse_uuid
from directory.hsds.importer.base import Parsed, State
from directory.hsds.importer.records import insert_rows
from directory.hsds.tabular import Row

KEPT = ("service", "location", "phone")


def find_marks(state: State) -> None:
    """Which locations and phones the attributes mark confidential (checked when read again)."""
    for row in state.source.rows("attribute"):
        entity = row.cells.get("link_entity", "").strip()
        if entity not in state.to_mark:
            continue
        try:
            term = parse_uuid(row.cells.get("taxonomy_term_id", ""))
            link_id = parse_uuid(row.cells.get("link_id", ""))
        except CellError:
            continue
        if state.term_map.get(term, term) == s.CONFIDENTIAL_TERM_ID:
            state.to_mark[entity].add(link_id)


def import_attributes(state: State) -> str:
    """Link services to terms and count the marks; return the note on what was left out."""
    terms = set(m.TaxonomyTerm.objects.values_list("pk", flat=True))
    left_out: Counter[str] = Counter()
    for items in state.rows("attribute"):
        _chunk(state, items, terms, left_out)
    counts = state.counts["attribute"]
    counts.left_out = sum(left_out.values())
    if not left_out:
        return ""
    return _(
        "attributes: %(count)s rows left out: the hub keeps the terms of services and "
        "the confidential mark of locations and phones (link_entity: %(entities)s)."
    ) % {"count": counts.left_out, "entities": ", ".join(sorted(left_out))}


def _read(
    state: State, row: Row, terms: set[uuid.UUID], left_out: Counter[str]
) -> tuple[str, uuid.UUID, uuid.UUID] | None:
    entity = row.cells.get("link_entity", "").strip()
    if entity not in KEPT:
        left_out[entity or "—"] += 1
        return None
    ids = []
    for column in ("link_id", "taxonomy_term_id"):
        try:
            ids.append(parse_uuid(row.cells.get(column, "")))
        except CellError as error:
            state.problem(row, column, str(error))
            return None
    link_id, term = ids[0], state.term_map.get(ids[1], ids[1])
    if term not in terms:
        if term not in state.refused.get("taxonomy_term", ()):
            state.problem(
                row,
                "taxonomy_term_id",
                _("There is no taxonomy term with this id in the file or the hub."),
            )
        return None
    return entity, link_id, term


def _chunk(
    state: State, items: list[Parsed], terms: set[uuid.UUID], left_out: Counter[str]
) -> None:
    counts = state.counts["attribute"]
    read: list[tuple[Parsed, str, uuid.UUID, uuid.UUID]] = []
    wanted: dict[str, set[uuid.UUID]] = {entity: set() for entity in KEPT}
    for item in items:
        found = _read(state, item.row, terms, left_out)
        if found is not None:
            read.append((item, *found))
            wanted[found[0]].add(found[1])
    known = {entity: state.existing_ids(entity, ids) for entity, ids in wanted.items()}
    links: list[tuple[uuid.UUID, uuid.UUID]] = []
    for item, entity, link_id, term in read:
        if link_id not in known[entity]:
            if link_id not in state.refused.get(entity, ()):
                state.problem(
                    item.row,
                    "link_id",
                    _(
                        "There is no %(entity)s with this id in the file or in programme %(programme)s."
                    )
                    % {"entity": entity, "programme": state.programme.code},
                )
            continue
        if entity == "service" and term != s.CONFIDENTIAL_TERM_ID:
            links.append((link_id, term))
        elif entity != "service" and term == s.CONFIDENTIAL_TERM_ID:
            if link_id in state.marked:
                state.marked.discard(link_id)  # the first attribute that marks it
                counts.created += 1
            else:
                counts.unchanged += 1
        else:
            left_out[entity] += 1
    _link_terms(state, links)


def _link_terms(state: State, links: list[tuple[uuid.UUID, uuid.UUID]]) -> None:
    counts = state.counts["attribute"]
    through: Any = m.Service.terms.through
    existing = set(
        through.objects.filter(
            service_id__in={service for service, _term in links},
            taxonomyterm_id__in={term for _service, term in links},
        ).values_list("service_id", "taxonomyterm_id")
    )
    new = []
    for link in links:
        if link in existing:
            counts.unchanged += 1
            continue
        existing.add(link)
        new.append(through(service_id=link[0], taxonomyterm_id=link[1]))
        state.services.add(link[0])
    insert_rows(through, new)
    counts.created += len(new)
