"""The actor of an API write: the caller's legacy UserID (AuditUserID) and a readable label for the logs.

The label is a login name (legacy users) or `client:<name>` / `operator:<name>`; never a password,
token or key.
"""

from auth_bridge.codes import RIGHTS
from auth_bridge.rights import principal_for
from legacy.services import Actor


def actor_for(user):
    """The actor of `user`'s write; a location-scoped user without the regions right (121906) may not
    recode or re-parent the districts that bound their own scope."""
    principal = principal_for(user)
    fixed = (
        principal.district_ids if principal.is_scoped and not principal.has_right(RIGHTS["location"]["regions"]) else ()
    )
    return Actor(principal.audit_user_id, principal.label, frozenset(fixed))
