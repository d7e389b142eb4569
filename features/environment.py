"""behave-django hooks.

Django's test runner (started by `manage.py behave`) creates both test databases; the legacy one gets
its tables from the project's own DDL here, exactly as conftest.py does for pytest. Each scenario then
runs inside a transaction on both databases (behave-django's `--simple` mode) that is rolled back.
"""

import logging
import warnings

from django.db import connections

from api.testing import clear_caches
from legacy.routers import LEGACY_DB
from legacy.schema import create_legacy_schema, existing_legacy_tables


def before_all(context):
    # Quiet output: one JSON request log line per API call would bury behave's progress and summary.
    logging.getLogger("ops.requests").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic in tests
    legacy = connections[LEGACY_DB]
    if not _is_test_database(legacy):
        raise RuntimeError("The scenarios write rows: run them on test databases, not --use-existing-database.")
    if not existing_legacy_tables(legacy):  # with --keepdb they are still there from the last run
        create_legacy_schema(legacy)
    context.databases = {"default", LEGACY_DB}  # behave-django: databases each scenario may use


def before_scenario(context, scenario):
    # The shared cache (login throttle, list totals) outlives the rolled-back scenario: start each one empty.
    clear_caches()


def _is_test_database(connection):
    """A database the test runner made (test_<name>, the TEST NAME, or SQLite in memory), never a real one."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return True
    return name.startswith("test_") or name == connection.settings_dict.get("TEST", {}).get("NAME")
