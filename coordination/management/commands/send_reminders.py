"""python manage.py send_reminders [--dry-run] [--base-url URL]

Meant for cron, daily or more often, e.g. ``0 7 * * * python manage.py send_reminders``. Running
it again sends nothing twice (``coordination.reminders``).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from coordination.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Remind members and guests of coming meetings, and owners of action items about to fall "
        "due or overdue, each in their language; never the same reminder twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would be reminded of what; send nothing.",
        )
        parser.add_argument(
            "--base-url", help="The hub's address for links in the mail; SITE_URL if not given."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        outcome = reminders_send(
            base_url=options["base_url"],
            dry_run=dry_run,
            report=lambda line: self.stdout.write(line),
        )
        summary = (
            _("%(sent)d reminders would be sent; %(already)d were sent before.")
            if dry_run
            else _("%(sent)d reminders sent; %(already)d were sent before; %(failed)d failed.")
        )
        self.stdout.write(
            summary % {"sent": outcome.sent, "already": outcome.already, "failed": outcome.failed}
        )
