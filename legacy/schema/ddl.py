"""Render `legacy.schema.spec` as DDL for SQL Server, PostgreSQL and SQLite.

This DDL builds demo and test databases that look like the real legacy database. It is applied only by
`manage.py legacy_schema create`; nothing else in the project issues DDL against the legacy database.

Every index and key of the official schemas on these tables is built (`legacy.schema.indexes`), so a
test, demo or bench database has the access paths a real deployment has. Foreign keys to tables outside
the spec (tblLanguages, tblICDCodes, tblPayer, ...) are left out, since those tables are not created here;
their columns keep their indexes.
"""

import re

from .indexes import ms_indexes, pg_indexes
from .spec import TABLES, TABLES_BY_NAME

VENDORS = ("postgresql", "sqlite", "microsoft")

_SQLITE_TYPES = {"timestamptz": "datetime", "boolean": "bool", "bytea": "blob", "numeric": "decimal"}


def create_statements(vendor):
    """The statements that create every legacy table, in an order the vendor accepts."""
    if vendor == "postgresql":
        return _postgresql()
    if vendor == "sqlite":
        return _sqlite()
    if vendor == "microsoft":
        return _mssql()
    raise ValueError(f"no legacy DDL for database vendor {vendor!r}; expected one of {VENDORS}")


def script(vendor):
    """The whole DDL as one script, for a DBA to read or to run by hand."""
    separator = "\nGO\n" if vendor == "microsoft" else ";\n"
    return separator.join(create_statements(vendor)) + separator


def _foreign_keys(table, attribute):
    """(column, target table, target column, modifiers) for each FK whose target is in the spec."""
    for column in table.columns:
        raw = getattr(column, attribute)
        if not raw:
            continue
        target, _, modifiers = raw.partition(" ")
        target_table, target_column = target.split(".")
        if target_table in TABLES_BY_NAME:
            yield column, target_table, target_column, modifiers


def _pg_target_column(table_name, column_name):
    """The PG spelling of a FK target (the MSSQL spec may spell it in another case)."""
    for column in TABLES_BY_NAME[table_name].columns:
        if column.name.lower() == column_name.lower():
            return column.name
    raise LookupError(f"{table_name}.{column_name}")


def _postgresql():
    statements, constraints = [], []
    for table in TABLES:
        lines = []
        for column in table.columns:
            if column.pg is None:
                continue
            sql_type = "serial" if column.identity else column.pg
            line = f'"{column.name}" {sql_type} {"NULL" if column.pg_null else "NOT NULL"}'
            if column.pg_default:
                line += f" DEFAULT {column.pg_default}"
            lines.append(line)
        lines.append(f'CONSTRAINT "{table.name}_pkey" PRIMARY KEY ("{table.pk}")')
        for unique in table.pg_unique:
            lines.append(f'CONSTRAINT "{table.name}_{unique}_key" UNIQUE ("{unique}")')
        statements.append(f'CREATE TABLE "{table.name}" (\n    ' + ",\n    ".join(lines) + "\n)")
        for column, target, target_column, _ in _foreign_keys(table, "pg_fk"):
            constraints.append(
                f'ALTER TABLE "{table.name}" ADD CONSTRAINT "{table.name}_{column.name}_fk" '
                f'FOREIGN KEY ("{column.name}") REFERENCES "{target}" ("{_pg_target_column(target, target_column)}") '
                "DEFERRABLE INITIALLY DEFERRED"
            )
        for index in pg_indexes(table, with_pattern_ops=True):
            column = f'"{index.columns[0]}" varchar_pattern_ops' if index.pattern_ops else _pg_columns(index.columns)
            constraints.append(f'CREATE INDEX "{index.name}" ON "{table.name}" ({column})')
    return statements + constraints


def _pg_columns(columns):
    return ", ".join(f'"{name}"' for name in columns)


def _sqlite_type(pg_type):
    base, paren, rest = pg_type.partition("(")
    return _SQLITE_TYPES.get(base, base) + paren + rest


