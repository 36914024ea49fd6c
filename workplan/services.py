"""Writes for the joint workplan.

Callers check permission first (``core.permissions``: ``can_create_activity``,
``can_lead_activity_as``, ``can_change_activity``, ``can_decide_overlap``); these functions
validate everything, report every problem at once under the field it concerns, and write all or
nothing. Each write of an activity refreshes its row of the term index (``ActivityTerm``) that the
entry-time duplicate check reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Organisation
from programmes.models import Programme
from workplan import overlaps
from workplan.facts import AreaTree, facts_for
from workplan.models import Activity, ActivityTerm, OverlapDecision, Participation

ACTIVITY_FIELDS = [
    "title_en",
    "title_es",
    "description_en",
    "description_es",
    "lead_organisation",
    "pillar",
    "output",
    "areas",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "status",
    "budget",
    "currency",
    "priorities",
    "groups",
    "sector",
    "gender_marker",
    "visibility",
    "iati_identifier",
]
M2M_FIELDS = {"areas", "priorities", "groups"}
TERM_MAX_LENGTH = ActivityTerm._meta.get_field("term").max_length

# (organisation, IATI role code)
ParticipationRow = tuple[Organisation, int]


def _add(errors: dict[str, list[Any]], error: ValidationError) -> None:
    for field, messages in error.update_error_dict({}).items():
        errors.setdefault(field, []).extend(messages)


def _link_errors(programme: Programme, links: dict[str, Any]) -> dict[str, list[Any]]:
    """Areas and government priorities must be the programme's own."""
    errors: dict[str, list[Any]] = {}
    messages = {
        "areas": _("Choose areas of this programme only."),
        "priorities": _("Choose government priorities of this programme only."),
    }
    for name, message in messages.items():
        if name in links and any(item.programme_id != programme.pk for item in links[name]):
            errors[name] = [ValidationError(message, code="other_programme")]
    return errors


def _participation_errors(
    programme: Programme, rows: Sequence[ParticipationRow]
) -> dict[str, list[Any]]:
    problems: list[ValidationError] = []
    seen: set[tuple[int, int]] = set()
    works_here = set(
        Organisation.objects.filter(
            pk__in={organisation.pk for organisation, _role in rows}, programmes=programme
        ).values_list("pk", flat=True)
    )
    for organisation, role in rows:
        if organisation.pk not in works_here:
            problems.append(
                ValidationError(
                    _("%(name)s does not work in the programme: a coordinator adds it first.")
                    % {"name": organisation},
                    code="other_programme",
                )
            )
        if (organisation.pk, int(role)) in seen:
            problems.append(
                ValidationError(
                    _("%(name)s is listed twice in the same role.") % {"name": organisation},
                    code="twice",
                )
            )
        seen.add((organisation.pk, int(role)))
    return {"participations": problems} if problems else {}


def _validate(
    activity: Activity, links: dict[str, Any], rows: Sequence[ParticipationRow] | None
) -> None:
    errors: dict[str, list[Any]] = {}
    try:
        activity.full_clean()
    except ValidationError as error:
        _add(errors, error)
    errors.update(_link_errors(activity.programme, links))
    if rows is not None:
        errors.update(_participation_errors(activity.programme, rows))
    if errors:
        raise ValidationError(errors)


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Unknown fields: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            }
        )
    plain = {k: v for k, v in values.items() if k not in M2M_FIELDS}
    links = {k: list(v) for k, v in values.items() if k in M2M_FIELDS}
    return plain, links


def activity_create(
    *,
    programme: Programme,
    user: Any,
    participations: Sequence[ParticipationRow] = (),
    **values: Any,
) -> Activity:
    """Create an activity with its areas, priorities, groups and participating organisations."""
    plain, links = _split(values)
    activity = Activity(programme=programme, **plain)
    activity._history_user = user  # type: ignore[attr-defined]
    _validate(activity, links, participations)
    with transaction.atomic():
        _save(activity, links, created=True)
        _participations_write(activity=activity, rows=participations, user=user)
        activity_reindex(activity=activity)
    return activity


def activity_update(
    *,
    activity: Activity,
    user: Any,
    data: dict[str, Any],
    participations: Sequence[ParticipationRow] | None = None,
) -> Activity:
    """Change the fields present in ``data``; ``participations``, when given, replaces the list.

    Nothing is written when nothing changed, so the history holds only real changes.
    """
    plain, links = _split(data)
    changed = [name for name, value in plain.items() if getattr(activity, name) != value]
    changed_links = {
        name: values
        for name, values in links.items()
        if {item.pk for item in values} != set(getattr(activity, name).values_list("pk", flat=True))
    }
    if not changed and not changed_links and participations is None:
        return activity
    for name in changed:
        setattr(activity, name, plain[name])
    activity._history_user = user  # type: ignore[attr-defined]
    _validate(activity, changed_links, participations)
    with transaction.atomic():
        if changed or changed_links:
            _save(activity, changed_links, created=False)
        if participations is not None:
            _participations_write(activity=activity, rows=participations, user=user)
        activity_reindex(activity=activity)
    return activity


