"""Request ids: taken from the gateway's X-Request-ID when it looks sane, otherwise generated.

The current id lives in a context variable so that every log record of the request can carry it.
"""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# Printable, no spaces or separators a log parser or header injection could trip on.
_SANE = re.compile(r"^[A-Za-z0-9._:@-]{8,128}$")

current = contextvars.ContextVar("request_id", default=None)


def from_request(request):
    candidate = request.META.get(META_KEY, "")
    return candidate if _SANE.match(candidate) else uuid.uuid4().hex


class RequestIdFilter:
    """logging filter: adds `request_id` (or None outside a request) to every record."""

    def filter(self, record):
        record.request_id = current.get()
        return True
