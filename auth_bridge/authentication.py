"""DRF authentication classes: bearer tokens, the opt-in gateway identity header, sessions.

OIDC/JWT bearer tokens are in `jwt_auth.py`. Every class resolves the request's principal once
(`rights.establish`), from the legacy row it has just read.
"""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header

from .accounts import credentials_fingerprint, current_legacy_row, django_user_for, find_legacy_user
from .rights import establish, principal_for
from .tokens import find_token, revoke

INVALID = "Invalid or expired token."


def bearer_value(request):
    """The credential after `Bearer `, or None when the header is absent or another scheme."""
    parts = get_authorization_header(request).split()
    if not parts or parts[0].lower() != b"bearer":
        return None
    if len(parts) != 2:
        raise exceptions.AuthenticationFailed("Malformed Authorization header: expected 'Bearer <token>'.")
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError:
        raise exceptions.AuthenticationFailed(INVALID) from None


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <opaque token>` issued by POST /api/auth/token or create_api_client.

    A legacy user's token holds the credential state it was issued for (`accounts.credentials_fingerprint`):
    when the row is gone or that state changed, the token is revoked for good, so restoring the legacy row
    (or the old password hash) later does not bring it back.
    """

    def authenticate(self, request):
        raw = bearer_value(request)
        if raw is None or raw.count(".") == 2:  # absent, or a JWT: left to the JWT class
            return None
        token = find_token(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(INVALID)
        user, row = token.user, None
        link = getattr(user, "legacy_link", None)
        if link is not None:
            row = current_legacy_row(link.legacy_user_id)
            if row is None or credentials_fingerprint(row) != token.credential_fingerprint:
                revoke(token)
                raise exceptions.AuthenticationFailed(INVALID)
        establish(user, row, has_grants=token.user_has_grants)
        return user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class LegacySessionAuthentication(SessionAuthentication):
    """DRF's session authentication (CSRF enforced); the principal is the one the session backend resolved."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            principal_for(result[0])  # resolved now (LegacyBackend.get_user did it for legacy users)
        return result


class TrustedHeaderAuthentication(BaseAuthentication):
    """Identity set by the gateway in a header (e.g. X-Remote-User): a login name, compared like a typed one.

    WARNING: off by default (`AUTH_TRUSTED_HEADER` empty). Enable it only when the API port is reachable
    exclusively through the gateway and the gateway strips the header from client requests; otherwise
    anyone can impersonate anyone by sending the header. `AUTH_TRUSTED_PROXIES` (REMOTE_ADDR list)
    further restricts where it is accepted.
    """

    def authenticate(self, request):
        header = settings.AUTH_TRUSTED_HEADER
        if not header:
            return None
        login = request.META.get("HTTP_" + header.upper().replace("-", "_"))
        if not login:
            return None
        proxies = settings.AUTH_TRUSTED_PROXIES
        if proxies and request.META.get("REMOTE_ADDR") not in proxies:
            raise exceptions.AuthenticationFailed("Identity header not accepted from this address.")
        row = find_legacy_user(login)
        user = django_user_for(row) if row is not None else None
        if user is None:
            raise exceptions.AuthenticationFailed("Unknown user.")
        establish(user, row)
        return user, None
