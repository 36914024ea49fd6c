"""Write helpers shared by every app's services."""

from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def _split(
    model: type[models.Model], values: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate many-to-many values, which can only be set once the row exists."""
    m2m = {k: v for k, v in values.items() if model._meta.get_field(k).many_to_many}
    plain = {k: v for k, v in values.items() if k not in m2m}
    return plain, m2m


def model_update(*, instance: M, data: dict[str, Any], fields: list[str]) -> tuple[M, bool]:
    """Set the given fields from ``data`` (those present), validate, save what changed.

    Returns (instance, changed). Nothing is written when nothing changed, so the history holds
    only real changes; validation runs before anything is written.
    """
    plain, m2m = _split(type(instance), {k: v for k, v in data.items() if k in fields})
    changed_fields = [name for name, value in plain.items() if getattr(instance, name) != value]
    changed_m2m = {
        name: list(values)
        for name, values in m2m.items()
        if {obj.pk for obj in values} != set(getattr(instance, name).values_list("pk", flat=True))
    }
    if not changed_fields and not changed_m2m:
        return instance, False
    for name in changed_fields:
        setattr(instance, name, plain[name])
    with transaction.atomic():
        instance.full_clean()
        if changed_fields:
            instance.save()
        for name, values in changed_m2m.items():
            getattr(instance, name).set(values)
    return instance, True


def model_create(*, model: type[M], **values: Any) -> M:
    """Validate and create a record, with its many-to-many links, all or nothing."""
    plain, m2m = _split(model, values)
    instance = model(**plain)
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, related in m2m.items():
            getattr(instance, name).set(related)
    return instance
