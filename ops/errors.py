"""Last-resort JSON:API answers for operational failures that reach the middleware layer.

DRF re-raises exceptions it does not know; a database that is down or too slow (connection refused,
connect or statement timeout) becomes a quick 503 the client may retry, not a 500 with a traceback.
A write that reaches the read-only guard becomes a 405 (the API should have answered 405 first).
"""

import json
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render

from .readonly import LegacyReadOnlyError

logger = logging.getLogger("ops.errors")
JSONAPI = "application/vnd.api+json"
RETRY_AFTER_SECONDS = "5"


def jsonapi_error(status, code, title, detail, **headers):
    body = {
        "jsonapi": {"version": "1.1"},
        "errors": [{"status": str(status), "code": code, "title": title, "detail": detail}],
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=JSONAPI)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class OperationalErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LegacyReadOnlyError):
            return jsonapi_error(
                405,
                "legacy_read_only",
                "Method not allowed",
                "The legacy database is in read-only mode.",
                Allow="GET, HEAD, OPTIONS",
            )
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.warning("database unavailable: %s: %s", exception.__class__.__name__, exception)
            return jsonapi_error(
                503,
                "database_unavailable",
                "Service unavailable",
                "A database is unreachable or did not answer in time. Retry later.",
                Retry_After=RETRY_AFTER_SECONDS,
            )
        return None


def not_found(request, exception=None):
    """handler404 and the /api/ catch-all: a URL that matches nothing is a JSON:API 404 (never Django's debug
    page); a browser (preferring text/html) gets a short page that leads back to the start."""
    if request.get_preferred_type([JSONAPI, "text/html"]) == "text/html":
        return render(request, "web/not_found.html", status=404)
    return jsonapi_error(404, "not_found", "Not Found", "No resource at this URL.")


def server_error(request):
    """handler500: the details stay in the log (with the request id), never in the answer."""
    return jsonapi_error(500, "server_error", "Internal Server Error", "An unexpected error occurred.")
