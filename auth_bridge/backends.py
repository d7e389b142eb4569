"""Django authentication backend for legacy logins (tblUsers, the legacy password hash).

Every caller of `django.contrib.auth.authenticate` (the token view, the session login) goes through it, so
each gets the per-client throttle (`throttles.py`) and the lockout (`lockout.py`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.core.exceptions import PermissionDenied

from . import lockout, throttles
from .accounts import credentials_fingerprint, current_legacy_row, django_user_for, find_legacy_user
from .hashers import check_legacy_password, dummy_check
from .rights import establish


class LegacyBackend(BaseBackend):
    """Checks a login against the current legacy row; links it to a state-database Django user.

    Locked or not, the same work is done (the lookup, the legacy hash, and what `ModelBackend` does after a
    legacy miss), so the time of the answer does not tell.
    For sessions, `get_user` reads the legacy row on every request and derives the user's session hash
    from the legacy credential state, so a deleted user or a changed password ends the session.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        if request is not None:
            throttles.count_attempt(request)
        row = find_legacy_user(username)
        locked = lockout.is_locked(username)
        if row is None:
            valid = dummy_check(password)
        else:
            valid = check_legacy_password(password, row.stored_password, row.private_key)
        if locked:
            ModelBackend().authenticate(request, username=username, password=password)  # its work, not its say
            raise PermissionDenied("locked")  # stops other backends; reported like a wrong password
        if not valid:
            return None
        user = django_user_for(row)
        if user is not None:
            lockout.reset(username)
            _bind_session_hash(user, row)
            establish(user, row)
        return user

    def get_user(self, user_id):
        user = get_user_model().objects.select_related("legacy_link").filter(pk=user_id, is_active=True).first()
        if user is None or not hasattr(user, "legacy_link"):
            return user  # a state-only user (e.g. Client.force_login picks the first backend): as ModelBackend
        row = current_legacy_row(user.legacy_link.legacy_user_id)
        if row is None:
            return None
        _bind_session_hash(user, row)
        establish(user, row)
        return user


def _bind_session_hash(user, row):
    """Make Django's session hash depend on the legacy credential state (in memory only, never saved)."""
    user.password = "!legacy$" + credentials_fingerprint(row)
