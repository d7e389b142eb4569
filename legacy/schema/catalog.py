"""What a live database has: its indexes and foreign keys, read from its own catalog (never written).

Django's introspection reads PostgreSQL's and SQL Server's catalogs well; on SQLite it guesses table-level
UNIQUE constraints from the CREATE TABLE text, so SQLite's PRAGMAs are read directly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogIndex:
    columns: tuple
    unique: bool
    primary: bool


def indexes(connection, table):
    """Every index of `table` (primary key and unique constraints included), its columns in key order."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return _sqlite_indexes(cursor, table)
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        CatalogIndex(tuple(c["columns"]), bool(c["unique"]), bool(c["primary_key"]))
        for c in constraints.values()
        if c["index"] or c["primary_key"] or c["unique"]
    ]


def foreign_keys(connection, table):
    """{(column, target table, target column)} of `table`."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA foreign_key_list({connection.ops.quote_name(table)})")
            return {(row[3], row[2], row[4]) for row in cursor.fetchall()}
        constraints = connection.introspection.get_constraints(cursor, table)
    return {(c["columns"][0], *c["foreign_key"]) for c in constraints.values() if c["foreign_key"]}


def _sqlite_indexes(cursor, table):
    quoted = '"' + table.replace('"', '""') + '"'
    cursor.execute(f"PRAGMA table_info({quoted})")
    primary = tuple(row[1] for row in sorted((row for row in cursor.fetchall() if row[5]), key=lambda row: row[5]))
    found = [CatalogIndex(primary, True, True)] if primary else []
    cursor.execute(f"PRAGMA index_list({quoted})")
    for _, name, unique, origin, _partial in cursor.fetchall():
        if origin == "pk":  # a non-integer primary key's own index: already counted above
            continue
        cursor.execute(f'PRAGMA index_info("{name}")')
        columns = tuple(row[2] for row in sorted(cursor.fetchall()))
        found.append(CatalogIndex(columns, bool(unique), False))
    return found
