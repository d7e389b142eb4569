"""Per-client throttle of every login path: password logins (token, session, any caller of `authenticate`)
and failed OIDC/JWT bearer tokens.

DRF's `SimpleRateThrottle` keyed by the client address (`REST_FRAMEWORK["NUM_PROXIES"]` says how many
gateways to look through in X-Forwarded-For), rate `AUTH_LOGIN_THROTTLE_RATE`, kept in the default cache
(the state database or Redis: shared by every worker and instance). Over the rate: 429 with Retry-After.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle


class LoginThrottled(Throttled):
    default_detail = "Too many login attempts from this client."


class LoginRate(SimpleRateThrottle):
    scope = "login"

    def get_rate(self):
        return settings.AUTH_LOGIN_THROTTLE_RATE  # read live (DRF's class-level copy is taken at import)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def count_attempt(request):
    """Count one login attempt of this client; LoginThrottled (429) when it is over the rate."""
    rate = LoginRate()
    if not rate.allow_request(request, None):
        raise LoginThrottled(wait=rate.wait())


class LoginThrottleMiddleware:
    """Non-DRF login views (Django's session login form) get the same 429 + Retry-After as the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LoginThrottled):
            return None
        body = {"errors": [{"status": "429", "title": "Throttled", "detail": str(exception.detail)}]}
        response = JsonResponse(body, status=429, content_type="application/vnd.api+json")
        if exception.wait is not None:
            response["Retry-After"] = str(math.ceil(exception.wait))
        return response
