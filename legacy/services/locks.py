"""Application locks for the rules the legacy schema does not enforce itself.

The legacy tables have no unique index on, e.g., tblInsuree.CHFID (the legacy application checks in code
before it inserts), so two concurrent creates could both pass the check. `serialise(key)` holds a lock
named after the checked value until the surrounding transaction ends: `pg_advisory_xact_lock` on
PostgreSQL, `sp_getapplock` (transaction owner) on SQL Server. SQLite needs none: every writing
transaction begins IMMEDIATE (config/databases.py), which serialises them whole.
"""

import hashlib

from django.db import connections

from legacy.routers import LEGACY_DB

LOCK_TIMEOUT_MS = 30_000

_SQL_SERVER = (
    "DECLARE @result int; "
    "EXEC @result = sp_getapplock @Resource = %s, @LockMode = 'Exclusive', @LockOwner = 'Transaction', "
    "@LockTimeout = %s; "
    "IF @result < 0 THROW 51000, 'application lock not granted', 1;"
)


def serialise(key, using=LEGACY_DB):
    """Wait for, then hold until commit or rollback, the application lock `key` (no-op outside a transaction,
    where nothing would be held anyway)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    name = f"openimis-adapter:{key}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            lock_id = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])
        elif connection.vendor == "microsoft":
            cursor.execute(_SQL_SERVER, [name[:255], LOCK_TIMEOUT_MS])
