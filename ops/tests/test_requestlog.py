"""Request ids and the JSON request log line; security headers on every response."""

import json
import logging

import pytest
from django.contrib.auth import get_user_model

from ops.jsonlog import JsonFormatter
from ops.requestid import RequestIdFilter

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def log_lines():
    """The JSON lines the production handler writes, formatted by the configured formatter and filter."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect(level=logging.DEBUG)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("ops.requests")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_a_sane_incoming_request_id_is_kept_and_echoed(client, log_lines):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="gw-2f1c9a7e-0001")
    assert response["X-Request-ID"] == "gw-2f1c9a7e-0001"
    assert log_lines[-1]["request_id"] == "gw-2f1c9a7e-0001"


@pytest.mark.parametrize(
    "incoming", [None, "short", "has space 123456", "x" * 200, "inject\r\nSet-Cookie: a=b", "ünïcode-123456"]
)
def test_a_missing_or_odd_request_id_is_replaced_by_a_generated_one(client, log_lines, incoming):
    headers = {} if incoming is None else {"HTTP_X_REQUEST_ID": incoming}
    response = client.get("/health/live", **headers)
    generated = response["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and int(generated, 16) >= 0
    assert log_lines[-1]["request_id"] == generated


def test_each_request_gets_its_own_id(client):
    assert client.get("/health/live")["X-Request-ID"] != client.get("/health/live")["X-Request-ID"]


def test_one_json_line_per_request_with_the_operational_fields(client, log_lines):
    client.get("/health/live")
    client.get("/no-such-page")
    assert len(log_lines) == 2
    first, second = log_lines
    assert {
        "time",
        "level",
        "logger",
        "message",
        "method",
        "path",
        "status",
        "duration_ms",
        "request_id",
        "user_id",
    } <= set(first)
    assert (first["method"], first["path"], first["status"], first["user_id"]) == ("GET", "/health/live", 200, None)
    assert (second["path"], second["status"]) == ("/no-such-page", 404)
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0


def test_the_authenticated_user_id_is_logged(client, log_lines):
    user = get_user_model().objects.create(username="clerk")
    client.force_login(user)
    client.get("/health/live")
    assert log_lines[-1]["user_id"] == user.pk


def test_secrets_never_reach_the_log(client, log_lines):
    client.get(
        "/health/live?access_token=SECRET-QUERY-TOKEN&password=SECRET-PASSWORD",
        HTTP_AUTHORIZATION="Bearer SECRET-BEARER-TOKEN",
        HTTP_COOKIE="sessionid=SECRET-COOKIE",
    )
    client.post("/health/ready", {"password": "SECRET-BODY-PASSWORD"})
    text = json.dumps(log_lines)
    assert len(log_lines) == 2
    for secret in (
        "SECRET-QUERY-TOKEN",
        "SECRET-PASSWORD",
        "SECRET-BEARER-TOKEN",
        "SECRET-COOKIE",
        "SECRET-BODY-PASSWORD",
        "access_token",
    ):
        assert secret not in text
    assert log_lines[0]["path"] == "/health/live"


def test_other_log_records_of_the_request_carry_its_id(client, caplog):
    """ops.health logs a warning inside the request; the filter stamps it with the request id."""
    from .swap import closed_port, postgres_config, swapped

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(RequestIdFilter())
    logging.getLogger("ops.health").addHandler(handler)
    try:
        with swapped("legacy", postgres_config(closed_port())):
            response = client.get("/health/ready", HTTP_X_REQUEST_ID="trace-0123456789")
    finally:
        logging.getLogger("ops.health").removeHandler(handler)
    assert response.status_code == 503
    assert [r.request_id for r in records] == ["trace-0123456789"]


def test_security_headers(client):
    response = client.get("/health/live")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
