"""Test helpers for the API (used by the test modules, the behave steps and the robustness suites):
a client that checks every JSON:API document against the official schema, and logged-in clients.

    api = token_api("clerkA")               # POST /api/auth/token, then `Authorization: Bearer`
    document = api.get("/api/insurees")     # asserts the status and validates the document
"""

import json
from pathlib import Path

from django.core.cache import cache
from jsonschema import Draft7Validator
from rest_framework.test import APIClient

from api import totals
from api.negotiation import JSONAPI
from auth_bridge import recent
from auth_bridge.testing import token_login

SCHEMA = Draft7Validator(json.loads((Path(__file__).parent / "tests" / "jsonapi-schema-1.0.json").read_text()))


def clear_caches():
    """Empty the shared cache and what this process keeps in front of it (remembered totals, token rows):
    a test's rows are rolled back, so nothing remembered from them may answer for the next test."""
    cache.clear()
    totals.forget()
    recent.forget_all()


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


def token_api(login, password="pw"):
    """An `Api` that authenticates like a client: a token from POST /api/auth/token, then `Authorization: Bearer`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_login(login, password)}")
    return Api(client)
