"""Fixtures for the write tests: real legacy users (Admin, a district clerk) calling the API."""

import pytest

from api.testing import clear_caches
from auth_bridge import codes
from auth_bridge import testing as t

from .client import Writer

WRITE_AREAS = ("family", "insuree", "policy", "premium", "location", "health_facility")
ALL_WRITES = [
    code
    for area in WRITE_AREAS
    for action, code in codes.RIGHTS[area].items()
    if action in ("read", "add", "edit", "delete")
]


@pytest.fixture(autouse=True)
def fresh_rights(settings):
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def tree():
    return t.location_tree("A")


@pytest.fixture
def other_tree():
    return t.location_tree("B")


@pytest.fixture
def admin_row():
    return t.admin()


@pytest.fixture
def admin(admin_row):
    return Writer.of(admin_row)


@pytest.fixture
def clerk(tree):
    return Writer.of(t.clerk("ClerkA", "pw", tree.district, ALL_WRITES))


@pytest.fixture
def reader(tree):
    """A clerk of district A who may only read."""
    reads = [codes.RIGHTS[area]["read"] for area in WRITE_AREAS]
    return Writer.of(t.clerk("ReaderA", "pw", tree.district, reads))
