"""Scale-out: two API server processes on one state database (as docker-compose.yml runs them behind the
gateway). A lockout, a login throttle and a legacy rights change seen through one hold on the other."""

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
from django.conf import settings
from django.db import connections

from auth_bridge import codes
from auth_bridge import testing as t

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "legacy"]),
    pytest.mark.usefixtures("empty_legacy_tables"),
]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
PORTS = (8108, 8109)  # this branch's ports on the shared machine


def _url(alias):
    """The URL of the test database behind `alias` (what this test process uses), for the servers."""
    conf = connections[alias].settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{conf['NAME']}"
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
    return f"postgres://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{conf['NAME']}"


def _start(port, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "DJANGO_", "SECURE_", "AUTH_"))}
    env.update(
        DJANGO_ENV="development",
        DATABASE_URL=_url("default"),
        LEGACY_DATABASE_URL=_url("legacy"),
        ADAPTER_VAR_DIR=str(tmp_path),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        GUNICORN_WORKER_TMP_DIR=str(tmp_path),
        AUTH_LOCKOUT_ATTEMPTS="3",
        AUTH_LOGIN_THROTTLE_RATE="8/min",
        LOG_LEVEL="WARNING",
    )
    log = open(tmp_path / f"server-{port}.log", "w")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "config/gunicorn.py", "config.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, log
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise AssertionError((tmp_path / f"server-{port}.log").read_text())


@pytest.fixture
def instances(tmp_path):
    started = [_start(port, tmp_path) for port in PORTS]
    try:
        yield [f"http://127.0.0.1:{port}" for port in PORTS]
    finally:
        for process, log in started:
            process.terminate()
            process.wait(timeout=15)
            log.close()


def call(base, path, body=None, token=None):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def rights(base, token):
    status, body = call(base, "/api/auth/me", token=token)
    assert status == 200, body
    return [right["code"] for right in body["rights"]]


def login(base, username, password):
    return call(base, "/api/auth/token", {"username": username, "password": password})


def test_lockout_throttle_and_rights_hold_across_instances(instances):
    one, two = instances
    assert "adapter_cache" in connections["default"].introspection.table_names()  # the shared store
    role = t.role("Clerk", rights=[codes.Right.INSUREE_READ, codes.Right.FAMILY_READ])
    t.legacy_user("clerk", "pw", roles=[role])
    t.legacy_user("victim", "right")

    # rights: both instances see the legacy change on their next request (no per-process cache)
    status, body = login(one, "clerk", "pw")
    assert status == 201, body
    token = body["token"]
    assert rights(one, token) == rights(two, token) == [codes.Right.FAMILY_READ, codes.Right.INSUREE_READ]
    t.delete_legacy(role.rights.get(right_id=codes.Right.FAMILY_READ))
    assert rights(one, token) == [codes.Right.INSUREE_READ]
    assert rights(two, token) == [codes.Right.INSUREE_READ]

    # lockout: failures through one instance lock the login on the other
    assert [login(one, "victim", "wrong")[0] for _ in range(3)] == [401, 401, 401]
    assert login(two, "victim", "right")[0] == 401

    # throttle: this client's attempts are counted together (1 + 3 + 1 so far, the rate is 8/min)
    assert [login(two, "nobody", "x")[0] for _ in range(3)] == [401, 401, 401]
    status, body = login(one, "clerk", "pw")
    assert status == 429 and body["errors"][0]["status"] == "429"
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
