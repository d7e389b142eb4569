"""A real gunicorn server on a free local port, for the stress scripts (same settings as the caller)."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers=2, threads=4):
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_WORKER_TMP_DIR": "/tmp",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/health/live", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start at {base}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def patch_offered(token):
    """Does the API offer PATCH /api/insurees/<id> (the write endpoints)?"""
    from django.test import Client

    from robust.concurrency import api_can_patch_insurees

    schema = json.loads(Client().get("/api/schema?format=json", HTTP_AUTHORIZATION=f"Bearer {token}").content)
    return api_can_patch_insurees(schema)
