"""Our T-SQL DDL parses as T-SQL and covers the models; the statement checks of legacy/tests/tsql.py catch
what would fail or page wrongly on SQL Server (api/tests/test_sqlserver_statements.py applies them to every
statement of the API)."""

import pytest

from legacy.schema.compat import legacy_models
from legacy.schema.ddl import create_statements

from .tsql import MAX_PARAMETERS, parse_ddl_statement, problems, split_batch, sqlserver_facts


def test_every_statement_of_our_tsql_ddl_parses():
    statements = create_statements("microsoft")
    parsed = [parse_ddl_statement(statement) for statement in statements]
    kinds = {type(tree).__name__ for tree in parsed if tree is not None}
    assert kinds <= {"Create", "Alter"}, kinds
    opaque = [s for s, tree in zip(statements, parsed, strict=True) if tree is None]
    assert all(" NOCHECK CONSTRAINT " in s for s in opaque), opaque  # the one form sqlglot keeps opaque


def test_the_facts_hold_every_column_the_models_map():
    facts = sqlserver_facts()
    for model in legacy_models():
        table = model._meta.db_table.lower()
        assert table in facts.columns, table
        mapped = {field.column.lower() for field in model._meta.concrete_fields}
        assert mapped <= facts.columns[table], (table, mapped - facts.columns[table])
        assert model._meta.pk.column.lower() in facts.unique[table]


GOOD_PAGE = (
    "SELECT [tblInsuree].[InsureeID], [tblInsuree].[CHFID] FROM [tblInsuree] WHERE [tblInsuree].[ValidityTo] IS NULL "
    "ORDER BY [tblInsuree].[CHFID] ASC, [tblInsuree].[InsureeID] ASC OFFSET 50 ROWS FETCH FIRST 50 ROWS ONLY"
)


def test_a_good_page_passes():
    assert problems(GOOD_PAGE, ()) == []
    assert problems(GOOD_PAGE.replace("IS NULL", "= %s"), ("x",)) == []


@pytest.mark.parametrize(
    "sql,params,expected",
    [
        (GOOD_PAGE.replace("[tblInsuree].[CHFID] FROM", "[tblInsuree].[Nope] FROM"), (), "column"),
        (GOOD_PAGE.replace("FROM [tblInsuree]", "FROM [tblNope]"), (), "unknown table tblnope"),
        (GOOD_PAGE.replace(", [tblInsuree].[InsureeID] ASC OFFSET", " OFFSET"), (), "does not end on a unique key"),
        (
            GOOD_PAGE.replace("ORDER BY [tblInsuree].[CHFID] ASC, [tblInsuree].[InsureeID] ASC ", ""),
            (),
            "without ORDER BY",
        ),
        ("SELECT TOP 50 [tblInsuree].[InsureeID] FROM [tblInsuree]", (), "a page without ORDER BY"),
        ("SELECT [tblInsuree].[InsureeID] FROM [tblInsuree] WHERE [tblInsuree].[InsureeID] = %s", (), "placeholders"),
        (
            "SELECT [tblInsuree].[InsureeID] FROM [tblInsuree] WHERE [tblInsuree].[InsureeID] IN "
            f"({', '.join(['%s'] * (MAX_PARAMETERS + 1))})",
            (1,) * (MAX_PARAMETERS + 1),
            "parameters (SQL Server accepts at most 2100)",
        ),
        ("SET NOCOUNT OFF; UPDATE [tblInsuree] SET [Nope] = %s WHERE [tblInsuree].[InsureeID] = %s", (1, 2), "Nope"),
        ("INSERT INTO [tblInsuree] ([CHFID], [Nope]) VALUES (%s, %s)", (1, 2), "tblinsuree.Nope"),
        ("COPY (SELECT 1) TO STDOUT WITH (FORMAT csv)", (), "not a SELECT/INSERT/UPDATE/DELETE"),  # PostgreSQL only
        ("SELECT [tblInsuree].[CHFID]::text FROM [tblInsuree] LIMIT 5", (), "PostgreSQL/SQLite syntax ['::', 'LIMIT']"),
        ("SELECT [tblInsuree].[InsureeID] FROM [tblInsuree] WHERE ([tblInsuree].[CHFID] = 1", (), "does not parse"),
    ],
)
def test_what_would_fail_on_sql_server_is_caught(sql, params, expected):
    found = problems(sql, params)
    assert any(expected in problem for problem in found), found


def test_mssql_django_batches_are_split_into_statements():
    batch = "SET NOCOUNT ON INSERT INTO [tblGender] ([Code]) VALUES (?); SELECT CAST(SCOPE_IDENTITY() AS bigint)"
    assert split_batch(batch) == [
        "SET NOCOUNT ON",
        "INSERT INTO [tblGender] ([Code]) VALUES (?)",
        "SELECT CAST(SCOPE_IDENTITY() AS bigint)",
    ]
    assert problems(batch.replace("?", "%s"), ("M",)) == []
