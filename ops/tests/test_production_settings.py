"""DJANGO_ENV=production: refuses unsafe configurations at start, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.databases import apply_operations, database_config

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "p" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "api.example.org",
}
DROP = ("DJANGO_DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES", "LOG_FORMAT")


def manage(*args, **env):
    """Run manage.py in a fresh interpreter: settings are read once per process."""
    environ = {k: v for k, v in os.environ.items() if k not in DROP and k not in PRODUCTION}
    environ.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "missing, message",
    [
        ("DJANGO_SECRET_KEY", "needs DJANGO_SECRET_KEY"),
        ("ALLOWED_HOSTS", "needs ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    result = manage("check", **{**PRODUCTION, missing: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_refuses_debug():
    result = manage("check", **PRODUCTION, DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "refuses DJANGO_DEBUG=true" in result.stderr


def test_production_refuses_an_empty_host_list():
    result = manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": " , "})
    assert result.returncode != 0 and "needs ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_under_production():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_check_deploy_reports_what_an_operator_turned_off():
    """The clean result comes from the settings: switching protections off is reported."""
    result = manage("check", "--deploy", **PRODUCTION, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert "security.W008" in result.stderr + result.stdout
    assert "security.W004" in result.stderr + result.stdout


def test_postgresql_gets_a_statement_timeout_and_persistent_checked_connections():
    config = apply_operations(
        database_config("postgres://u:p@db:5432/state", connect_timeout=3),
        statement_timeout_ms=1500,
        conn_max_age=60,
    )
    assert config["OPTIONS"] == {"connect_timeout": 3, "options": "-c statement_timeout=1500"}
    assert config["CONN_MAX_AGE"] == 60 and config["CONN_HEALTH_CHECKS"] is True


def test_legacy_read_only_makes_postgresql_sessions_read_only():
    config = apply_operations(
        database_config("postgres://u:p@db:5432/legacy", connect_timeout=3),
        statement_timeout_ms=0,
        conn_max_age=0,
        read_only=True,
    )
    assert config["OPTIONS"]["options"] == "-c default_transaction_read_only=on"


def test_sql_server_gets_a_query_timeout_in_whole_seconds():
    config = apply_operations(
        database_config("mssql://sa:pw@mssql:1433/openimis?TrustServerCertificate=yes", connect_timeout=5),
        statement_timeout_ms=2500,
        conn_max_age=60,
    )
    assert config["OPTIONS"]["query_timeout"] == 3
    assert config["OPTIONS"]["connection_timeout"] == 5
    assert config["OPTIONS"]["extra_params"] == "TrustServerCertificate=yes"


def test_a_non_debug_run_without_a_secret_key_refuses_to_start_with_one_clear_line():
    """Not only DJANGO_ENV=production: DEBUG off is a real deployment, never with the public demo key."""
    result = manage("check", DJANGO_ENV="development", DJANGO_DEBUG="false")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DJANGO_SECRET_KEY" in lines[0], result.stderr


def test_check_deploy_is_clean_in_any_non_debug_configuration():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
