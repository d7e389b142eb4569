"""Build the legacy test database with the project's own DDL (the test runner never migrates it)."""

import pytest
from django.conf import settings
from django.db import connections, transaction

from api.testing import clear_caches
from legacy.routers import LEGACY_DB
from legacy.schema import create_legacy_schema
from legacy.schema.spec import TABLES


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, put the test databases in files, not in shared-cache memory.

    Tests that write from several threads need SQLite's real file locking (busy timeout, BEGIN
    IMMEDIATE); an in-memory shared-cache database fails at once with "database table is locked".
    """
    for alias in ("legacy", "default"):  # default too: server processes in tests share the state database
        config = settings.DATABASES[alias]
        if config["ENGINE"] == "django.db.backends.sqlite3" and not config.setdefault("TEST", {}).get("NAME"):
            config["TEST"]["NAME"] = str(tmp_path_factory.mktemp(f"{alias}-db") / f"test_{alias}.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        create_legacy_schema(connections["legacy"])


@pytest.fixture
def empty_legacy_tables():
    """For `django_db(transaction=True)` tests: empty every legacy table afterwards.

    pytest-django flushes only migratable tables, and the legacy ones are not (see legacy/routers.py),
    so rows committed by such a test would otherwise leak into the next tests.
    """
    yield
    connection = connections[LEGACY_DB]
    # SQL Server's foreign keys are not deferrable (PostgreSQL's and SQLite's are): no order of DELETEs fits
    # the cyclic keys (tblFamilies <-> tblInsuree), so checks are off meanwhile
    with connection.constraint_checks_disabled(), transaction.atomic(using=LEGACY_DB), connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table.name)}")


@pytest.fixture
def fresh_rights(settings):
    """Fast password hashing, and an empty shared cache around the test."""
    # ModelBackend hashes every failed login with PBKDF2 (timing equaliser): fast hasher in tests only
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Each test that uses the databases starts and ends with an empty shared cache (the state database's
    cache table by default): totals remembered by an earlier test, whose rows were rolled back, must not
    answer for this one, and a transactional test's committed entries must not reach the next."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        yield
        return
    clear_caches()
    yield
    clear_caches()
