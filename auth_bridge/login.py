"""The one legacy login, shared by the token endpoint and the browser session login.

Both go through Django's `authenticate()`, so `LegacyBackend` applies the legacy password rule and the
lockout, and every failure is counted by the `user_login_failed` signal (auth_bridge.lockout), whichever
path was used. Only current legacy users log in here: technical users get tokens from `create_api_client`.
"""

from typing import NamedTuple

from django.contrib.auth import authenticate

from .accounts import current_legacy_row, legacy_user_id_of

FAILED = "Invalid login or password."  # the same for unknown logins, wrong passwords and locked logins


class LegacyLogin(NamedTuple):
    user: object  # the state-database Django user linked to the legacy row (with `backend` set)
    legacy_row: object  # the current tblUsers row the password was checked against


def legacy_login(request, username, password):
    """A `LegacyLogin` for a current legacy user whose password is right and who is not locked, else None."""
    user = authenticate(request, username=username, password=password)
    legacy_id = legacy_user_id_of(user) if user is not None else None
    if legacy_id is None:
        return None
    row = current_legacy_row(legacy_id)  # with its credential state, for the token's fingerprint
    return LegacyLogin(user, row) if row is not None else None
