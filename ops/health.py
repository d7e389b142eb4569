"""Health endpoints for the gateway and the orchestrator.

`live`: the process answers (no database access, so a database outage does not get it restarted).
`ready`: both databases answer a cheap query; 503 naming the failing aliases otherwise, so the
gateway stops sending traffic until they are back.
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("ops.health")
ALIASES = ("default", "legacy")


def probe(alias):
    """True when `alias` answers `SELECT 1`; a broken connection is dropped so the next probe reconnects."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError as error:
        logger.warning("database %r not ready: %s", alias, error.__class__.__name__)
        if not connection.in_atomic_block:
            connection.close()
        return False


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    databases = {alias: "ok" if probe(alias) else "unavailable" for alias in ALIASES}
    failing = [alias for alias, state in databases.items() if state != "ok"]
    body = {"status": "unavailable" if failing else "ok", "databases": databases}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
