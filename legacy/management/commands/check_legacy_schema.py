"""`check_legacy_schema`: is the configured legacy database compatible with this adapter? Exit 0 or 1."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from legacy.schema.compat import compare, legacy_models


class Command(BaseCommand):
    help = "Compare every mapped legacy column with the configured legacy database (read-only)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="legacy")

    def handle(self, *args, database, **options):
        connection = connections[database]
        problems = compare(connection)
        by_table = {}
        for problem in problems:
            by_table.setdefault(problem.table, []).append(problem)
        for model in legacy_models():
            table = model._meta.db_table
            columns = len(model._meta.concrete_fields)
            if table in by_table:
                self.stdout.write(self.style.ERROR(f"FAIL {table}"))
                for problem in by_table[table]:
                    self.stdout.write(f"     {problem}")
            else:
                self.stdout.write(self.style.SUCCESS(f"ok   {table}") + f" ({columns} columns)")
        if problems:
            raise CommandError(
                f"{len(problems)} incompatibilit{'y' if len(problems) == 1 else 'ies'} with legacy database "
                f"{database!r} ({connection.vendor})",
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The legacy database {database!r} ({connection.vendor}) is compatible with every mapped column."
            )
        )
