import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from jsonschema import Draft7Validator
from rest_framework.test import APIClient

SCHEMA = Draft7Validator(json.loads((Path(__file__).parent / "jsonapi-schema-1.0.json").read_text()))
JSONAPI = "application/vnd.api+json"


def valid(document):
    """Assert `document` is a valid JSON:API document and return it."""
    errors = sorted(SCHEMA.iter_errors(document), key=str)
    assert not errors, [error.message for error in errors[:3]]
    return document


class Api:
    """A test client that returns (status, parsed JSON:API document), checking it against the schema."""

    def __init__(self, client):
        self.client = client

    def get(self, url, status=200, **headers):
        response = self.client.get(url, HTTP_ACCEPT=headers.pop("accept", JSONAPI), **headers)
        assert response.status_code == status, (response.status_code, getattr(response, "content", b"")[:500])
        if response.get("Content-Type", "").startswith(JSONAPI):
            document = json.loads(response.content)
            valid(document)
            assert document["jsonapi"] == {"version": "1.1"}
            return document
        return response


@pytest.fixture
def admin(db):
    return get_user_model().objects.create(username="admin", is_superuser=True, is_staff=True)  # no hashing


@pytest.fixture
def api(admin):
    client = APIClient()
    client.force_authenticate(admin)
    return Api(client)


@pytest.fixture
def nobody_api(db):
    user = get_user_model().objects.create(username="clerk")
    client = APIClient()
    client.force_authenticate(user)
    return Api(client)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """`builders.world()` committed once per module (read-only tests), removed afterwards."""
    from . import builders
    with django_db_blocker.unblock():
        with transaction.atomic(using="legacy"):
            rows = builders.world()
        yield rows
        builders.empty_legacy_tables()
