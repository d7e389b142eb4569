"""Build the legacy test database with the project's own DDL (the test runner never migrates it)."""
import pytest
from django.conf import settings
from django.db import connections

from legacy.schema import create_legacy_schema


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, put the legacy test database in a file, not in shared-cache memory.

    Tests that write from several threads need SQLite's real file locking (busy timeout, BEGIN
    IMMEDIATE); an in-memory shared-cache database fails at once with "database table is locked".
    """
    legacy = settings.DATABASES["legacy"]
    if legacy["ENGINE"] == "django.db.backends.sqlite3" and not legacy.setdefault("TEST", {}).get("NAME"):
        legacy["TEST"]["NAME"] = str(tmp_path_factory.mktemp("legacy-db") / "test_legacy.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        create_legacy_schema(connections["legacy"])
