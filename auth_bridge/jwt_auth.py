"""OIDC/JWT bearer tokens verified locally: signature (JWKS), issuer, audience, expiry.

Off unless `AUTH_OIDC_ISSUER` is set. Keys come from `AUTH_OIDC_JWKS_FILE` (read once) or
`AUTH_OIDC_JWKS_URL` (PyJWT's client, keys cached for `AUTH_OIDC_JWKS_CACHE_SECONDS`), so no call to the
identity provider per request. The claim `AUTH_OIDC_USERNAME_CLAIM` (default `preferred_username`) is
matched case-insensitively to the current legacy LoginName.
"""

import functools
import json

import jwt
from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from .accounts import django_user_for, find_legacy_user
from .authentication import bearer_value


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
        if not settings.AUTH_OIDC_ISSUER:
            return None
        raw = bearer_value(request)
        if raw is None or raw.count(".") != 2:
            return None
        try:
            claims = jwt.decode(
                raw,
                signing_key(raw),
                algorithms=settings.AUTH_OIDC_ALGORITHMS,
                issuer=settings.AUTH_OIDC_ISSUER,
                audience=settings.AUTH_OIDC_AUDIENCE or None,
                options={"require": ["exp", "iss"], "verify_aud": bool(settings.AUTH_OIDC_AUDIENCE)},
                leeway=settings.AUTH_OIDC_LEEWAY_SECONDS,
            )
        except (jwt.PyJWTError, OSError, ValueError) as error:
            raise exceptions.AuthenticationFailed("Invalid token.") from error
        row = find_legacy_user(claims.get(settings.AUTH_OIDC_USERNAME_CLAIM))
        user = django_user_for(row) if row is not None else None
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        return user, claims

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
