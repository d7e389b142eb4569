"""The actor of an API write: the caller's legacy UserID (AuditUserID) and a readable label for the logs.

The label is a login name (legacy users) or `client:<name>` / `operator:<name>`; never a password,
token or key.
"""

from auth_bridge.accounts import current_legacy_row
from auth_bridge.rights import principal_for
from legacy.services import Actor


def actor_for(user):
    principal = principal_for(user)
    if principal.legacy_user_id is not None:
        row = current_legacy_row(principal.legacy_user_id)
        label = row.login_name if row is not None else f"user:{principal.legacy_user_id}"
    else:
        label = f"{principal.kind}:{user.get_username()}"
    return Actor(principal.audit_user_id, label)
