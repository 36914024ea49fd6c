"""Taxonomies and their terms (small tables, read whole).

The hub's reference taxonomies (the Essential Services Package, ``spotlight-hub``) are matched
by id, code or name and never changed by a file; other taxonomies and terms are created or
updated.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory import models as m
from directory import reference
from directory.hsds.fields import CellError, parse_uuid
from directory.hsds.importer.base import Parsed, State
from directory.hsds.importer.records import apply, referenced, save, valid
from directory.hsds.tabular import Row
from directory.search import fold

REFERENCE_TAXONOMIES = (reference.ESP_CODE, reference.HUB_CODE)


class Taxonomies:
    def __init__(self, state: State) -> None:
        self.state = state
        self.new: dict[uuid.UUID, m.Taxonomy] = {}
        self.changed: dict[uuid.UUID, m.Taxonomy] = {}
        self.changed_attrs: set[str] = set()

    def run(self) -> None:
        self._taxonomies([item for items in self.state.rows("taxonomy") for item in items])
        self._terms([item for items in self.state.rows("taxonomy_term") for item in items])

    @cached_property
    def reference_taxonomies(self) -> dict[str, m.Taxonomy]:
        return {t.code: t for t in m.Taxonomy.objects.filter(code__in=REFERENCE_TAXONOMIES)}

    def _reference_named(self, name: str) -> m.Taxonomy | None:
        wanted = fold(name.strip())
        for taxonomy in self.reference_taxonomies.values():
            names = {taxonomy.code, taxonomy.name_en or "", taxonomy.name_es or "", taxonomy.name}
            if wanted and wanted in {fold(n or "") for n in names}:
                return taxonomy
        return None

    def _new_taxonomy_code(self, name: str, taxonomy_id: uuid.UUID) -> str:
        base = slugify(name)[:40] or "taxonomy"
        taken = {t.code for t in self.new.values()}
        if base in taken or m.Taxonomy.objects.filter(code=base).exists():
            base = f"{base[:31]}-{taxonomy_id.hex[:8]}"
        return base

    # --- Taxonomies ---------------------------------------------------------------------------

    def _taxonomies(self, items: list[Parsed]) -> None:
        state = self.state
        counts = state.counts["taxonomy"]
        existing = m.Taxonomy.objects.in_bulk([item.id for item in items])
        for item in items:
            record = existing.get(item.id)
            ref = record if record and record.code in REFERENCE_TAXONOMIES else None
            ref = ref or (None if record else self._reference_named(item.values.get("name", "")))
            if ref is not None:
                # The hub's reference data stays as the hub defines it.
                state.taxonomy_map[item.id] = ref.id
                counts.unchanged += 1
                continue
            state.taxonomy_map[item.id] = item.id
            obj = record or m.Taxonomy(
                id=item.id, code=self._new_taxonomy_code(item.values["name"], item.id)
            )
            changed = apply(state, "taxonomy", obj, item, is_new=record is None)
            if (record is None or changed) and not valid(state, "taxonomy", obj, item.row, changed):
                state.refuse("taxonomy", item.id)
            elif record is None:
                self.new[item.id] = obj
            elif changed:
                self.changed[item.id] = obj
                self.changed_attrs |= changed
            else:
                counts.unchanged += 1

    def _implicit_taxonomy(
        self, row: Row, taxonomy_id: uuid.UUID, name: str, column: str
    ) -> uuid.UUID:
        if taxonomy_id not in self.new:
            obj = m.Taxonomy(id=taxonomy_id, code=self._new_taxonomy_code(name, taxonomy_id))
            setattr(obj, f"name_{self.state.language}", name)
            self.new[taxonomy_id] = obj
            self.state.warn(
                row,
                column,
                _("The taxonomy is not in the file; it is created as “%(name)s”.") % {"name": name},
            )
        return taxonomy_id

    def _term_taxonomy(self, row: Row) -> uuid.UUID | None:
        state = self.state
        raw_id = row.cells.get("taxonomy_id", "").strip()
        name = row.cells.get("taxonomy", "").strip()
        if raw_id:
            try:
                taxonomy_id = parse_uuid(raw_id)
            except CellError as error:
                state.problem(row, "taxonomy_id", str(error))
                return None
            taxonomy_id = state.taxonomy_map.get(taxonomy_id, taxonomy_id)
            if taxonomy_id in self.new or m.Taxonomy.objects.filter(pk=taxonomy_id).exists():
                return taxonomy_id
            ref = self._reference_named(name) if name else None
            if ref is not None:
                return ref.id
            return self._implicit_taxonomy(
                row, taxonomy_id, name or str(taxonomy_id), "taxonomy_id"
            )
        if name:
            ref = self._reference_named(name)
            if ref is not None:
                return ref.id
            same = m.Taxonomy.objects.filter(
                models.Q(code=slugify(name)) | models.Q(name=name)
            ).first()
            if same is not None:
                return same.id
            return self._implicit_taxonomy(
                row, reference.taxonomy_id(slugify(name) or name), name, "taxonomy"
            )
        state.problem(
            row,
            "taxonomy_id",
            _("Say which taxonomy the term belongs to: taxonomy_id or taxonomy."),
        )
        return None

    # --- Terms --------------------------------------------------------------------------------

    def _terms(self, items: list[Parsed]) -> None:
        state = self.state
        counts = state.counts["taxonomy_term"]
        references = {t.id: t for t in self.reference_taxonomies.values()}
        taxonomies = {item.id: self._term_taxonomy(item.row) for item in items}
        existing = m.TaxonomyTerm.objects.select_related("taxonomy").in_bulk(
            [item.id for item in items]
        )
        reference_terms = {
            (term.taxonomy_id, term.code): term
            for term in m.TaxonomyTerm.objects.filter(taxonomy__in=list(references))
        }
        # First the terms that name the hub's reference terms, so that links to them resolve.
        others = []
        for item in items:
            taxonomy_id = taxonomies[item.id]
            record = existing.get(item.id)
            if record is not None and record.taxonomy_id in references:
                taxonomy_id = record.taxonomy_id
            if taxonomy_id is None:
                state.refuse("taxonomy_term", item.id)
                continue
            if taxonomy_id not in references:
                others.append(item)
                continue
            term = record if record and record.taxonomy_id == taxonomy_id else None
            term = term or reference_terms.get((taxonomy_id, item.values.get("code", "")))
            if term is None:
                state.problem(
                    item.row,
                    "code",
                    _("The taxonomy “%(taxonomy)s” has no term with the code “%(code)s”.")
                    % {
                        "taxonomy": references[taxonomy_id].code,
                        "code": item.values.get("code", ""),
                    },
                )
                state.refuse("taxonomy_term", item.id)
                continue
            state.term_map[item.id] = term.id
            counts.unchanged += 1
        new: dict[uuid.UUID, m.TaxonomyTerm] = {}
        changed: dict[uuid.UUID, m.TaxonomyTerm] = {}
        attrs: set[str] = set()
        rows: dict[uuid.UUID, Row] = {}
        # A parent may be a term of the file, of this table.
        in_file = {item.id for item in others} - state.refused.get("taxonomy_term", set())
        known = referenced(state, "taxonomy_term", others)
        known["taxonomy_term"] = known.get("taxonomy_term", set()) | in_file
        for item in others:
            record = existing.get(item.id)
            obj = record or m.TaxonomyTerm(id=item.id)
            if not item.values.get("code"):
                item.values.pop("code", None)  # none given: keep the code, or use the id
                if record is None:
                    obj.code = str(item.id)
            diff = apply(state, "taxonomy_term", obj, item, is_new=record is None, known=known)
            if obj.taxonomy_id != taxonomies[item.id]:
                obj.taxonomy_id = taxonomies[item.id]
                diff.add("taxonomy_id")
            if (record is None or diff) and not valid(state, "taxonomy_term", obj, item.row, diff):
                state.refuse("taxonomy_term", item.id)
                continue
            rows[item.id] = item.row
            if record is None:
                new[item.id] = obj
            elif diff:
                changed[item.id] = obj
                attrs |= diff
            else:
                counts.unchanged += 1
        self._unique_codes({**new, **changed}, rows)
        save(
            state,
            m.Taxonomy,
            list(self.new.values()),
            list(self.changed.values()),
            self.changed_attrs,
        )
        state.counts["taxonomy"].created += len(self.new)
        state.counts["taxonomy"].updated += len(self.changed)
        save(
            state,
            m.TaxonomyTerm,
            sorted(new.values(), key=lambda t: _depth(t, new)),
            list(changed.values()),
            attrs,
        )
        counts.created += len(new)
        counts.updated += len(changed)

    def _unique_codes(self, planned: dict[uuid.UUID, Any], rows: dict[uuid.UUID, Row]) -> None:
        """A code once in a taxonomy."""
        codes: dict[tuple[Any, str], uuid.UUID] = {}
        for term in m.TaxonomyTerm.objects.filter(
            taxonomy_id__in={t.taxonomy_id for t in planned.values()},
            code__in={t.code for t in planned.values()},
        ).exclude(pk__in=list(planned)):
            codes[(term.taxonomy_id, term.code)] = term.id
        for record_id, term in planned.items():
            other = codes.setdefault((term.taxonomy_id, term.code), record_id)
            if other != record_id:
                self.state.problem(
                    rows[record_id], "code", _("This taxonomy already has a term with this code.")
                )


def _depth(term: m.TaxonomyTerm, new: dict[Any, Any]) -> int:
    depth = 0
    while term.parent_id in new and depth < 50:
        term = new[term.parent_id]
        depth += 1
    return depth
