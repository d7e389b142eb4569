"""`legacy_schema create` builds the legacy tables of a demo/test database; `legacy_schema sql` prints them."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from legacy.schema import LegacySchemaExists, create_legacy_schema
from legacy.schema.ddl import VENDORS, script


class Command(BaseCommand):
    help = "Create the legacy openIMIS tables on an empty database (demo/test only), or print their DDL."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create the tables; refuses if any already exists")
        create.add_argument("--database", default="legacy")
        sql = sub.add_parser("sql", help="print the DDL for a database vendor")
        sql.add_argument("--vendor", choices=VENDORS, default="postgresql")

    def handle(self, *args, action, **options):
        if action == "sql":
            self.stdout.write(script(options["vendor"]))
            return
        connection = connections[options["database"]]
        try:
            create_legacy_schema(connection)
        except LegacySchemaExists as error:
            raise CommandError(f"{error}. Refusing to touch an existing legacy database.") from None
        self.stdout.write(self.style.SUCCESS(f"Created the legacy tables on {options['database']!r}."))
