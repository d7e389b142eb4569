"""T-SQL checks without a server: our SQL Server DDL as facts, and what a statement compiled by mssql-django
must satisfy to run there.

The facts come from our own T-SQL DDL (`legacy.schema.ddl.create_statements("microsoft")`, the output of
`legacy_schema sql --vendor microsoft`), parsed by sqlglot: the tables and columns a SQL Server legacy
database built from it has, and its single-column unique keys (primary keys, unfiltered unique indexes).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import sqlglot
from django.db.models.query import MAX_GET_RESULTS
from sqlglot import exp
from sqlglot.dialects.tsql import TSQL
from sqlglot.errors import OptimizeError, ParseError
from sqlglot.optimizer.qualify import qualify
from sqlglot.tokens import TokenType

from legacy.schema.ddl import create_statements

MAX_PARAMETERS = 2100  # SQL Server's limit of parameters per statement (RPC request)

# Prefixes mssql-django puts before a statement without a separating ";" (valid T-SQL), which sqlglot cannot
# split by itself; and `WITH [NO]CHECK` on ALTER TABLE ... ADD CONSTRAINT, valid T-SQL that sqlglot does not
# model (it falls back to an opaque Command): the statement is parsed without it.
_SET_PREFIX = re.compile(r"^\s*(SET (?:NOCOUNT|IDENTITY_INSERT \[\w+\]) (?:ON|OFF))\s*;?\s*", re.I)
_WITH_CHECK = re.compile(r"^(ALTER TABLE \S+) WITH (?:NO)?CHECK (ADD CONSTRAINT )", re.I)
_NOCHECK_CONSTRAINT = re.compile(r"^ALTER TABLE \[dbo\]\.\[\w+\] NOCHECK CONSTRAINT \[\w+\]$")
_SESSION_SETTING = re.compile(r"^SET (?:NOCOUNT|IDENTITY_INSERT \[\w+\]) (?:ON|OFF)$", re.I)


_TSQL = TSQL()
_NOT_TSQL = {TokenType.LIMIT, TokenType.DCOLON, TokenType.ILIKE, TokenType.RETURNING}


def parse_tsql(statement, tokens=None):
    """One T-SQL statement -> sqlglot expression; ParseError if it is not T-SQL sqlglot understands."""
    tokens = _TSQL.tokenize(statement) if tokens is None else tokens
    parser = _TSQL.parser(error_level=sqlglot.ErrorLevel.RAISE)
    expressions = [e for e in parser.parse(tokens, statement) if e]
    if len(expressions) != 1 or isinstance(expressions[0], exp.Command):
        raise ParseError(f"not one parsed T-SQL statement: {statement[:200]}")
    return expressions[0]


def parse_ddl_statement(statement):
    """A statement of our T-SQL DDL -> expression (None for `ALTER TABLE t NOCHECK CONSTRAINT c`, which
    sqlglot keeps opaque: its shape is checked by the pattern instead)."""
    if _NOCHECK_CONSTRAINT.match(statement):
        return None
    return parse_tsql(_WITH_CHECK.sub(r"\1 \2", statement))


@dataclass(frozen=True, eq=False)  # compared (and hashed) by identity: one instance per DDL
class Facts:
    columns: dict  # table (lower case) -> set of column names (lower case)
    unique: dict  # table (lower case) -> set of columns that are unique on their own


@lru_cache(maxsize=1)
def sqlserver_facts():
    """The tables, columns and unique keys our T-SQL DDL creates."""
    columns, unique = {}, {}
    for statement in create_statements("microsoft"):
        tree = parse_ddl_statement(statement)
        if not isinstance(tree, exp.Create):
            continue
        if tree.kind == "TABLE":
            table = tree.this.this.name.lower()
            definitions = tree.this.expressions
            columns[table] = {d.name.lower() for d in definitions if isinstance(d, exp.ColumnDef)}
            keys = unique.setdefault(table, set())
            keys |= {
                d.name.lower()
                for d in definitions
                if isinstance(d, exp.ColumnDef) and d.find(exp.GeneratedAsIdentityColumnConstraint)
            }
            for constraint in (d for d in definitions if isinstance(d, exp.Constraint)):
                if constraint.find(exp.PrimaryKeyColumnConstraint, exp.UniqueColumnConstraint):
                    names = [c.name for c in constraint.find_all(exp.Column)] or [
                        i.name for i in constraint.find_all(exp.Identifier) if i is not constraint.this
                    ]
                    if len(names) == 1:
                        keys.add(names[0].lower())
        elif "INDEX" in (tree.kind or "") and tree.args.get("unique") and not tree.find(exp.Where):
            index = tree.this
            names = index.args["params"].args.get("columns") or []
            if len(names) == 1:
                unique.setdefault(index.args["table"].name.lower(), set()).add(names[0].this.name.lower())
    return Facts(columns, unique)


def split_batch(sql):
    """mssql-django batches ("SET NOCOUNT ON INSERT ...; SELECT SCOPE_IDENTITY()") -> statements."""
    statements = []
    for part in (p.strip() for p in sql.split("; ")):
        match = _SET_PREFIX.match(part)
        while match:
            statements.append(match.group(1))
            part = part[match.end() :]
            match = _SET_PREFIX.match(part)
        if part:
            statements.append(part)
    return statements


def placeholders(sql):
    """Django's `%s` placeholders as pyodbc's `?` (mssql-django's cursor does the same); `%%` is `%`."""
    return re.sub(r"%([s%])", lambda m: "?" if m.group(1) == "s" else "%", sql)


def problems(sql, params, facts=None):
    """What would keep a compiled statement from running as intended on SQL Server (empty: nothing)."""
    found = []
    if len(params) > MAX_PARAMETERS:
        found.append(f"{len(params)} parameters (SQL Server accepts at most {MAX_PARAMETERS})")
    text = placeholders(sql)
    if text.count("?") != len(params):  # no literal "?" in our SQL: each one is a placeholder
        found.append(f"{text.count('?')} placeholders for {len(params)} parameters")
    # statements that differ only in the length of an IN list are checked once (the count is checked above)
    return found + list(_text_problems(_IN_LIST.sub("IN (?)", text), facts or sqlserver_facts()))


_IN_LIST = re.compile(r"IN \((?:\?|\d+)(?:, (?:\?|\d+))+\)")


@lru_cache(maxsize=4096)
def _text_problems(text, facts):
    found = []
    for statement in split_batch(text):
        if _SESSION_SETTING.match(statement):
            continue
        tokens = _TSQL.tokenize(statement)
        try:
            tree = parse_tsql(statement, tokens)
        except ParseError as error:
            found.append(f"does not parse as T-SQL: {error}")
            continue
        foreign = sorted({t.text for t in tokens if t.token_type in _NOT_TSQL})
        if foreign:  # sqlglot's reader is lenient: it would take these for T-SQL and rewrite them
            found.append(f"does not parse as T-SQL: PostgreSQL/SQLite syntax {foreign}")
        if not isinstance(tree, (exp.Select, exp.Union, exp.Insert, exp.Update, exp.Delete)):
            found.append(f"not a SELECT/INSERT/UPDATE/DELETE: {type(tree).__name__} ({statement[:80]})")
            continue
        found += _paging(tree, facts) + _unknown_names(tree, facts)  # (qualify() rewrites the tree: last)
    return tuple(found)


def _unknown_names(tree, facts):
    found = []
    tables = {t.name.lower() for t in tree.find_all(exp.Table) if not t.name.startswith("#")}
    found += [f"unknown table {name}" for name in sorted(tables - set(facts.columns))]
    if found:
        return found
    schema = {table: {column: "int" for column in facts.columns[table]} for table in tables}
    if isinstance(tree, (exp.Insert, exp.Update, exp.Delete)):
        target = (tree.this.this if isinstance(tree.this, exp.Schema) else tree.this).name.lower()
        named = [i.name for i in tree.this.expressions] if isinstance(tree.this, exp.Schema) else []
        named += [e.this.name for e in tree.expressions if isinstance(e, exp.EQ)]  # UPDATE ... SET col = ...
        if tree.args.get("where"):
            named += [c.name for c in tree.args["where"].find_all(exp.Column) if not _in_subquery(c, tree)]
        found += [f"unknown column {target}.{n}" for n in named if n.lower() not in facts.columns[target]]
        selects = [s for s in tree.find_all(exp.Select) if s.parent_select is None or s is tree]
    else:
        selects = [tree]
    for select in selects:
        try:
            qualify(select, schema=schema, dialect="tsql", validate_qualify_columns=True)
        except OptimizeError as error:
            found.append(f"names a column our SQL Server facts do not have: {error}")
    return found


def _in_subquery(node, top):
    parent = node.parent
    while parent is not None and parent is not top:
        if isinstance(parent, exp.Select):
            return True
        parent = parent.parent
    return False


def _paging(tree, facts):
    """Every page (OFFSET/FETCH or TOP n > 1) is ordered, and its order ends on a unique key."""
    found = []
    for select in tree.find_all(exp.Select):
        limit, offset, order = select.args.get("limit"), select.args.get("offset"), select.args.get("order")
        if limit is None and offset is None:
            continue
        if limit is None and _literal(offset.expression) == 0:
            continue  # mssql-django's `ORDER BY ... OFFSET 0 ROWS` (an ordered subquery needs it): not a page
        if offset is not None and not isinstance(limit, exp.Fetch):
            found.append(f"OFFSET without FETCH: {select.sql('tsql')[:160]}")
        count = limit.args.get("count") if isinstance(limit, exp.Fetch) else limit.expression
        if offset is None and _literal(count) in (1, MAX_GET_RESULTS):
            continue  # TOP 1 (first(), a lookup by key) or Django's get() guard: at most one row, not a page
        if order is None:
            found.append(f"a page without ORDER BY: {select.sql('tsql')[:160]}")
        elif not _ends_on_unique_key(select, order.expressions[-1].this, facts):
            found.append(f"ORDER BY does not end on a unique key: {order.sql('tsql')}")
    return found


def _literal(node):
    return int(node.this) if isinstance(node, exp.Literal) and not node.is_string else None


def _ends_on_unique_key(select, column, facts):
    if not isinstance(column, exp.Column):
        return False
    sources = {(t.alias_or_name).lower(): t.name.lower() for t in select.find_all(exp.Table)}
    table = sources.get(column.table.lower()) if column.table else None
    if table is None and not column.table and len(set(sources.values())) == 1:
        table = next(iter(sources.values()))
    return table is not None and column.name.lower() in facts.unique.get(table, set())
