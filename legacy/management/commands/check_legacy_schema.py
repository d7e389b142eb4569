"""`check_legacy_schema`: is the configured legacy database compatible with this adapter? Exit 0 or 1."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from legacy.schema.compat import compare, legacy_models
from ops.diagnose import connection_problem


class Command(BaseCommand):
    help = "Compare every mapped legacy column with the configured legacy database (read-only)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="legacy")

    def handle(self, *args, database, **options):
        problem = connection_problem(database)  # one plain line instead of the driver's traceback
        if problem:
            raise CommandError(problem, returncode=1)
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
            raise CommandError(_summary(problems, database, connection.vendor), returncode=1)
        self.stdout.write(
            self.style.SUCCESS(
                f"The legacy database {database!r} ({connection.vendor}) is compatible with every mapped column."
            )
        )


def _summary(problems, database, vendor):
    """The last line, the one a first run shows: what is wrong and what to do."""
    missing_tables = {problem.table for problem in problems if not problem.column}
    if len(missing_tables) == len(legacy_models()):
        return (
            f"the legacy database {database!r} ({vendor}) has none of the openIMIS tables: point LEGACY_DATABASE_URL "
            "at the openIMIS database (for a demo on an empty database: manage.py legacy_schema create, then seed_demo)"
        )
    count = f"{len(problems)} incompatibilit{'y' if len(problems) == 1 else 'ies'}"
    return (
        f"{count} with the legacy database {database!r} ({vendor}) (manage.py check_legacy_schema lists them): is "
        "LEGACY_DATABASE_URL the openIMIS database, at a supported schema version? (docs/dba.md)"
    )
