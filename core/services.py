"""Write helpers shared by every app's services."""

from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def model_update(*, instance: M, data: dict[str, Any], fields: list[str]) -> tuple[M, bool]:
    """Set the given fields from ``data`` (those present), validate, save. Returns (instance, changed).

    Many-to-many fields are set after the save. Validation runs before anything is written.
    """
    changed = False
    m2m: dict[str, Any] = {}
    for field in fields:
        if field not in data:
            continue
        model_field = instance._meta.get_field(field)
        if model_field.many_to_many:
            m2m[field] = data[field]
            continue
        if getattr(instance, field) != data[field]:
            setattr(instance, field, data[field])
            changed = True
    if changed or m2m:
        with transaction.atomic():
            instance.full_clean()
            instance.save()
            for field, value in m2m.items():
                getattr(instance, field).set(value)
    return instance, changed or bool(m2m)


def model_create(*, model: type[M], **values: Any) -> M:
    m2m = {k: values.pop(k) for k in list(values) if model._meta.get_field(k).many_to_many}
    instance = model(**values)
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for field, value in m2m.items():
            getattr(instance, field).set(value)
    return instance
