"""Our DDL builds every index and key of the official schemas (legacy-schema.md §2): read back from the
database's own catalog on SQLite and PostgreSQL, parsed as T-SQL (sqlglot) for SQL Server."""

from collections import Counter

import pytest
import sqlglot
from django.db import connections
from sqlglot import exp

from legacy.schema import catalog
from legacy.schema.ddl import create_statements
from legacy.schema.indexes import table_indexes
from legacy.schema.spec import TABLES, TABLES_BY_NAME

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _catalog(connection, table):
    indexes = Counter((index.columns, index.unique, index.primary) for index in catalog.indexes(connection, table))
    foreign_keys = {
        ((column,), (target, target_column))
        for column, target, target_column in catalog.foreign_keys(connection, table)
    }
    return indexes, foreign_keys


def _facts(table, vendor):
    indexes = Counter((index.columns, index.unique, index.primary) for index in table_indexes(table, vendor))
    foreign_keys = set()
    for column in table.columns:
        target = (column.pg_fk or "").split(" ")[0]
        if target and target.split(".")[0] in TABLES_BY_NAME:
            target_table, target_column = target.split(".")
            target_column = next(
                c.name for c in TABLES_BY_NAME[target_table].columns if c.name.lower() == target_column.lower()
            )
            foreign_keys.add(((column.name,), (target_table, target_column)))
    return indexes, foreign_keys


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_the_database_built_by_our_ddl_has_exactly_the_official_indexes_and_keys(table):
    connection = connections["legacy"]
    indexes, foreign_keys = _catalog(connection, table.name)
    expected_indexes, expected_foreign_keys = _facts(table, connection.vendor)
    assert indexes == expected_indexes
    assert foreign_keys == expected_foreign_keys


def test_the_secondary_indexes_of_the_postgresql_port_are_built():
    """A spot check against §2 itself, independent of the facts module: tblInsuree's foreign-key columns."""
    connection = connections["legacy"]
    indexes, _ = _catalog(connection, "tblInsuree")
    for column in ("Education", "FamilyID", "Gender", "HFID", "PhotoID", "Profession", "Relationship"):
        assert indexes[((column,), False, False)] == (
            2 if column == "Gender" and connection.vendor == "postgresql" else 1
        )
    assert indexes[(("InsureeUUID",), True, False)] == 1


def _tsql():
    statements = [sqlglot.parse_one(statement, read="tsql") for statement in create_statements("microsoft")]
    indexes, primary_keys = {}, {}
    for statement in statements:
        if isinstance(statement.this, exp.Index):
            index = statement.this
            params = index.args["params"]
            indexes[(index.args["table"].name, index.name)] = (
                tuple(column.this.name.lower() for column in params.args["columns"]),
                bool(statement.args.get("unique")),
                statement.args["kind"].upper(),
                tuple(column.name.lower() for column in params.args.get("include") or ()),
                params.args.get("where") is not None,
            )
        elif statement.args.get("kind", "").upper() == "TABLE":
            for constraint in statement.find_all(exp.Constraint):
                if constraint.find(exp.PrimaryKeyColumnConstraint):
                    kind = constraint.expressions[1]
                    clustered = isinstance(kind, exp.ClusteredColumnConstraint)
                    columns = tuple(column.this.name.lower() for column in kind.this)
                    primary_keys[statement.this.this.name] = (columns, clustered)
    return indexes, primary_keys


def test_the_tsql_ddl_parses_and_has_the_sql_server_indexes():
    indexes, primary_keys = _tsql()
    expected = {}
    for table in TABLES:
        primary, *others = table_indexes(table, "microsoft")
        assert primary_keys[table.name] == ((table.pk.lower(),), primary.clustered)
        for index in others:
            expected[(table.name, index.name)] = (
                tuple(name.lower() for name in index.columns),
                index.unique,
                ("CLUSTERED" if index.clustered else "NONCLUSTERED") + " INDEX",
                tuple(name.lower() for name in index.include),
                index.where is not None,
            )
    assert indexes == expected
    # The OP-154 layout: six tables clustered on (id, ValidityTo), their primary key nonclustered.
    assert indexes[("tblInsuree", "CI_tblInsureeValid")][:3] == (("insureeid", "validityto"), True, "CLUSTERED INDEX")
    assert primary_keys["tblInsuree"] == (("insureeid",), False)
    assert primary_keys["tblPolicy"] == (("policyid",), True)
    assert len([key for key in indexes if key[0] == "tblClaim"]) == 9
