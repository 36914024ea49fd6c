"""Writes for the directory.

Whatever changes a service, its schedules, locations or names (forms, admin actions, HSDS
import) ends by calling ``services_refresh`` with the services it touched, which recomputes what
the hub derives from them: the 24/7 flag and the public search index. The writes of the members'
pages (editing, proposals, suggestions) are in ``directory.manage_services``.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q

from directory.models import Schedule, Service
from directory.search import index_services


def services_refresh(service_ids: Iterable[Any]) -> None:
    """Recompute the derived data of these services: open 24/7, and their search tokens."""
    ids = list(service_ids)
    if not ids:
        return
    with transaction.atomic():
        all_day: set[Any] = set()
        schedules = Schedule.objects.filter(
            Q(service_id__in=ids) | Q(service_at_location__service_id__in=ids)
        ).values_list(
            "service_id", "service_at_location__service_id", "byday", "opens_at", "closes_at"
        )
        for service_id, sal_service_id, byday, opens_at, closes_at in schedules:
            probe = Schedule(byday=byday, opens_at=opens_at, closes_at=closes_at)
            if probe.is_all_week_all_day:
                all_day.add(service_id or sal_service_id)
        Service.objects.filter(pk__in=ids).exclude(pk__in=all_day).update(open_24_7=False)
        Service.objects.filter(pk__in=all_day).update(open_24_7=True)
        index_services(ids)
