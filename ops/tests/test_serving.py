"""Serving as in production: collectstatic, then gunicorn (gthread) with whitenoise, behind forwarded headers."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .swap import closed_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def production_env(var_dir, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "GUNICORN_", "DJANGO_"))}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="s" * 20 + "-serving-test-secret-0123456789abcdef",
        ALLOWED_HOSTS="api.example.org,127.0.0.1",
        ADAPTER_VAR_DIR=str(var_dir),
        **extra,
    )
    return env


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # a loaded CI machine: not a timing test
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """collectstatic, then a real gunicorn on a free port; stopped at the end of the module."""
    var_dir = tmp_path_factory.mktemp("var")
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=production_env(var_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0, collect.stderr
    port = closed_port()
    env = production_env(
        var_dir,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        GUNICORN_WORKER_TMP_DIR=str(var_dir),
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    log = open(var_dir / "server.log", "w")
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}", var_dir
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_collectstatic_writes_a_manifest_for_whitenoise(served):
    _, var_dir = served
    static = var_dir / "static"
    assert (static / "staticfiles.json").is_file()
    assert list((static / "rest_framework" / "css").glob("bootstrap.min.*.css"))


def test_whitenoise_serves_hashed_static_files_for_ever(served):
    base, var_dir = served
    hashed = next((var_dir / "static" / "rest_framework" / "css").glob("bootstrap.min.*.css")).name
    status, headers, body = fetch(
        f"{base}/static/rest_framework/css/{hashed}", Host="api.example.org", **{"X-Forwarded-Proto": "https"}
    )
    assert status == 200 and body
    assert "immutable" in headers["Cache-Control"]


def test_gunicorn_serves_the_app_with_production_settings(served):
    base, _ = served
    status, headers, body = fetch(f"{base}/health/live", Host="api.example.org", **{"X-Forwarded-Proto": "https"})
    assert status == 200 and b'"ok"' in body
    assert len(headers["X-Request-ID"]) == 32
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_from_the_gateway_is_redirected_to_https(served):
    base, _ = served
    request = urllib.request.Request(f"{base}/api/", headers={"Host": "api.example.org", "X-Forwarded-Proto": "http"})
    opener = urllib.request.build_opener(
        type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a: None})
    )
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=60)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "https://api.example.org/api/"


def test_probes_over_plain_http_are_not_redirected(served):
    base, _ = served
    status, _, _ = fetch(f"{base}/health/live", Host="127.0.0.1")
    assert status == 200


def test_unknown_hosts_are_refused(served):
    base, _ = served
    status, _, _ = fetch(f"{base}/health/live", Host="evil.example.com")
    assert status == 400


def test_production_logs_one_json_line_per_request_without_the_query_string(served):
    base, var_dir = served
    fetch(f"{base}/health/live?token=SECRET-IN-QUERY", Host="api.example.org", **{"X-Request-ID": "probe-log-000001"})
    lines = [json.loads(line) for line in (var_dir / "server.log").read_text().splitlines() if line.startswith("{")]
    (entry,) = [line for line in lines if line.get("request_id") == "probe-log-000001"]
    assert (entry["logger"], entry["method"], entry["path"], entry["status"]) == (
        "ops.requests",
        "GET",
        "/health/live",
        200,
    )
    assert "SECRET-IN-QUERY" not in (var_dir / "server.log").read_text()
