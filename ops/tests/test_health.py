"""Health endpoints against real databases, including an unreachable one and one that comes back."""

import time

import dj_database_url
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from .swap import PG_SERVER, TcpForwarder, closed_port, postgres_config, swapped

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_live_answers_without_touching_any_database(client):
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["legacy"]) as legacy,
    ):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(default) == 0 and len(legacy) == 0


def test_live_answers_even_when_both_databases_are_unreachable(client):
    with swapped("default", postgres_config(closed_port())), swapped("legacy", postgres_config(closed_port())):
        assert client.get("/health/live").status_code == 200


def test_ready_when_both_databases_answer(client):
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["legacy"]) as legacy,
    ):
        response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "databases": {"default": "ok", "legacy": "ok"}}
    assert [q["sql"] for q in default] == ["SELECT 1"] and [q["sql"] for q in legacy] == ["SELECT 1"]


def test_ready_is_503_naming_the_unreachable_legacy_database_quickly(client):
    with swapped("legacy", postgres_config(closed_port())):
        started = time.monotonic()
        response = client.get("/health/ready")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["legacy"]
    assert body["databases"] == {"default": "ok", "legacy": "unavailable"}
    assert elapsed < 2
    assert response["Cache-Control"].startswith("max-age=0")
    # Restored: the real legacy database answers again.
    assert client.get("/health/ready").status_code == 200


def test_ready_names_the_state_database_when_it_is_the_one_down(client):
    with swapped("default", postgres_config(closed_port())):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["default"]


def test_service_recovers_by_itself_when_the_database_returns(client):
    """A persistent connection is cut by an outage: 503 while down, 200 again once it is back."""
    server = dj_database_url.parse(f"{PG_SERVER}/postgres")
    relay = TcpForwarder(server["HOST"] or "127.0.0.1", int(server["PORT"] or 5432))
    relay.start()
    try:
        with swapped("legacy", postgres_config(relay.port, conn_max_age=600)) as connection:
            assert client.get("/health/ready").status_code == 200
            first = connection.connection
            assert first is not None  # kept open between requests (CONN_MAX_AGE)
            relay.stop()
            started = time.monotonic()
            down = client.get("/health/ready")
            assert down.status_code == 503 and down.json()["failing"] == ["legacy"]
            assert time.monotonic() - started < 2
            relay.start()
            assert client.get("/health/ready").status_code == 200
            assert connection.connection is not None and connection.connection is not first
    finally:
        relay.stop()


def test_ready_refuses_other_methods(client):
    assert client.post("/health/ready").status_code == 405


def test_probes_may_use_head(client):
    assert client.head("/health/live").status_code == 200
