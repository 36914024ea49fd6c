"""python manage.py send_digests [--since YYYY-MM-DD] [--dry-run] [--base-url URL]

Meant for cron, once a week, e.g. ``0 6 * * 1 python manage.py send_digests``.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from workplan.digests import default_since, digests_send


class Command(BaseCommand):
    help = (
        "E-mail each member who has not turned it off what changed in the joint workplan where "
        "their organisation works (coordinators: their whole programme), in their language. "
        "Nothing is sent to a member when nothing changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            help="Changes from this day on (YYYY-MM-DD, the hub's time zone); 7 days ago if not given.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what; send nothing."
        )
        parser.add_argument(
            "--base-url", help="The hub's address for links in the mail; SITE_URL if not given."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = default_since()
        if options["since"]:
            try:
                day = datetime.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError(
                    _("--since takes a date such as 2026-03-02, not “%(value)s”.")
                    % {"value": options["since"]}
                ) from error
            since = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        dry_run = options["dry_run"]
        outcome = digests_send(
            since=since,
            base_url=options["base_url"],
            dry_run=dry_run,
            report=lambda line: self.stdout.write(line),
        )
        summary = (
            _("%(sent)d digests would be sent; %(skipped)d members had nothing new.")
            if dry_run
            else _("%(sent)d digests sent; %(skipped)d members had nothing new.")
        )
        self.stdout.write(summary % {"sent": outcome.sent, "skipped": outcome.skipped})
