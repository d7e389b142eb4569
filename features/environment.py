"""behave-django hooks.

Django's test runner (started by `manage.py behave`) creates both test databases; the legacy one gets
its tables from the project's own DDL here, exactly as conftest.py does for pytest. Each scenario then
runs inside a transaction on both databases (behave-django's `--simple` mode) that is rolled back.
"""
import logging
import warnings

from django.core.cache import cache
from django.db import connections

from legacy.routers import LEGACY_DB
from legacy.schema import create_legacy_schema


def before_all(context):
    # Quiet output: one JSON request log line per API call would bury behave's progress and summary.
    logging.getLogger("ops.requests").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic in tests
    create_legacy_schema(connections[LEGACY_DB])
    context.databases = {"default", LEGACY_DB}  # behave-django: databases each scenario may use


def before_scenario(context, scenario):
    # Cached rights and login-failure counters live in the cache, not in the rolled-back databases.
    cache.clear()
