"""Organisations: the hub's own ``Organisation``, matched by ``hsds_id``, and linked to the
programme they are imported into (with a history row saying so, as an edit would)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from directory.hsds.importer.base import Parsed, State, chunks
from directory.hsds.importer.records import BATCH, apply, save, valid
from organisations.models import Organisation


def import_organisations(state: State) -> None:
    for items in state.rows("organization"):
        _chunk(state, items)


def _chunk(state: State, items: list[Parsed]) -> None:
    counts = state.counts["organization"]
    existing = {
        org.hsds_id: org
        for org in Organisation.objects.filter(hsds_id__in=[item.id for item in items])
    }
    linked = _linked(state, [org.pk for org in existing.values()])
    new: list[Organisation] = []
    changed: list[Organisation] = []
    attrs: set[str] = set()
    to_link: list[Organisation] = []
    for item in items:
        record = existing.get(item.id)
        obj = record or Organisation(hsds_id=item.id, type=Organisation.Type.CIVIL_SOCIETY)
        diff = apply(state, "organization", obj, item, is_new=record is None)
        if (record is None or diff) and not valid(state, "organization", obj, item.row, diff):
            state.refuse("organization", item.id)
            continue
        if record is None:
            new.append(obj)
            to_link.append(obj)
        elif record.pk not in linked:
            # Linking it to the programme is its change (with the history row it writes).
            to_link.append(obj)
            if diff:
                changed.append(obj)
            else:
                counts.updated += 1
        elif diff:
            changed.append(obj)
        else:
            counts.unchanged += 1
        if diff:
            attrs |= diff
    save(state, Organisation, new, changed, attrs)
    counts.created += len(new)
    counts.updated += len(changed)
    state.org_pk.update((org.hsds_id, org.pk) for org in [*new, *existing.values()])
    link_to_programme(state, to_link)


def _linked(state: State, pks: list[int]) -> set[int]:
    return set(
        Organisation.programmes.through.objects.filter(
            programme=state.programme, organisation_id__in=pks
        ).values_list("organisation_id", flat=True)
    )


def link_unlinked(state: State, pks: set[int]) -> None:
    """Link to the programme the organisations its services name (not counted: the file did not
    list them)."""
    for batch in chunks(sorted(pks)):
        unlinked = set(batch) - _linked(state, batch)
        link_to_programme(state, list(Organisation.objects.filter(pk__in=unlinked)))


def link_to_programme(state: State, organisations: list[Organisation]) -> None:
    """Add the programme to these organisations, with the history row and the record of their
    programmes that ``organisation.programmes.add`` would write, in bulk."""
    if not organisations:
        return
    through = Organisation.programmes.through
    through.objects.bulk_create(
        [through(organisation_id=org.pk, programme_id=state.programme.pk) for org in organisations],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    history = Organisation.history.bulk_history_create(  # type: ignore[attr-defined]
        organisations, batch_size=BATCH, update=True, default_change_reason=_("HSDS import")
    )
    historical = Organisation.history.model  # type: ignore[attr-defined]
    m2m_history = apps.get_model(historical._meta.app_label, f"{historical.__name__}_programmes")
    links: dict[Any, list[tuple[Any, Any]]] = defaultdict(list)
    for link_id, org_id, programme_id in through.objects.filter(
        organisation_id__in=[org.pk for org in organisations]
    ).values_list("id", "organisation_id", "programme_id"):
        links[org_id].append((link_id, programme_id))
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                history_id=row.pk, id=link_id, organisation_id=row.id, programme_id=programme_id
            )
            for row in history
            for link_id, programme_id in links[row.id]
        ],
        batch_size=BATCH,
    )
