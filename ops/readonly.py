"""LEGACY_READ_ONLY: no write can reach the legacy database.

The guard sits at the database layer (a `connection.execute_wrapper` on the `legacy` alias), so it holds
whatever code path issues the SQL: ORM, raw cursors, management commands. It allows by list (reads and
transaction control) and refuses everything else, so an unknown statement kind is refused, not let
through. The API uses `is_legacy_read_only()` to answer 405 before ever trying a write.
"""

import re
from itertools import pairwise

from django.conf import settings

from legacy.routers import LEGACY_DB


class LegacyReadOnlyError(Exception):
    """A write statement was sent to the legacy database while LEGACY_READ_ONLY is on."""


def is_legacy_read_only():
    return bool(getattr(settings, "LEGACY_READ_ONLY", False))


def check_legacy_writable(request):
    """For DRF write views: a 405 (JSON:API error through the API's handler) while LEGACY_READ_ONLY is on."""
    if is_legacy_read_only():
        from rest_framework.exceptions import MethodNotAllowed

        raise MethodNotAllowed(request.method, detail="The legacy database is in read-only mode (LEGACY_READ_ONLY).")


# First keywords of statements that cannot change data or schema.
_READS = {"SELECT", "WITH", "EXPLAIN", "SHOW", "VALUES", "PRAGMA", "SET"}
_TRANSACTION = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "SAVE"}
# Inside a read (CTE, SELECT ... INTO, EXPLAIN ANALYZE DELETE ...) these words mean a write.
_WRITE_WORDS = {
    "INSERT",
    "UPDATE",
    "DELETE",
    "MERGE",
    "INTO",
    "TRUNCATE",
    "CREATE",
    "ALTER",
    "DROP",
    "EXEC",
    "EXECUTE",
    "CALL",
}
# `SELECT ... FOR UPDATE` / `FOR NO KEY UPDATE` lock rows; they do not write.
_LOCK_PREFIXES = {"FOR", "KEY"}

_COMMENTS = re.compile(r"/\*.*?\*/|--[^\n]*", re.S)
_LITERALS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\[[^\]]*\]")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _statements(sql):
    """Each statement of `sql` as upper-cased words, without comments, literals and quoted identifiers."""
    text = _LITERALS.sub(" ", _COMMENTS.sub(" ", sql))
    return [words for part in text.split(";") if (words := [w.upper() for w in _WORD.findall(part)])]


def _writes(words):
    if words[0] not in _READS | _TRANSACTION:
        return True
    return any(
        word in _WRITE_WORDS and not (word == "UPDATE" and previous in _LOCK_PREFIXES)
        for previous, word in pairwise(["", *words])
    )


def is_write(sql):
    """True unless every statement in `sql` is a read or transaction control (deny by default).

    Functions called from a SELECT are not inspected: the database login is the last line (docs/dba.md).
    """
    return any(_writes(words) for words in _statements(sql))


def read_only_guard(execute, sql, params, many, context):
    if is_legacy_read_only() and is_write(sql):
        first_line = " ".join(sql.split())[:80]
        raise LegacyReadOnlyError(f"LEGACY_READ_ONLY is on: refused a write to the legacy database ({first_line}...)")
    return execute(sql, params, many, context)


def install_guard(sender, connection, **kwargs):
    """connection_created receiver: guard every legacy connection (the setting is read per statement)."""
    if connection.alias == LEGACY_DB and read_only_guard not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, read_only_guard)  # outermost; survives execute_wrapper() pops
