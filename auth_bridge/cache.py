"""The request scope: values resolved once per request (the principal, the grants), never across requests.

`RequestCacheMiddleware` opens a scope per request; outside a scope (management commands, tests calling
`visible` directly) nothing is kept, so every call reads fresh data.
"""

import contextlib
import contextvars

_memo = contextvars.ContextVar("auth_bridge_request_memo", default=None)


@contextlib.contextmanager
def request_cache():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def request_memo(key, compute):
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember(key, value):
    """Keep `value` for the rest of the request (no-op outside a request scope); returns it."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
    return value


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_cache():
            return self.get_response(request)
