"""`check_legacy_schema [--strict]`: is the configured legacy database compatible with this adapter?

Read-only. A missing table or column, or one the models cannot use, is an error (exit 1). An access path
our queries rely on that no index serves is a warning with the CREATE INDEX a DBA could run (exit 0, or
1 with `--strict`); the adapter itself never creates an index.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from legacy.schema.access_paths import unserved
from legacy.schema.compat import compare, legacy_models
from ops.diagnose import connection_problem


class Command(BaseCommand):
    help = (
        "Compare every mapped legacy column and the indexes our queries rely on with the legacy database (read-only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="legacy")
        parser.add_argument("--strict", action="store_true", help="exit 1 when an index warning is printed")

    def handle(self, *args, database, strict, **options):
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
        missing_tables = {problem.table for problem in problems if not problem.column}
        present = [model._meta.db_table for model in legacy_models() if model._meta.db_table not in missing_tables]
        warnings = unserved(connection, present)
        for path in warnings:
            self.stdout.write(
                self.style.WARNING(f"warn {path}: no index serves it; a DBA could run: ")
                + path.create_index(connection.vendor)
            )
        where = f"legacy database {database!r} ({connection.vendor})"
        if problems:
            raise CommandError(_summary(problems, database, connection.vendor), returncode=1)
        if warnings and strict:
            raise CommandError(f"{len(warnings)} access paths without an index in {where} (--strict)", returncode=1)
        self.stdout.write(
            self.style.SUCCESS(f"The {where} is compatible with every mapped column")
            + (f"; {len(warnings)} index warnings (see above)." if warnings else "; every access path has an index.")
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
