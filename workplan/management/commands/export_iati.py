"""python manage.py export_iati --programme CODE OUT [--public-only]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from programmes.models import Programme
from workplan.iati.exporter import iati_export


class Command(BaseCommand):
    help = (
        "Write a programme's workplan as an IATI 2.03 activity file: the activities that have "
        "an IATI identifier, checked against the IATI 2.03 schema."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="The XML file to write.")
        parser.add_argument("--programme", required=True, help="Programme code, e.g. JM.")
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="Only the activities whose visibility is public (for publishing to IATI).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(code=options["programme"].upper()).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the code “%(code)s”.")
                % {"code": options["programme"]}
            )
        result = iati_export(programme=programme, public_only=options["public_only"])
        for reason, count in sorted(result.left_out.items()):
            self.stdout.write(
                self.style.WARNING(
                    _("Left out, %(reason)s: %(count)s.") % {"reason": reason, "count": count}
                )
            )
        if not result.written:
            raise CommandError(
                _("No activity to write: IATI requires one at least; nothing was written.")
            )
        options["out"].write_bytes(result.content)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s activities written to %(path)s.")
                % {"count": result.written, "path": options["out"]}
            )
        )
