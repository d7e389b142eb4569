"""Every statement the ORM sends to the legacy database, compiled again by mssql-django for SQL Server.

`recompiled()` registers a database alias with mssql-django's engine that never connects (its server
version is pinned to SQL Server 2019, `SQL_SERVER_VERSION`, the oldest version the legacy application
supports that mssql-django would otherwise ask the server for), and wraps the compilers' `execute_sql`: each
query that runs on the legacy alias (SELECT, INSERT, UPDATE, DELETE, aggregates, the COUNT subqueries inside
them) is compiled for that alias with mssql-django's own compiler classes before it runs on the real
database. SQL that reaches the legacy connection without a compiler is recorded as raw, so that nothing
the API sends can pass uncompiled; a statement compiled once from a queryset and then run raw
(`auth_bridge.accounts.precompiled`) is compiled from that queryset.
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.sql import compiler

from auth_bridge.accounts import precompiled
from legacy.routers import LEGACY_DB

ALIAS = "sqlserver_compile"
SQL_SERVER_VERSION = 2019  # mssql-django would read it from the server (sql_server_version); 2019 = 15.x
SETTINGS = {
    "ENGINE": "mssql",
    "NAME": "openimis",
    "HOST": "sql-server.invalid",
    "OPTIONS": {"driver": "ODBC Driver 18 for SQL Server"},
}
# Raw statements the backends send themselves (transaction control; mssql-django sends its own), and the
# application lock of legacy.services.locks (raw SQL per vendor by design: sp_getapplock on SQL Server)
BACKEND_STATEMENTS = re.compile(
    r"^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|BEGIN)\b|^SELECT 1$|^SELECT pg_advisory_xact_lock\(%s\)$",
    re.I,
)


@dataclass(frozen=True)
class Compiled:
    kind: str  # the Django compiler class: SQLCompiler, SQLInsertCompiler, ...
    sql: str  # T-SQL as mssql-django compiled it
    params: tuple


@dataclass
class Recording:
    compiled: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (compiler kind, the query's SQL on the real database, error)
    elided: int = 0  # queries both compilers find empty (Django sends nothing)
    raw: list = field(default_factory=list)  # SQL sent on the legacy connection without a compiler
    request: str = ""  # the request being made (set by the caller), kept with each compiled statement
    origins: dict = field(default_factory=dict)  # sql -> first request that issued it


class _NoServer(AssertionError):
    pass


def _never_connects(*args, **kwargs):
    raise _NoServer("the SQL Server compile alias must never connect")


@contextmanager
def recompiled():
    """Yield a Recording of every legacy query, compiled for SQL Server, while the block runs."""
    recording, inside = Recording(), threading.local()
    connection = _compile_only_connection()
    original_execute, original_insert = compiler.SQLCompiler.execute_sql, compiler.SQLInsertCompiler.execute_sql

    def compile_for_sqlserver(real, returning_fields=None):
        query = real.query.clone()
        if query.select_for_update_of and not connection.features.has_select_for_update_of:
            query.select_for_update_of = ()  # as api.writes.gates.find builds it for SQL Server (no FOR UPDATE OF)
        mssql = query.get_compiler(connection=connection, elide_empty=real.elide_empty)
        if isinstance(mssql, compiler.SQLInsertCompiler):
            mssql.returning_fields = returning_fields
        kind = type(mssql).__name__
        try:
            result = mssql.as_sql()
        except EmptyResultSet:
            recording.elided += 1
            return
        except Exception as error:  # noqa: BLE001 - any failure to compile is what this records
            recording.failed.append((kind, str(real.query), repr(error)))
            return
        for sql, params in result if isinstance(result, list) else [result]:
            recording.compiled.append(Compiled(kind, sql, tuple(params or ())))
            recording.origins.setdefault(sql, recording.request)

    def execute_sql(self, *args, **kwargs):
        if self.using != LEGACY_DB or getattr(inside, "depth", 0):
            return original_execute(self, *args, **kwargs)
        compile_for_sqlserver(self)
        inside.depth = 1
        try:
            return original_execute(self, *args, **kwargs)
        finally:
            inside.depth = 0

    def insert_sql(self, returning_fields=None):
        if self.using != LEGACY_DB:
            return original_insert(self, returning_fields)
        compile_for_sqlserver(self, returning_fields)
        inside.depth = 1
        try:
            return original_insert(self, returning_fields)
        finally:
            inside.depth = 0

    def watch_raw(execute, sql, params, many, context):
        source = precompiled().get(sql)  # compiled once from a queryset, then run raw (auth_bridge.accounts)
        if source is not None and not getattr(inside, "depth", 0):
            compile_for_sqlserver(source.query.get_compiler(using=LEGACY_DB))
        elif not getattr(inside, "depth", 0) and not BACKEND_STATEMENTS.match(sql.strip()):
            recording.raw.append((recording.request, sql))
        return execute(sql, params, many, context)

    legacy = connections[LEGACY_DB]
    compiler.SQLCompiler.execute_sql, compiler.SQLInsertCompiler.execute_sql = execute_sql, insert_sql
    legacy.execute_wrappers.append(watch_raw)
    try:
        yield recording
    finally:
        legacy.execute_wrappers.remove(watch_raw)
        compiler.SQLCompiler.execute_sql, compiler.SQLInsertCompiler.execute_sql = original_execute, original_insert
        del connections[ALIAS]
        del connections.settings[ALIAS]


def _compile_only_connection():
    """An mssql-django DatabaseWrapper under ALIAS that compiles but never connects."""
    connections.settings[ALIAS] = connections.configure_settings({"default": {}, ALIAS: dict(SETTINGS)})[ALIAS]
    connection = connections[ALIAS]
    connection.__dict__.update(sql_server_version=SQL_SERVER_VERSION, to_azure_sql_db=False)
    connection.ensure_connection = connection.connect = _never_connects
    # select_for_update asks whether a transaction is open: the same answer as the real legacy connection
    connection.get_autocommit = connections[LEGACY_DB].get_autocommit
    return connection
