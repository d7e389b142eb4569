"""What is running: product version (pyproject.toml, its one home), commit, API version, legacy schema check.

The commit comes from `SOURCE_COMMIT` (set it when building an image: `.git` is not copied into it) or,
in a git checkout, from `git rev-parse`. The legacy schema check (`check_legacy_schema`'s comparison)
introspects every mapped table, so its outcome is remembered for `SCHEMA_CHECK_SECONDS`.
"""

import datetime
import os
import subprocess
import tomllib
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

from legacy.schema.compat import compare

SCHEMA_CHECK_SECONDS = 300
_SCHEMA_KEY = "ops:legacy-schema-check"


@lru_cache(maxsize=1)
def product_version():
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


@lru_cache(maxsize=1)
def commit():
    """The source commit, or None when unknown (no `SOURCE_COMMIT`, no git checkout)."""
    if os.environ.get("SOURCE_COMMIT"):
        return os.environ["SOURCE_COMMIT"]
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def legacy_schema_status():
    """`{"status": "compatible" | "incompatible" | "unavailable", "problems": n, "checkedAt": ...}`."""
    status = cache.get(_SCHEMA_KEY)
    if status is None:
        status = _check_legacy_schema()
        cache.set(_SCHEMA_KEY, status, SCHEMA_CHECK_SECONDS)
    return status


def _check_legacy_schema():
    checked_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    try:
        problems = compare(connections["legacy"])
    except DatabaseError:
        return {"status": "unavailable", "problems": None, "checkedAt": checked_at}
    return {
        "status": "incompatible" if problems else "compatible",
        "problems": len(problems),
        "checkedAt": checked_at,
    }


def version_info():
    return {
        "product": "openIMIS legacy REST API",
        "version": product_version(),
        "commit": commit(),
        "apiVersion": settings.SPECTACULAR_SETTINGS["VERSION"],
        "legacySchema": legacy_schema_status(),
    }
