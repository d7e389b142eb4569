"""First-run failures speak plainly: one line saying which database, what is wrong and what to do, no traceback.

The commands run as a person runs them (`manage.py` in a subprocess). Each failure is real: an ODBC driver
that is not installed, a closed port, a database without the openIMIS tables; the refused password comes
from a minimal PostgreSQL-protocol server (the local PostgreSQL trusts every login, so it cannot refuse one).
"""

import os
import socket
import struct
import subprocess
import sys
import threading

import pytest
from django.conf import settings

SSL_REQUEST, GSS_REQUEST = 80877103, 80877104


def manage(*args, legacy_url, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite3'}",
        "LEGACY_DATABASE_URL": legacy_url,
        "DATABASE_TIMEOUT": "3",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def one_line(done):
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def refusing_postgres():
    """A server that answers every PostgreSQL login with SQLSTATE 28P01 (wrong password), as PostgreSQL does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def serve():
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            with client:
                while True:
                    header = client.recv(8)
                    if len(header) < 8:
                        break
                    length, code = struct.unpack("!ii", header)
                    if code in (SSL_REQUEST, GSS_REQUEST):
                        client.sendall(b"N")
                        continue
                    client.recv(length - 8)
                    fields = b'SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "sa"\0\0'
                    client.sendall(b"E" + struct.pack("!i", len(fields) + 4) + fields)
                    break

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


@pytest.mark.parametrize("command", ["check_databases", "check_legacy_schema"])
def test_a_missing_odbc_driver(tmp_path, command):
    url = "mssql://sa:secret@127.0.0.1:1433/openimis?driver=ODBC+Driver+99+for+SQL+Server&TrustServerCertificate=yes"
    line = one_line(manage(command, legacy_url=url, tmp_path=tmp_path))
    assert "LEGACY_DATABASE_URL" in line and "ODBC driver 'ODBC Driver 99 for SQL Server' is not installed" in line
    assert "msodbcsql18" in line and "tdsodbc" in line and "secret" not in line


def test_an_unreachable_database(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = one_line(manage("check_databases", legacy_url=f"postgres://postgres@127.0.0.1:{port}/x", tmp_path=tmp_path))
    assert f"the server at 127.0.0.1:{port} cannot be reached" in line and "is it running" in line


def test_a_wrong_password(tmp_path, refusing_postgres):
    url = f"postgres://sa:wrong-secret@127.0.0.1:{refusing_postgres}/openimis?sslmode=disable"
    line = one_line(manage("check_databases", legacy_url=url, tmp_path=tmp_path))
    assert "refused the login of user 'sa'" in line and "check the user and password" in line
    assert "wrong-secret" not in line


def test_a_database_that_fails_check_legacy_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'not-openimis.sqlite3'}"
    line = one_line(manage("check_legacy_schema", legacy_url=url, tmp_path=tmp_path))
    assert "has none of the openIMIS tables" in line and "LEGACY_DATABASE_URL" in line


def test_reachable_databases_pass(tmp_path):
    done = manage("check_databases", legacy_url=f"sqlite:///{tmp_path / 'legacy.sqlite3'}", tmp_path=tmp_path)
    assert done.returncode == 0 and "ok   legacy database (sqlite)" in done.stdout, done.stderr
