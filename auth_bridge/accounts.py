"""Legacy users <-> Django users of the state database, and the one statement that reads a legacy user.

A Django user is created on first login and linked to the legacy `UserID`/`UserUUID`. Every request reads
the current tblUsers row once, with the user's rights, administrator flag and districts folded into the
same statement (`legacy_rows`): a right, role or district changed in the legacy application counts on the
next request, and no statement is added for it.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Aggregate, CharField, Count, Exists, OuterRef, Subquery

from legacy.models import RoleRight, UserDistrict, UserRole
from legacy.models import User as LegacyUser

from . import logins
from .models import LegacyLink
from .principals import ADMIN_IS_SYSTEM


class Joined(Aggregate):
    """Integers joined by commas: STRING_AGG (PostgreSQL, SQL Server 2017+), GROUP_CONCAT (SQLite)."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS VARCHAR(12)), ',')"
    output_field = CharField()

    def as_microsoft(self, compiler, connection, **extra):  # MAX: no 8,000-byte limit on many roles' rights
        return super().as_sql(compiler, connection, template="%(function)s(CAST(%(expressions)s AS VARCHAR(MAX)), ',')")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", template="%(function)s(%(expressions)s)")


def _current_roles(user_ref):
    """Current tblUserRole rows of the user whose current role is not blocked (legacy rights rule, §4)."""
    return UserRole.objects.current().filter(user_id=user_ref, role__validity_to__isnull=True, role__is_blocked=False)


def legacy_rows():
    """Current tblUsers rows, each with `folded_versions`, `folded_rights`, `folded_is_admin`, `folded_districts`.

    Rights: current tblRoleRight of the user's current, non-blocked roles; administrator: such a role with
    IsSystem = 64; districts: current tblUsersDistricts rows of current locations.
    """
    rights = (
        RoleRight.objects.current()
        .filter(
            role__validity_to__isnull=True,
            role__is_blocked=False,
            role__user_roles__user_id=OuterRef("pk"),
            role__user_roles__validity_to__isnull=True,
        )
        .values("role__user_roles__user_id")
        .annotate(joined=Joined("right_id"))
        .values("joined")
    )
    districts = (
        UserDistrict.objects.current()
        .filter(user_id=OuterRef("pk"), location__validity_to__isnull=True)
        .values("user_id")
        .annotate(joined=Joined("location_id"))
        .values("joined")
    )
    versions = (  # history copies of the user: every legacy update or delete of the row adds one
        LegacyUser.objects.filter(legacy_id=OuterRef("pk")).values("legacy_id").annotate(n=Count("pk")).values("n")
    )
    return LegacyUser.objects.current().annotate(
        folded_versions=Subquery(versions),
        folded_rights=Subquery(rights),
        folded_is_admin=Exists(_current_roles(OuterRef("pk")).filter(role__is_system=ADMIN_IS_SYSTEM)),
        folded_districts=Subquery(districts),
    )


def find_legacy_user(typed):
    """The one current tblUsers row whose LoginName matches the typed login as the legacy application
    compares it (`logins`), else None. Two current rows matching alike (possible on PostgreSQL) are
    ambiguous: refused."""
    login = logins.canonical(typed)
    if login is None:
        return None
    candidates = legacy_rows().filter(login_name__iexact=login)[:3]  # the database's case folding finds them
    rows = [row for row in candidates if logins.same_login(row.login_name, login)]  # ours decides
    return rows[0] if len(rows) == 1 else None


def find_by_exact_login(claimed):
    """The one current tblUsers row whose LoginName is exactly `claimed` (identity providers, gateways)."""
    if not isinstance(claimed, str) or not claimed:
        return None
    rows = [row for row in legacy_rows().filter(login_name=claimed)[:3] if logins.exact_match(row.login_name, claimed)]
    return rows[0] if len(rows) == 1 else None


_MARKER = -7_654_321  # stands for the UserID in the statement compiled once (no real UserID is negative here)
_compiled = {}  # database alias -> (SQL, params with the marker, its queryset) of `current_legacy_row`


def current_legacy_row(legacy_user_id):
    """The current tblUsers row with its rights folded in, or None (deleted in the legacy application).

    Every authenticated request runs this statement; Django built and compiled its four subqueries each
    time (a third of a list request's Python time), so it is compiled once per database and run raw: the
    same SQL, the same columns, the same converters (`RawQuerySet`)."""
    queryset = LegacyUser.objects.all()
    alias = queryset.db
    if alias not in _compiled:
        planned = legacy_rows().filter(pk=_MARKER).order_by("pk")[:1]
        sql, params = planned.query.get_compiler(using=alias).as_sql()
        if list(params).count(_MARKER) != 1:  # cannot tell the UserID apart: run the queryset itself
            return legacy_rows().filter(pk=legacy_user_id).first()
        _compiled[alias] = (sql, tuple(params), planned)
    sql, params, _ = _compiled[alias]
    params = tuple(int(legacy_user_id) if value == _MARKER else value for value in params)
    return next(iter(LegacyUser.objects.db_manager(alias).raw(sql, params)), None)


def precompiled():
    """{SQL: the queryset it was compiled from} of the statements run raw (the SQL Server compile test
    compiles those querysets with mssql-django too)."""
    return {sql: queryset for sql, _, queryset in _compiled.values()}


def credentials_fingerprint(row):
    """Digest of the credential state a token or session is issued for: password hash, salt and the number
    of the row's history copies. A password change or a deletion adds a copy (legacy history convention),
    and putting the row or its old hash back later does not remove it, so what the fingerprint guarded
    stays dead. (Not ValidityFrom: on the PostgreSQL port its naive value follows the session time zone.)"""
    material = f"{row.stored_password or ''}\x00{row.private_key or ''}\x00{row.folded_versions or 0}".encode()
    return hashlib.sha256(material).hexdigest()


def django_user_for(row):
    """Get or create the state-database user linked to legacy row `row` (its UUID may be any case)."""
    link = LegacyLink.objects.select_related("user").filter(legacy_user_id=row.pk).first()
    if link is None:
        with transaction.atomic(using="default"):
            user, _ = get_user_model().objects.get_or_create(
                username=f"legacy-{row.pk}",
                defaults={"first_name": (row.other_names or "")[:150], "last_name": (row.last_name or "")[:150]},
            )
            link, _ = LegacyLink.objects.get_or_create(
                legacy_user_id=row.pk, defaults={"user": user, "legacy_user_uuid": (row.uuid or "").lower()}
            )
    if not same_entity(link, row):
        return None  # that UserID now names another person (e.g. a restored legacy database): refuse
    user = link.user
    return user if user.is_active else None


def same_entity(link, row):
    """The link was made for this legacy entity (UUIDs compared in any case: SQL Server returns upper case)."""
    return (link.legacy_user_uuid or "").lower() == (row.uuid or "").lower()


def legacy_link_of(user):
    try:
        return user.legacy_link
    except LegacyLink.DoesNotExist:
        return None


def legacy_user_id_of(user):
    """The linked legacy UserID of a Django user, or None (technical or state-only users)."""
    link = legacy_link_of(user)
    return link.legacy_user_id if link is not None else None
