from collections.abc import Iterable

from django import template

from directory.hours import describe
from directory.models import Schedule

register = template.Library()


@register.filter
def hours(schedules: Iterable[Schedule]) -> list[str]:
    return describe(schedules)
