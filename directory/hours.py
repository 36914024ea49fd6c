"""Opening hours in words, in the reader's language."""

from collections.abc import Iterable

from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Schedule

DAY_NAMES = {
    "MO": gettext_lazy("Mon"),
    "TU": gettext_lazy("Tue"),
    "WE": gettext_lazy("Wed"),
    "TH": gettext_lazy("Thu"),
    "FR": gettext_lazy("Fri"),
    "SA": gettext_lazy("Sat"),
    "SU": gettext_lazy("Sun"),
}


def _days(days: list[str]) -> str:
    """ "MO,TU,WE,TH,FR" → "Mon–Fri"; scattered days are listed."""
    order = [d for d in Schedule.DAYS if d in days]
    if not order:
        return ""
    indexes = [Schedule.DAYS.index(d) for d in order]
    if len(order) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{DAY_NAMES[order[0]]}–{DAY_NAMES[order[-1]]}"
    return ", ".join(str(DAY_NAMES[d]) for d in order)


def describe(schedules: Iterable[Schedule]) -> list[str]:
    """One line per schedule, e.g. "Mon–Fri 08:00–16:00"; "Open 24 hours, every day" for 24/7."""
    lines = []
    for schedule in schedules:
        if schedule.is_all_week_all_day:
            lines.append(_("Open 24 hours, every day"))
            continue
        days = _days(schedule.days)
        if schedule.opens_at and schedule.closes_at:
            span = (
                f"{time_format(schedule.opens_at, 'H:i')}–{time_format(schedule.closes_at, 'H:i')}"
            )
            lines.append(f"{days} {span}".strip())
        elif days:
            lines.append(days)
        if schedule.description:
            lines.append(schedule.description)
    return lines
