"""Any view whose database is down or too slow answers a quick JSON:API 503, not a 500."""

import time

import pytest
from django.db import connections
from django.http import JsonResponse
from django.test import override_settings
from django.urls import path

from .swap import closed_port, postgres_config, swapped

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _query(request, sql):
    with connections["legacy"].cursor() as cursor:
        cursor.execute(sql)
        return JsonResponse({"value": cursor.fetchone()[0]})


urlpatterns = [
    path("one", lambda request: _query(request, "SELECT 1")),
    path("slow", lambda request: _query(request, "SELECT 1 FROM pg_sleep(3)")),
]


def _assert_jsonapi_503(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/vnd.api+json"
    assert response["Retry-After"] == "5"
    (error,) = response.json()["errors"]
    assert (error["status"], error["code"]) == ("503", "database_unavailable")


@override_settings(ROOT_URLCONF=__name__)
def test_unreachable_database_gives_a_quick_503(client):
    with swapped("legacy", postgres_config(closed_port())):
        started = time.monotonic()
        response = client.get("/one")
        assert time.monotonic() - started < 2
    _assert_jsonapi_503(response)
    assert client.get("/one").json() == {"value": 1}  # the real database again


@override_settings(ROOT_URLCONF=__name__)
def test_a_query_past_the_statement_timeout_gives_a_503(client):
    with swapped("legacy", postgres_config(statement_timeout_ms=200)):
        started = time.monotonic()
        response = client.get("/slow")
        elapsed = time.monotonic() - started
        assert client.get("/one").json() == {"value": 1}  # the same service keeps answering
    _assert_jsonapi_503(response)
    assert elapsed < 2
