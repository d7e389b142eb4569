"""Per-request memo: a principal and its grants are computed once per request, never across requests.

`RequestCacheMiddleware` opens a scope per request; outside a scope (management commands, tests calling
`visible` directly) nothing is memoized, so every call reads fresh data.
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


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_cache():
            return self.get_response(request)
