"""Keep a year of each series' meetings ahead: ``python manage.py extend_meeting_series``.

Meant for cron (daily or weekly). Moved and cancelled occurrences are never re-created.
"""

from typing import Any

from django.core.management.base import BaseCommand

from coordination.models import MeetingSeries
from coordination.services import series_extend


class Command(BaseCommand):
    help = "Create the meetings of every series up to a year ahead."

    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        for series in MeetingSeries.objects.select_related("body").iterator():
            created += len(series_extend(series=series))
        self.stdout.write(f"{created} meeting(s) created.")
