"""Build the legacy test database with the project's own DDL (the test runner never migrates it)."""
import pytest
from django.db import connections

from legacy.schema import create_legacy_schema


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        create_legacy_schema(connections["legacy"])
