"""The actor of an API write: the caller's legacy UserID (AuditUserID) and a readable label for the logs.

The label is a login name (legacy users) or `client:<name>` / `operator:<name>`; never a password,
token or key.
"""

from auth_bridge.rights import principal_for
from legacy.services import Actor


def actor_for(user):
    principal = principal_for(user)
    return Actor(principal.audit_user_id, principal.label)
