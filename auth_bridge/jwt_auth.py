"""OIDC/JWT bearer tokens verified locally: signature (JWKS), issuer, audience, expiry.

Off unless `AUTH_OIDC_ISSUER` is set; then `AUTH_OIDC_AUDIENCE` is required (`manage.py check` error
auth_bridge.E001 without it) and every token must name it in `aud`. Keys come from `AUTH_OIDC_JWKS_FILE`
(read once) or `AUTH_OIDC_JWKS_URL` (PyJWT's client, keys cached for `AUTH_OIDC_JWKS_CACHE_SECONDS`), so no
call to the identity provider per request. The claim `AUTH_OIDC_USERNAME_CLAIM` (default
`preferred_username`) must equal a current legacy LoginName exactly: same characters, same case, no
folding. Failed tokens count toward the client's login throttle (`throttles.py`).
"""

import functools
import json

import jwt
from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from . import throttles
from .accounts import django_user_for, find_by_exact_login
from .authentication import bearer_value
from .rights import establish


@functools.lru_cache(maxsize=4)
def _jwks_from_file(path):
    with open(path, encoding="utf-8") as handle:
        return jwt.PyJWKSet.from_dict(json.load(handle))


@functools.lru_cache(maxsize=4)
def _jwks_client(url, lifespan):
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=lifespan)


def signing_key(token):
    if settings.AUTH_OIDC_JWKS_FILE:
        kid = jwt.get_unverified_header(token).get("kid")
        keys = _jwks_from_file(settings.AUTH_OIDC_JWKS_FILE).keys
        matching = [key for key in keys if kid is None or key.key_id == kid]
        if not matching:
            raise jwt.InvalidTokenError("no matching key")
        return matching[0].key
    if settings.AUTH_OIDC_JWKS_URL:
        client = _jwks_client(settings.AUTH_OIDC_JWKS_URL, settings.AUTH_OIDC_JWKS_CACHE_SECONDS)
        return client.get_signing_key_from_jwt(token).key
    raise jwt.InvalidTokenError("no JWKS configured")


class OIDCJWTAuthentication(BaseAuthentication):
    def authenticate(self, request):
        if not settings.AUTH_OIDC_ISSUER or not settings.AUTH_OIDC_AUDIENCE:
            return None  # off (without an audience it refuses to work: see checks.py)
        raw = bearer_value(request)
        if raw is None or raw.count(".") != 2:
            return None
        try:
            claims = jwt.decode(
                raw,
                signing_key(raw),
                algorithms=settings.AUTH_OIDC_ALGORITHMS,
                issuer=settings.AUTH_OIDC_ISSUER,
                audience=settings.AUTH_OIDC_AUDIENCE,
                options={"require": ["exp", "iss", "aud"], "verify_aud": True},
                leeway=settings.AUTH_OIDC_LEEWAY_SECONDS,
            )
        except (jwt.PyJWTError, OSError, ValueError) as error:
            self._failed(request, error)
        row = find_by_exact_login(claims.get(settings.AUTH_OIDC_USERNAME_CLAIM))
        user = django_user_for(row) if row is not None else None
        if user is None:
            self._failed(request)
        establish(user, row)
        return user, claims

    def _failed(self, request, cause=None):
        throttles.count_attempt(request)  # 429 instead of 401 once the client is over the rate
        raise exceptions.AuthenticationFailed("Invalid token.") from cause

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
