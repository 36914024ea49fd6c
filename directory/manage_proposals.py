"""Proposals by focal points and partners, and suggestions from the public: their decisions.

A proposal holds a payload (``directory.manage_payload``) that is checked when it is made and
applied, in the approving coordinator's name, through ``directory.manage_services``.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.manage_payload import (
    COORDINATOR_ONLY,
    SECTIONS,
    payload_changes,
    payload_part,
    service_payload,
)
from directory.manage_services import payload_check, service_create, service_update
from directory.models import Service, ServiceChangeRequest, Suggestion
from organisations.models import Organisation
from programmes.models import Programme


def service_change_request_create(
    *, service: Service, user: Any, payload: dict[str, Any]
) -> ServiceChangeRequest:
    """A proposal of the changes the payload makes, checked now, applied when approved."""
    current = service_payload(service)
    changes = payload_changes(current, payload)
    if not changes:
        raise ValidationError(_("Nothing was changed, so there is nothing to propose."))
    if COORDINATOR_ONLY & set(changes.get("service", {})):
        raise ValidationError(
            _(
                "Only a coordinator changes the organisation, the visibility or the date last verified."
            )
        )
    with transaction.atomic():
        # Try it, then roll it back: a proposal that could not be applied is refused now, while
        # its author can still correct it.
        payload_check(service=Service.objects.get(pk=service.pk), user=user, payload=changes)
        change_request = ServiceChangeRequest(
            programme_id=service.programme_id,
            service=service,
            proposed_by=user,
            data=changes,
            original=payload_part(current, changes),
        )
        change_request.full_clean()
        change_request.save()
    return change_request


def _is_empty(value: Any) -> bool:
    return value in (None, "", [], {})


def new_service_request_create(
    *, programme: Programme, user: Any, payload: dict[str, Any]
) -> ServiceChangeRequest:
    """A new service proposed by a focal point or partner for their own organisation.

    It is checked now and created, through ``service_create``, when a coordinator approves it.
    The organisation is the proposer's; the visibility is the default (public) and the service
    is not counted as verified until a coordinator verifies it.
    """
    fields = {name: value for name, value in payload.get("service", {}).items()}
    if COORDINATOR_ONLY & {name for name, value in fields.items() if not _is_empty(value)}:
        raise ValidationError(
            _(
                "Only a coordinator changes the organisation, the visibility or the date last verified."
            )
        )
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        raise ValidationError(
            _("Your profile names no organisation, so you cannot propose a service for it.")
        )
    if not Organisation.objects.filter(pk=organisation_id, programmes=programme).exists():
        raise ValidationError(
            _(
                "Your organisation does not work in this programme yet: ask a coordinator to "
                "add it, or to add the service."
            )
        )
    # Only what was filled in: the proposal reads as the new record, and the rest is default.
    data: dict[str, Any] = {
        "service": {
            **{name: value for name, value in fields.items() if not _is_empty(value)},
            "organisation": organisation_id,
        }
    }
    data.update(
        {section: rows for section, rows in payload.items() if section in SECTIONS and rows}
    )
    with transaction.atomic():
        payload_check(service=Service(programme=programme), user=user, payload=data)
        change_request = ServiceChangeRequest(
            programme=programme, new_service=True, proposed_by=user, data=data, original={}
        )
        change_request.full_clean()
        change_request.save()
    return change_request


def _pending(change_request: ServiceChangeRequest) -> ServiceChangeRequest:
    locked = (
        # Only the proposal is locked: its service is on the nullable side of a join (PostgreSQL
        # locks no such row), and a new service has none yet.
        ServiceChangeRequest.objects.select_for_update(of=("self",))
        .select_related("programme", "service__programme")
        .get(pk=change_request.pk)
    )
    if locked.status != ServiceChangeRequest.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    return locked


def service_change_request_approve(
    *, change_request: ServiceChangeRequest, user: Any, note: str = ""
) -> ServiceChangeRequest:
    """Apply the proposal through ``service_update`` (a new service through ``service_create``),
    in the approver's name, and close it."""
    with transaction.atomic():
        locked = _pending(change_request)
        reason = f"proposal:{locked.pk}"
        if locked.new_service:
            locked.service = service_create(
                programme=locked.programme, user=user, payload=locked.data, reason=reason
            )
        else:
            service_update(service=locked.service, user=user, payload=locked.data, reason=reason)
        locked.status = ServiceChangeRequest.Status.APPROVED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.note = note
        locked.full_clean()
        locked.save()
    return locked


def service_change_request_reject(
    *, change_request: ServiceChangeRequest, user: Any, note: str
) -> ServiceChangeRequest:
    """Close the proposal unapplied; the note tells its author why. The service is unchanged."""
    if not note.strip():
        raise ValidationError({"note": _("Say why, so that the person who proposed it knows.")})
    with transaction.atomic():
        locked = _pending(change_request)
        locked.status = ServiceChangeRequest.Status.REJECTED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.note = note.strip()
        locked.full_clean()
        locked.save()
    return locked


def suggestion_decide(*, suggestion: Suggestion, user: Any, status: str) -> Suggestion:
    """Close a public suggestion as applied or dismissed. The service itself is edited apart."""
    if status not in (Suggestion.Status.APPLIED, Suggestion.Status.DISMISSED):
        raise ValidationError({"status": _("Mark the suggestion as applied or dismissed.")})
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been dealt with."))
        locked.status = status
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.full_clean()
        locked.save()
    return locked
