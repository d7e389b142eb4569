"""Legacy users <-> Django users of the state database.

A Django user is created on first login and linked to the legacy `UserID`/`UserUUID`; every request then
re-reads the current legacy row, so a user deleted or changed in the legacy application loses access.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from legacy.models import User as LegacyUser

from .cache import request_memo
from .hashers import fingerprint
from .models import LegacyLink


def find_legacy_user(login):
    """The one current tblUsers row whose LoginName matches `login` in any case, else None.

    Two current rows differing only in case (possible on PostgreSQL) are ambiguous: refused.
    """
    if not login or not isinstance(login, str):
        return None
    rows = list(LegacyUser.objects.current().filter(login_name__iexact=login.strip())[:2])
    return rows[0] if len(rows) == 1 else None


def current_legacy_row(legacy_user_id):
    """The current tblUsers row, read once per request (fresh on every request)."""
    return request_memo(
        ("legacy_row", legacy_user_id), lambda: LegacyUser.objects.current().filter(pk=legacy_user_id).first()
    )


def credentials_fingerprint(row):
    return fingerprint(row.stored_password, row.private_key)


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
    user._legacy_row = row  # the row this request authenticated against
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
    try:
        return user.legacy_link.legacy_user_id
    except LegacyLink.DoesNotExist:
        return None


def login_name_of(user):
    """The legacy LoginName of a linked user (read fresh, once per request), else the Django user name."""
    legacy_id = legacy_user_id_of(user) if getattr(user, "is_authenticated", False) else None
    row = current_legacy_row(legacy_id) if legacy_id is not None else None
    return row.login_name if row is not None else user.get_username()
