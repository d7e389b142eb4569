"""Who writes, in legacy terms: the tblUsers.UserID stored as AuditUserID, plus a label for the logs.

Kept independent of the auth bridge (legacy must not import it): anything with an integer
`audit_user_id` attribute (such as auth_bridge's Principal) is accepted where an actor is expected.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Actor:
    audit_user_id: int
    label: str = ""
    # Locations that bound this actor's own scope: their code and parent are not the actor's to change.
    fixed_location_ids: frozenset = frozenset()

    def __post_init__(self):
        if isinstance(self.audit_user_id, bool) or not isinstance(self.audit_user_id, int):
            raise TypeError(f"audit_user_id must be an int (a legacy tblUsers.UserID), got {self.audit_user_id!r}")

    @classmethod
    def technical(cls, label="technical"):
        """An API client with no legacy account writes as the configured audit user."""
        return cls(settings.LEGACY_AUDIT_USER_ID, label)

    def __str__(self):
        return f"{self.label or 'user'}#{self.audit_user_id}"


def as_actor(who):
    """An Actor from an Actor, a bare legacy UserID, or any object carrying `audit_user_id`."""
    if isinstance(who, Actor):
        return who
    if isinstance(who, int) and not isinstance(who, bool):
        return Actor(who)
    audit_user_id = getattr(who, "audit_user_id", None)
    if audit_user_id is None:
        raise TypeError(f"cannot write as {who!r}: no legacy audit user id")
    label = getattr(who, "label", "") or type(who).__name__.lower()
    return Actor(audit_user_id, label)
