"""Opaque bearer tokens: random, shown once, stored as SHA-256, bound to the legacy credentials.

The token's state-database row is remembered by the worker for a few seconds (`recent`): the legacy user
row is still read on every request (`authentication.py`), so a deleted or changed legacy user, a password
change and a removed right count on the next request; a token revoked or a Django user deactivated
elsewhere counts within `AUTH_TOKEN_CACHE_SECONDS` (at most 5).
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db.models import OuterRef
from django.utils import timezone

from . import recent
from .grants import has_grants
from .models import ApiToken


def hash_token(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_token(user, *, credential_fingerprint="", lifetime=None):
    """Create a token for `user`; returns (raw token, expiry). Only the hash is stored."""
    raw = secrets.token_urlsafe(32)  # no dots: never mistaken for a JWT
    lifetime = lifetime or datetime.timedelta(seconds=settings.AUTH_TOKEN_LIFETIME_SECONDS)
    expires = timezone.now() + lifetime
    ApiToken.objects.create(
        key_hash=hash_token(raw), user=user, expires=expires, credential_fingerprint=credential_fingerprint
    )
    return raw, expires


def find_token(raw):
    """The live (unrevoked, unexpired) token row for `raw`, with its user, else None.

    One query, or none when this process read the same token less than `recent.seconds()` ago: the token,
    its user, the user's legacy link / API client, and whether the user holds any object grant
    (`user_has_grants`; when False, `grants.granted` needs no query for this request).
    """
    key = hash_token(raw)
    token = recent.token(key)
    if token is None:
        token = (
            ApiToken.objects.select_related("user", "user__legacy_link", "user__api_client")
            .annotate(user_has_grants=has_grants(OuterRef("user_id")))
            .filter(key_hash=key, revoked=False)
            .first()
        )
        if token is not None:
            recent.keep(key, token)
    if token is None or token.expires <= timezone.now() or not token.user.is_active:
        return None
    return token


def revoke(token):
    recent.forget(token.key_hash)
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
