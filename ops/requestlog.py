"""One structured log line per request, and the request id echoed to the client.

Logged: method, path (never the query string, which may carry tokens), status, duration, request id,
user id. Never logged: headers (Authorization, cookies), bodies, query strings.
"""

import logging
import time

from . import requestid

logger = logging.getLogger("ops.requests")


def _user_id(request):
    # DRF copies the user it authenticated (token, JWT, ...) onto the Django request.
    user = getattr(request, "user", None)
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = requestid.from_request(request)
        token = requestid.current.set(request.request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[requestid.HEADER] = request.request_id
            return response
        finally:
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            requestid.current.reset(token)
