"""Optimistic concurrency from the row's content.

RowID (SQL Server rowversion) is meaningless on PostgreSQL and SQLite, so the tag is a hash of every
mapped column. ValidityFrom and AuditUserID change on every legacy-style update, so even a legacy
write that keeps the visible values changes the tag.
"""

import hashlib

from .snapshots import canonical


def etag(obj):
    """The row's tag, without HTTP quotes (the API adds them)."""
    return hashlib.sha256(canonical(obj).encode("utf-8")).hexdigest()


def normalize(tag):
    """`"abc"` and `abc` are the same tag; a weak tag (`W/"abc"`) is None: If-Match compares strongly
    (RFC 9110 13.1.1), and a weak validator cannot guard a write."""
    tag = tag.strip()
    if tag.startswith("W/"):
        return None
    return tag.strip('"')


def matches(expected, current):
    """Whether an If-Match value (one tag, a comma list, or `*`) accepts the row whose tag is `current`
    (`etag(row)`, computed once by the caller)."""
    candidates = [normalize(part) for part in expected.split(",")]
    return "*" in candidates or current in candidates
