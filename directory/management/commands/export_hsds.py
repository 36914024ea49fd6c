"""python manage.py export_hsds --programme CODE OUT [--include-confidential] [--language es]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds.serialize import content_language
from directory.hsds.tabular import TABLES, export
from programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Export a programme's directory as Open Referral HSDS 3.0 tabular CSV files with a "
        "datapackage.json, into a folder or a .zip. Without --include-confidential only public "
        "services, and no confidential location or private phone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="Folder to write into, or a .zip file.")
        parser.add_argument("--programme", required=True, help="Programme code, e.g. JM.")
        parser.add_argument(
            "--include-confidential",
            action="store_true",
            help="Also services for members only, confidential locations and private phones, "
            "marked with the spotlight-hub 'confidential' attribute. Never publish such a file.",
        )
        parser.add_argument(
            "--language",
            help="Language of the texts (en or es); the programme's default when not given.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(code=options["programme"].upper()).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the code “%(code)s”.")
                % {"code": options["programme"]}
            )
        language = content_language(options["language"] or programme.default_language)
        out: Path = options["out"]
        if out.exists() and not out.is_dir() and out.suffix.lower() != ".zip":
            raise CommandError(_("%(path)s is a file: give a folder or a .zip.") % {"path": out})
        with translation.override(language):
            counts = export(
                programme=programme,
                out=out,
                include_confidential=options["include_confidential"],
                language=language,
            )
            for table in TABLES:
                self.stdout.write(f"{table.path:<28}{counts[table.entity]:>8}")
            if options["include_confidential"]:
                self.stdout.write(
                    self.style.WARNING(
                        _(
                            "The export holds confidential locations and private phones: do not publish it."
                        )
                    )
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _("Exported %(programme)s to %(path)s.")
                    % {"programme": programme.code, "path": out}
                )
            )