def _sqlite():
    """SQLite mirrors the PostgreSQL port (the schema our tests run on), in SQLite's type names."""
    statements = []
    for table in TABLES:
        lines = []
        for column in table.columns:
            if column.pg is None:
                continue
            if column.identity:
                lines.append(f'"{column.name}" integer NOT NULL PRIMARY KEY AUTOINCREMENT')
                continue
            line = f'"{column.name}" {_sqlite_type(column.pg)} {"NULL" if column.pg_null else "NOT NULL"}'
            if column.pg_default:
                line += f" DEFAULT ({column.pg_default})"
            lines.append(line)
        if not table.column(table.pk).identity:
            lines.append(f'PRIMARY KEY ("{table.pk}")')
        for unique in table.pg_unique:
            lines.append(f'UNIQUE ("{unique}")')
        for column, target, target_column, _ in _foreign_keys(table, "pg_fk"):
            lines.append(
                f'FOREIGN KEY ("{column.name}") REFERENCES "{target}" ("{_pg_target_column(target, target_column)}") '
                "DEFERRABLE INITIALLY DEFERRED"
            )
        statements.append(f'CREATE TABLE "{table.name}" (\n    ' + ",\n    ".join(lines) + "\n)")
        for index in pg_indexes(table, with_pattern_ops=False):
            statements.append(f'CREATE INDEX "{index.name}" ON "{table.name}" ({_pg_columns(index.columns)})')
    return statements


def _mssql_default(default):
    return default if default.startswith("(") else f"({default})"


def _mssql():
    statements, constraints = [], []
    for table in TABLES:
        lines = []
        for column in table.columns:
            line = f"[{column.mssql_name}] {column.ms}"
            if column.identity:
                line += " IDENTITY(1,1)"
            line += " NULL" if column.ms_null else " NOT NULL"
            if column.ms_default:
                line += f" DEFAULT {_mssql_default(column.ms_default)}"
            lines.append(line)
        indexes = ms_indexes(table)
        clustered = "NONCLUSTERED" if any(index.clustered for index in indexes) else "CLUSTERED"
        lines.append(f"CONSTRAINT [PK_{table.name}] PRIMARY KEY {clustered} ([{_ms_name(table, table.pk)}])")
        statements.append(f"CREATE TABLE [dbo].[{table.name}] (\n    " + ",\n    ".join(lines) + "\n)")
        statements.extend(_mssql_index(table, index) for index in indexes)
        for column, target, target_column, modifiers in _foreign_keys(table, "ms_fk"):
            name = f"FK_{table.name}_{target}_{column.mssql_name}"
            nocheck = "(NOCHECK)" in modifiers
            actions = re.sub(r"\(NOCHECK\)\s*", "", modifiers).strip()
            constraints.append(
                f"ALTER TABLE [dbo].[{table.name}] WITH {'NOCHECK' if nocheck else 'CHECK'} ADD CONSTRAINT [{name}] "
                f"FOREIGN KEY ([{column.mssql_name}]) REFERENCES [dbo].[{target}] ([{target_column}])"
                + (f" {actions}" if actions else "")
            )
            if nocheck:
                constraints.append(f"ALTER TABLE [dbo].[{table.name}] NOCHECK CONSTRAINT [{name}]")
    return statements + constraints


def _ms_name(table, name):
    """SQL Server's spelling of a column named in the PostgreSQL spelling (or any case)."""
    return next(c.mssql_name for c in table.columns if c.name.lower() == name.lower())


def _mssql_index(table, index):
    kind = ("UNIQUE " if index.unique else "") + ("CLUSTERED" if index.clustered else "NONCLUSTERED")
    columns = ", ".join(f"[{_ms_name(table, name)}]" for name in index.columns)
    statement = f"CREATE {kind} INDEX [{index.name}] ON [dbo].[{table.name}] ({columns})"
    if index.include:
        statement += " INCLUDE (" + ", ".join(f"[{_ms_name(table, name)}]" for name in index.include) + ")"
    if index.where:
        statement += f" WHERE {index.where}"
    return statement
