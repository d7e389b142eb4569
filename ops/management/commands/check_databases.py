"""`check_databases`: can this service reach both of its databases? One line each; exit 1 on a failure."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.diagnose import connection_problem


class Command(BaseCommand):
    help = "Connect to the state (DATABASE_URL) and legacy (LEGACY_DATABASE_URL) databases; say plainly what fails."

    def handle(self, *args, **options):
        problems = []
        for alias in ("default", "legacy"):
            problem = connection_problem(alias)
            if problem:
                problems.append(problem)
            else:
                self.stdout.write(self.style.SUCCESS(f"ok   {alias} database ({connections[alias].vendor})"))
        if problems:
            raise CommandError("\n".join(problems), returncode=1)
