"""Who is asking, in legacy terms: rights, administrator flag, districts, health facility.

* Legacy users (linked by `LegacyLink`): the current tblUsers row is read on every request (a deleted
  user gets no principal); rights, administrator flag and districts come from current tblUserRole ->
  current, non-blocked tblRole -> current tblRoleRight, and current tblUsersDistricts, cached for at most
  `RIGHTS_CACHE_SECONDS` (0 = always fresh). A current role with IsSystem = 64 makes an administrator.
* Technical users (`ApiClient`): rights and district codes stored in the state database.
* State-only Django superusers (operators): administrators, writing as `LEGACY_AUDIT_USER_ID`.
* Anyone else: None (deny).

Within one request (see `request_cache`) a principal is computed once per user.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from legacy.models import Location, RoleRight, UserDistrict, UserRole

from .accounts import current_legacy_row, legacy_link_of, same_entity
from .cache import request_memo
from .models import ApiClient

ADMIN_IS_SYSTEM = 64


@dataclass(frozen=True)
class Principal:
    audit_user_id: int  # legacy UserID written as AuditUserID by this user's writes
    legacy_user_id: int | None = None  # None for technical users (API clients)
    rights: frozenset = field(default_factory=frozenset)
    is_admin: bool = False
    district_ids: frozenset = field(default_factory=frozenset)  # current tblUsersDistricts LocationIds
    health_facility_id: int | None = None  # tblUsers.HFID: claim administrators see only this HF
    all_locations: bool = False  # technical clients created with --all-locations: no location scoping
    kind: str = "legacy"  # "legacy", "client" (technical user) or "operator" (state-only superuser)

    def has_right(self, right_id):
        return self.is_admin or right_id in self.rights

    @property
    def is_scoped(self):
        """True when location scoping applies (not an administrator, not a national client)."""
        return not (self.is_admin or self.all_locations)


def principal_for(user):
    """The legacy principal of an authenticated Django user, or None (deny)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return request_memo(("principal", user.pk), lambda: _compute(user))


def _compute(user):
    link = legacy_link_of(user)  # no query when authentication loaded the link
    if link is not None:
        return _legacy_principal(link)
    try:
        client = user.api_client  # no query when authentication loaded it
    except ApiClient.DoesNotExist:
        client = None
    if client is not None:
        return _client_principal(client)
    if user.is_superuser:
        return Principal(audit_user_id=settings.LEGACY_AUDIT_USER_ID, is_admin=True, kind="operator")
    return None


def _legacy_principal(link):
    row = current_legacy_row(link.legacy_user_id)  # every request: the legacy row is the source of truth
    if row is None or not same_entity(link, row):
        return None  # deleted in the legacy application (or the id now names someone else): no access, at once
    rights, is_admin, districts = _cached(f"auth_bridge:legacy:{row.pk}", lambda: _legacy_grants(row.pk))
    return Principal(
        audit_user_id=row.pk,
        legacy_user_id=row.pk,
        rights=rights,
        is_admin=is_admin,
        district_ids=districts,
        health_facility_id=row.health_facility_id or None,  # HFID 0 = none (demo data)
    )


def _legacy_grants(legacy_user_id):
    roles = list(
        UserRole.objects.current()
        .filter(user_id=legacy_user_id, role__validity_to__isnull=True, role__is_blocked=False)
        .values_list("role_id", "role__is_system")
    )
    role_ids = [role_id for role_id, _ in roles]
    rights = (
        frozenset(RoleRight.objects.current().filter(role_id__in=role_ids).values_list("right_id", flat=True))
        if role_ids
        else frozenset()
    )
    is_admin = any(is_system == ADMIN_IS_SYSTEM for _, is_system in roles)
    districts = frozenset(
        UserDistrict.objects.current()
        .filter(user_id=legacy_user_id, location__validity_to__isnull=True)
        .values_list("location_id", flat=True)
    )
    return rights, is_admin, districts


def legacy_roles(legacy_user_id):
    """The user's current, non-blocked legacy roles as (RoleID, RoleName), by name: the ones `_legacy_grants`
    reads the rights of (one query; for display, so not cached)."""
    return list(
        UserRole.objects.current()
        .filter(user_id=legacy_user_id, role__validity_to__isnull=True, role__is_blocked=False)
        .order_by("role__role_name", "role_id")
        .values_list("role_id", "role__role_name")
    )


def _client_principal(client):
    def load():
        codes = [str(code) for code in client.district_codes]
        districts = (
            frozenset(Location.objects.current().filter(type="D", code__in=codes).values_list("id", flat=True))
            if codes
            else frozenset()
        )
        return frozenset(int(r) for r in client.rights), False, districts

    rights, _, districts = _cached(f"auth_bridge:client:{client.pk}", load)
    return Principal(
        audit_user_id=settings.LEGACY_AUDIT_USER_ID,
        rights=rights,
        district_ids=districts,
        all_locations=client.all_locations,
        kind="client",
    )


def _cached(key, load):
    seconds = settings.RIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return load()
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, seconds)
    return value
