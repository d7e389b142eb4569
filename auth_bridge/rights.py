"""The principal of a request: resolved once, at authentication, then only looked up.

* Legacy users (linked by `LegacyLink`): the current tblUsers row with its rights, administrator flag and
  districts folded in (one statement, `accounts.legacy_rows`), read at authentication on every request, so
  a legacy change counts on the next request; a deleted user gets no principal.
* Technical users (`ApiClient`): rights and district location ids stored in the state database.
* State-only Django superusers (operators): administrators, writing as `LEGACY_AUDIT_USER_ID`.
* Anyone else: None (deny).

Authentication (`authentication.py`, `jwt_auth.py`, `backends.py`) calls `establish`; the read gate, the
rights checks and the writes call `principal_for`, which returns that same immutable value.
"""

from legacy.models import UserRole

from .accounts import current_legacy_row, legacy_link_of, same_entity
from .cache import remember, request_memo
from .models import ApiClient
from .principals import Principal, of_client, of_legacy_row, of_operator

__all__ = ["Principal", "establish", "legacy_roles", "login_name_of", "principal_for", "resolve"]


def _key(user):
    return ("principal", user.pk)


def establish(user, row=None, has_grants=None):
    """Resolve the principal of an authenticated user (with its current legacy row when authentication
    read it) and keep it for the request. Returns the Principal or None."""
    return remember(_key(user), resolve(user, row=row, has_grants=has_grants))


def principal_for(who):
    """The principal of `who` (a Principal, or an authenticated Django user), or None (deny)."""
    if who is None or isinstance(who, Principal):
        return who
    if not getattr(who, "is_authenticated", False) or not who.is_active:
        return None
    return request_memo(_key(who), lambda: resolve(who))


def resolve(user, row=None, has_grants=None):
    """Build the principal from values at hand; reads the legacy row only when not given."""
    if not user.is_active:
        return None
    link = legacy_link_of(user)  # no query when authentication loaded the link
    if link is not None:
        row = row if row is not None else current_legacy_row(link.legacy_user_id)
        if row is None or not same_entity(link, row):
            return None  # deleted in the legacy application (or the id now names someone else): no access
        return of_legacy_row(row, user, has_grants)
    try:
        client = user.api_client  # no query when authentication loaded it
    except ApiClient.DoesNotExist:
        client = None
    if client is not None:
        return of_client(user, client, has_grants)
    if user.is_superuser:
        return of_operator(user, has_grants)
    return None


def login_name_of(user):
    """The legacy LoginName of a linked user (from the request's principal: no statement), else the Django
    user name."""
    principal = principal_for(user)
    return principal.label if principal is not None and principal.kind == "legacy" else user.get_username()


def legacy_roles(legacy_user_id):
    """The user's current, non-blocked legacy roles as (RoleID, RoleName), by name: the ones `_legacy_grants`
    reads the rights of (one query; for display, so not cached)."""
    return list(
        UserRole.objects.current()
        .filter(user_id=legacy_user_id, role__validity_to__isnull=True, role__is_blocked=False)
        .order_by("role__role_name", "role_id")
        .values_list("role_id", "role__role_name")
    )
