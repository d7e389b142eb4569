"""`legacy_grants`: print the least-privilege GRANT script for the legacy database (hand it to the DBA)."""

from django.core.management.base import BaseCommand

from ops.grants import VENDORS, grant_script


class Command(BaseCommand):
    help = "Print GRANT statements giving a login read-only or read-write access to the legacy tables."

    def add_arguments(self, parser):
        parser.add_argument("--vendor", choices=VENDORS, default="microsoft")
        parser.add_argument("--login", default="openimis_adapter")
        parser.add_argument("--database", default="openimis", help="name of the legacy database")
        parser.add_argument("--read-write", action="store_true", help="also INSERT/UPDATE on the written tables")

    def handle(self, *args, vendor, login, read_write, database, **options):
        self.stdout.write(grant_script(vendor, login, read_write=read_write, database=database), ending="")
