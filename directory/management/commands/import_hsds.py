"""python manage.py import_hsds PATH --programme CODE [--dry-run] [--language es]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds.importer import ImportReport, hsds_import
from directory.hsds.serialize import content_language
from directory.hsds.tabular import TABLES, HsdsInputError, read
from programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.0 data into a programme's directory: a folder or zip of "
        "tabular CSV files, or a JSON file with one HSDS service or a list of them. All or "
        "nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Folder, .zip or .json file.")
        parser.add_argument("--programme", required=True, help="Programme code, e.g. JM.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check everything and say what would change, without writing.",
        )
        parser.add_argument(
            "--language",
            help="Language of the texts in the file (en or es); the programme's default when "
            "not given. Messages are in this language too.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(code=options["programme"].upper()).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the code “%(code)s”.")
                % {"code": options["programme"]}
            )
        language = content_language(options["language"] or programme.default_language)
        with translation.override(language):
            try:
                source = read(options["path"])
                report = hsds_import(
                    programme=programme,
                    source=source,
                    language=language,
                    dry_run=options["dry_run"],
                )
            except HsdsInputError as error:
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
        header = [_("created"), _("updated"), _("unchanged"), _("left out")]
        width = max(len(table.entity) for table in TABLES)
        self.stdout.write(" " * width + "".join(f"{title:>11}" for title in header))
        for table in TABLES:
            counts = report.counts[table.entity]
            if not any(counts.values()):
                continue
            cells = [counts["created"], counts["updated"], counts["unchanged"], counts["left_out"]]
            self.stdout.write(f"{table.entity:<{width}}" + "".join(f"{n:>11}" for n in cells))
        if report.dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported into %(programme)s.") % {"programme": programme.code}
                )
            )
