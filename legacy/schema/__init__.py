"""The legacy schema as facts (`spec`, from the models + `vendor_facts` + `indexes`), as DDL (`ddl`), and the
one place that may apply it. legacy/schema/README.md: how a new table gets its facts."""

from django.db import transaction

from .ddl import create_statements
from .spec import TABLES


class LegacySchemaExists(Exception):
    pass


def existing_legacy_tables(connection):
    with connection.cursor() as cursor:
        present = {name.lower() for name in connection.introspection.table_names(cursor)}
    return [table.name for table in TABLES if table.name.lower() in present]


def create_legacy_schema(connection):
    """Create every legacy table on `connection`, for demo and test databases only.

    Refuses when any legacy table already exists: this must never touch a real legacy database.
    """
    existing = existing_legacy_tables(connection)
    if existing:
        raise LegacySchemaExists(f"legacy tables already exist on database {connection.alias!r}: {', '.join(existing)}")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in create_statements(connection.vendor):
            cursor.execute(statement)