def _save(activity: Activity, links: dict[str, Any], *, created: bool) -> None:
    """Save the activity and its links with one history row holding the links as they end up.

    django-simple-history would otherwise add a row for every list set (areas, priorities,
    groups), so that one change would read as four.
    """
    activity.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        activity.save()
        for name, related in links.items():
            getattr(activity, name).set(related)
    finally:
        del activity.skip_history_when_saving  # type: ignore[attr-defined]
    activity.save(update_fields=["updated_at"])
    if created:
        activity.history.filter(pk=activity.history.latest().pk).update(history_type="+")


def _participations_write(
    *, activity: Activity, rows: Sequence[ParticipationRow], user: Any
) -> None:
    wanted = {(organisation.pk, int(role)) for organisation, role in rows}
    existing = {(p.organisation_id, p.role): p for p in activity.participations.all()}
    for key, participation in existing.items():
        if key not in wanted:
            participation._history_user = user  # type: ignore[attr-defined]
            participation.delete()
    for organisation_id, role in sorted(wanted - set(existing)):
        participation = Participation(activity=activity, organisation_id=organisation_id, role=role)
        participation._history_user = user  # type: ignore[attr-defined]
        participation.full_clean()
        participation.save()


def participation_set(
    *, activity: Activity, user: Any, participations: Sequence[ParticipationRow]
) -> None:
    """Replace the organisations taking part in an activity (other than its lead)."""
    errors = _participation_errors(activity.programme, participations)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _participations_write(activity=activity, rows=participations, user=user)
        activity_reindex(activity=activity)


def participation_add(
    *, activity: Activity, user: Any, organisation: Organisation, role: int
) -> Participation:
    rows = [
        (p.organisation, p.role) for p in activity.participations.select_related("organisation")
    ]
    participation_set(activity=activity, user=user, participations=[*rows, (organisation, role)])
    return activity.participations.get(organisation=organisation, role=role)


# --- The term index -------------------------------------------------------------------------


def _terms(facts: overlaps.ActivityFacts) -> set[str]:
    return {term[:TERM_MAX_LENGTH] for term in overlaps.terms_of(facts) if term}


def activity_reindex(*, activity: Activity) -> None:
    """Bring the activity's rows of the term index in line with what it says now."""
    facts = facts_for([activity.pk])[activity.pk]
    wanted = _terms(facts)
    existing = set(ActivityTerm.objects.filter(activity=activity).values_list("term", flat=True))
    with transaction.atomic():
        stale = existing - wanted
        if stale:
            ActivityTerm.objects.filter(activity=activity, term__in=stale).delete()
        ActivityTerm.objects.bulk_create(
            ActivityTerm(programme_id=activity.programme_id, activity=activity, term=term)
            for term in sorted(wanted - existing)
        )


def activities_reindex(*, programme: Programme, batch_size: int = 500) -> int:
    """Rebuild the programme's whole term index (after an import, or a change of the scorer)."""
    ids = list(Activity.objects.filter(programme=programme).values_list("pk", flat=True))
    tree = AreaTree.of([programme.pk])
    with transaction.atomic():
        ActivityTerm.objects.filter(programme=programme).delete()
        for start in range(0, len(ids), batch_size):
            facts = facts_for(ids[start : start + batch_size], tree=tree)
            ActivityTerm.objects.bulk_create(
                (
                    ActivityTerm(programme=programme, activity_id=pk, term=term)
                    for pk, item in facts.items()
                    for term in sorted(_terms(item))
                ),
                batch_size=1000,
            )
    return len(ids)


# --- Decisions on overlapping pairs ----------------------------------------------------------


def overlap_decision_record(
    *,
    activity: Activity,
    other: Activity,
    decision: str,
    note: str = "",
    user: Any,
) -> OverlapDecision:
    """Record (or replace) the decision on a pair, with both sides' material signatures now."""
    if activity.pk == other.pk:
        raise ValidationError(_("An activity cannot overlap with itself."))
    if activity.programme_id != other.programme_id:
        raise ValidationError(_("Both activities must belong to the same programme."))
    first, second = sorted((activity, other), key=lambda item: item.pk)
    facts = facts_for([first.pk, second.pk])
    with transaction.atomic():
        record = (
            OverlapDecision.objects.select_for_update()
            .filter(activity_a=first, activity_b=second)
            .first()
        ) or OverlapDecision(programme_id=first.programme_id, activity_a=first, activity_b=second)
        record.decision = decision
        record.note = (note or "").strip()
        record.decided_by = user if getattr(user, "is_authenticated", False) else None
        record.decided_at = timezone.now()
        record.signature_a = overlaps.material_signature(facts[first.pk])
        record.signature_b = overlaps.material_signature(facts[second.pk])
        record._history_user = user  # type: ignore[attr-defined]
        record.full_clean()
        record.save()
    return record
