"""Who is asking, in legacy terms: one immutable `Principal`, resolved once per request at authentication.

Built from values already read (no query here): the current tblUsers row with its rights folded in
(`accounts.legacy_rows`), a technical client's stored rights and district ids, or a state-only operator.
The read gate, the rights checks and the writes all receive this value.
"""

from dataclasses import dataclass, field

from django.conf import settings

ADMIN_IS_SYSTEM = 64  # tblRole.IsSystem of the IMIS Administrator role


@dataclass(frozen=True)
class Principal:
    audit_user_id: int  # legacy UserID written as AuditUserID by this user's writes
    legacy_user_id: int | None = None  # None for technical users (API clients) and operators
    rights: frozenset = field(default_factory=frozenset)
    is_admin: bool = False
    district_ids: frozenset = field(default_factory=frozenset)  # current tblUsersDistricts LocationIds
    health_facility_id: int | None = None  # tblUsers.HFID: claim administrators see only this HF
    all_locations: bool = False  # technical clients created with --all-locations: no location scoping
    kind: str = "legacy"  # "legacy", "client" (technical user) or "operator" (state-only superuser)
    user_id: int | None = None  # the state-database Django user (object grants are held by it)
    label: str = ""  # for logs and write audit labels: the LoginName, or client:/operator:<name>
    has_grants: bool | None = None  # known at authentication (token lookup): None = unknown, ask

    def has_right(self, right_id):
        return self.is_admin or right_id in self.rights

    @property
    def is_scoped(self):
        """True when location scoping applies (not an administrator, not a national client)."""
        return not (self.is_admin or self.all_locations)


def _ids(text):
    """The integers of a comma-joined aggregate (see `accounts.Joined`); None or '' is none."""
    return frozenset(int(part) for part in (text or "").split(",") if part.strip())


def of_legacy_row(row, user=None, has_grants=None):
    """The principal of a current tblUsers row read by `accounts.legacy_rows` (rights folded in)."""
    return Principal(
        audit_user_id=row.pk,
        legacy_user_id=row.pk,
        rights=_ids(row.folded_rights),
        is_admin=bool(row.folded_is_admin),
        district_ids=_ids(row.folded_districts),
        health_facility_id=row.health_facility_id or None,  # HFID 0 = none (demo data)
        user_id=user.pk if user is not None else None,
        label=row.login_name,
        has_grants=has_grants,
    )


def of_client(user, client, has_grants=None):
    """A technical user: rights and district location ids stored in the state database (no query)."""
    return Principal(
        audit_user_id=settings.LEGACY_AUDIT_USER_ID,
        rights=frozenset(int(right) for right in client.rights),
        district_ids=frozenset(int(pk) for pk in client.district_ids),
        all_locations=client.all_locations,
        kind="client",
        user_id=user.pk,
        label=f"client:{user.get_username()}",
        has_grants=has_grants,
    )


def of_operator(user, has_grants=None):
    """A state-only Django superuser: an administrator writing as LEGACY_AUDIT_USER_ID."""
    return Principal(
        audit_user_id=settings.LEGACY_AUDIT_USER_ID,
        is_admin=True,
        kind="operator",
        user_id=user.pk,
        label=f"operator:{user.get_username()}",
        has_grants=has_grants,
    )
