"""Reads for the programme page, built on the permission selectors."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from accounts.models import Invitation
from core.permissions import can_invite
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Membership, Pillar, Programme


@dataclass
class TreeRow:
    node: Any
    depth: int


def as_tree(nodes: list[Any]) -> list[TreeRow]:
    """Order records that have a ``parent_id`` depth-first, each with its depth.

    A record whose parent the reader may not see is shown at the top level.
    """
    ids = {node.pk for node in nodes}
    children: dict[int | None, list[Any]] = defaultdict(list)
    for node in nodes:
        parent = node.parent_id if node.parent_id in ids else None
        children[parent].append(node)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            rows.append(TreeRow(node, depth))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return rows


def programme_organisations(*, programme: Programme, user: Any) -> QuerySet[Organisation]:
    return (
        Organisation.objects.visible_to(user).filter(programmes=programme).order_by("type", "name")
    )


def programme_members(*, programme: Programme, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(user)
        .filter(programme=programme, user__is_active=True)
        .select_related("user", "user__organisation")
        .order_by("role", "user__first_name", "user__last_name")
    )


def programme_page(*, programme: Programme, user: Any) -> dict[str, Any]:
    """Everything the programme page shows, in a fixed number of queries."""
    areas = list(
        Area.objects.visible_to(user).filter(programme=programme).order_by("level", "name")
    )
    priorities = list(
        GovernmentPriority.objects.visible_to(user)
        .filter(programme=programme)
        .order_by("framework", "code")
    )
    context: dict[str, Any] = {
        "organisations": programme_organisations(programme=programme, user=user),
        "members": programme_members(programme=programme, user=user),
        "area_rows": as_tree(areas),
        "pillars": Pillar.objects.order_by("number"),
        "priority_rows": as_tree(priorities),
        "can_invite": can_invite(user, programme),
        "pending_invitations": [],
    }
    if context["can_invite"]:
        context["pending_invitations"] = (
            Invitation.objects.pending().filter(programme=programme).select_related("invited_by")
        )
    return context
