"""Django authentication backend for legacy logins (tblUsers, the legacy password hash)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from . import lockout
from .accounts import credentials_fingerprint, current_legacy_row, django_user_for, find_legacy_user
from .hashers import check_legacy_password, dummy_check


class LegacyBackend(BaseBackend):
    """Checks a login against the current legacy row; links it to a state-database Django user.

    For sessions, `get_user` re-reads the legacy row on every request and derives the user's session
    hash from the legacy credentials, so a deleted user or a changed password ends the session.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        if lockout.is_locked(username):
            dummy_check(password)
            raise PermissionDenied("locked")  # stops other backends; reported like a wrong password
        row = find_legacy_user(username)
        if row is None:
            dummy_check(password)
            return None
        if not check_legacy_password(password, row.stored_password, row.private_key):
            return None
        user = django_user_for(row)
        if user is not None:
            lockout.reset(username)
            _bind_session_hash(user, row)
        return user

    def get_user(self, user_id):
        user = get_user_model().objects.select_related("legacy_link").filter(pk=user_id, is_active=True).first()
        if user is None or not hasattr(user, "legacy_link"):
            return user  # a state-only user (e.g. Client.force_login picks the first backend): as ModelBackend
        row = current_legacy_row(user.legacy_link.legacy_user_id)
        if row is None:
            return None
        user._legacy_row = row
        _bind_session_hash(user, row)
        return user


def _bind_session_hash(user, row):
    """Make Django's session hash depend on the legacy credentials (in memory only, never saved)."""
    user.password = "!legacy$" + credentials_fingerprint(row)
