from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.coordination import demo_coordination_load
from demo.data import PASSWORD
from demo.services import demo_load
from demo.workplan import demo_workplan_load


class Command(BaseCommand):
    help = (
        "Create or refresh the demo programmes, organisations, areas, priorities, users and "
        "joint workplans, coordination bodies and their meetings."
    )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "load_demo refuses to run with DEBUG off: demo users with a known password "
                    "must never reach a real installation."
                )
            )
        logins = demo_load(report=lambda line: self.stdout.write(f"  {line}"))
        demo_workplan_load(report=lambda line: self.stdout.write(f"  {line}"))
        demo_coordination_load(report=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            self.style.SUCCESS(_("Demo data is ready. Sign in at /en/accounts/login/ as:"))
        )
        for username, programme, role in logins:
            self.stdout.write(f"  {username:<14} {programme:<3} {role}")
        self.stdout.write(_("Password for every demo user: %(password)s") % {"password": PASSWORD})
