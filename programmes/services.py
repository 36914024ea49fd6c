"""Writes for programmes, their members, areas and government priorities.

Callers check permission first (core.permissions); these functions validate and write atomically.
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from core.permissions import forget_access
from core.services import model_create, model_update
from programmes.models import Area, GovernmentPriority, Membership, Programme

PROGRAMME_FIELDS = [
    "code",
    "name_en",
    "name_es",
    "kind",
    "country",
    "region",
    "languages",
    "default_language",
    "time_zone",
    "is_active",
]
AREA_FIELDS = [
    "parent",
    "level",
    "name_en",
    "name_es",
    "code",
    "boundary",
    "latitude",
    "longitude",
    "visibility",
]
PRIORITY_FIELDS = [
    "framework",
    "code",
    "title_en",
    "title_es",
    "description_en",
    "description_es",
    "parent",
    "visibility",
]


def programme_create(**values: Any) -> Programme:
    return model_create(model=Programme, **values)


def programme_update(*, programme: Programme, data: dict[str, Any]) -> Programme:
    programme, _changed = model_update(instance=programme, data=data, fields=PROGRAMME_FIELDS)
    return programme


def membership_set(*, user: AbstractBaseUser, programme: Programme, role: str) -> Membership:
    """Give a person a role in a programme, replacing the role they had there."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, programme=programme).first()
        if membership is None:
            membership = model_create(model=Membership, user=user, programme=programme, role=role)
        elif membership.role != role:
            membership, _changed = model_update(
                instance=membership, data={"role": role}, fields=["role"]
            )
    forget_access(user)
    return membership


def area_create(*, programme: Programme, **values: Any) -> Area:
    return model_create(model=Area, programme=programme, **values)


def area_update(*, area: Area, data: dict[str, Any]) -> Area:
    area, _changed = model_update(instance=area, data=data, fields=AREA_FIELDS)
    return area


def area_delete(*, area: Area) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if area.children.exists():
        raise ValidationError(
            _("Move or delete the areas within “%(name)s” first.") % {"name": area.name}
        )
    area.delete()


def priority_create(*, programme: Programme, **values: Any) -> GovernmentPriority:
    return model_create(model=GovernmentPriority, programme=programme, **values)


def priority_update(*, priority: GovernmentPriority, data: dict[str, Any]) -> GovernmentPriority:
    priority, _changed = model_update(instance=priority, data=data, fields=PRIORITY_FIELDS)
    return priority


def priority_delete(*, priority: GovernmentPriority) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if priority.children.exists():
        raise ValidationError(
            _("Move or delete the priorities within “%(code)s” first.") % {"code": priority.code}
        )
    priority.delete()
