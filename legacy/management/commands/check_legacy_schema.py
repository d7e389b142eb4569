"""`check_legacy_schema [--strict]`: is the configured legacy database compatible with this adapter?

Read-only. A missing table or column, or one the models cannot use, is an error (exit 1). An access path
our queries rely on that no index serves is a warning with the CREATE INDEX a DBA could run (exit 0, or
1 with `--strict`); the adapter itself never creates an index.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from legacy.schema.access_paths import unserved
from legacy.schema.compat import compare, legacy_models


class Command(BaseCommand):
    help = (
        "Compare every mapped legacy column and the indexes our queries rely on with the legacy database (read-only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="legacy")
        parser.add_argument("--strict", action="store_true", help="exit 1 when an index warning is printed")

    def handle(self, *args, database, strict, **options):
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
            count = len(problems)
            raise CommandError(f"{count} incompatibilit{'y' if count == 1 else 'ies'} with {where}", returncode=1)
        if warnings and strict:
            raise CommandError(f"{len(warnings)} access paths without an index in {where} (--strict)", returncode=1)
        self.stdout.write(
            self.style.SUCCESS(f"The {where} is compatible with every mapped column")
            + (f"; {len(warnings)} index warnings (see above)." if warnings else "; every access path has an index.")
        )
