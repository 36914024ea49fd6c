"""python manage.py import_iati FILE --programme CODE [--dry-run] [--default-pillar N]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from programmes.models import Pillar, Programme
from workplan.iati.importer import ImportReport, iati_import
from workplan.iati.xml import IatiInputError


class Command(BaseCommand):
    help = (
        "Import an IATI 2.03 activity file into a programme's workplan. The file is checked "
        "against the IATI 2.03 schema; all or nothing; importing the same file again changes "
        "nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="IATI 2.03 activity XML file.")
        parser.add_argument("--programme", required=True, help="Programme code, e.g. JM.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check everything and say what would change, without writing.",
        )
        parser.add_argument(
            "--default-pillar",
            type=int,
            metavar="N",
            help="Pillar (1-6) of new activities that carry no pillar tag.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(code=options["programme"].upper()).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the code “%(code)s”.")
                % {"code": options["programme"]}
            )
        default_pillar = None
        if options["default_pillar"] is not None:
            default_pillar = Pillar.objects.filter(number=options["default_pillar"]).first()
            if default_pillar is None:
                raise CommandError(
                    _("There is no pillar numbered %(number)s.")
                    % {"number": options["default_pillar"]}
                )
        try:
            report = iati_import(
                programme=programme,
                path=options["file"],
                dry_run=options["dry_run"],
                default_pillar=default_pillar,
            )
        except IatiInputError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s problem(s) found; nothing was written.")
                % {"count": len(error.problems)}
            ) from error
        self._print(report, programme)

    def _print(self, report: ImportReport, programme: Programme) -> None:
        for note in report.notes:
            self.stdout.write(note)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        self.stdout.write(
            _("Activities: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
        )
        self.stdout.write(
            _("Organisations: %(created)s created, %(joined)s added to the programme.")
            % {"created": report.organisations_created, "joined": report.organisations_joined}
        )
        if report.dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported into %(programme)s.") % {"programme": programme.code}
                )
            )
