"""Who is asking, in legacy terms: rights, administrator flag, districts, health facility.

STUB (foundation): only Django superusers get a principal (as administrators). The auth-bridge issue
replaces the body of `principal_for` with the legacy rules; the signature and `Principal` stay.
"""
from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Principal:
    audit_user_id: int  # legacy UserID written as AuditUserID by this user's writes
    legacy_user_id: int | None = None  # None for technical users (API clients)
    rights: frozenset = field(default_factory=frozenset)
    is_admin: bool = False
    district_ids: frozenset = field(default_factory=frozenset)  # current tblUsersDistricts LocationIds
    health_facility_id: int | None = None  # tblUsers.HFID: claim administrators see only this HF

    def has_right(self, right_id):
        return self.is_admin or right_id in self.rights


def principal_for(user):
    """The legacy principal of an authenticated Django user, or None (deny)."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Principal(audit_user_id=settings.LEGACY_AUDIT_USER_ID, is_admin=True)
    return None
