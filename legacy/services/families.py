"""Families: created with their head insuree, deleted with their members, as the legacy app does.

Creation order follows the legacy application: the family row first with InsureeID = 0 (a placeholder;
the FK is NOCHECK on SQL Server and DEFERRABLE on PostgreSQL/SQLite), then the head insuree pointing
at the family, then the family is linked to its head, all in one transaction.
"""

from django.db import transaction

from legacy.models import ConfirmationType, Family, FamilyType, Insuree, Location
from legacy.routers import LEGACY_DB

from . import clock, history, insurees
from .actor import as_actor
from .errors import Errors
from .rules import on_create, on_update, require_code, require_current
from .signals import announce
from .snapshots import snapshot

HEAD_PLACEHOLDER = 0


def check_family(values):
    """Errors for a family's values ({attname: value}, as it will be)."""
    errors = Errors()
    if values.get("location_id") is None:
        errors.add("location", "This field is required.")
    else:
        require_current(errors, "location", Location, values["location_id"], "village", type="V")
    require_code(errors, "family_type", FamilyType, values.get("family_type_id"))
    require_code(errors, "confirmation_type", ConfirmationType, values.get("confirmation_type_id"))
    return errors


def create_family(family_values, head_values, actor, *, uuid=None):
    """Create a family and its head insuree in one transaction; returns (family, head). `uuid`: the family's.

    Errors on the head's values are keyed `head.<field>`.
    """
    _refuse_head_in(family_values)
    with transaction.atomic(using=LEGACY_DB):
        moment = clock.now()
        family = history.create(
            Family,
            {**family_values, "head": HEAD_PLACEHOLDER},
            actor,
            now=moment,
            notify=False,
            validate=on_create(check_family),
            uuid=uuid,
        )
        head = insurees.create_head(family.pk, head_values, actor, now=moment)
        Family.objects.using(LEGACY_DB).filter(pk=family.pk).update(head_id=head.pk)  # same version: no history
        family.refresh_from_db(using=LEGACY_DB)
        announce(Family, "create", family, as_actor(actor), None, snapshot(family))
    return family, head


def update_family(target, changes, actor, expected_etag=None):
    """Change a family's own values (its head is not changed here)."""
    _refuse_head_in(changes)
    return history.update(target, changes, actor, expected_etag, model=Family, validate=on_update(check_family))


def delete_family(target, actor, expected_etag=None):
    """Delete a family and its current members (with their insuree-policy links), the legacy way."""
    with transaction.atomic(using=LEGACY_DB):
        family = history.lock(Family, target, expected_etag)
        moment = clock.moment_after(family.validity_from, clock.now())
        for member in Insuree.objects.using(LEGACY_DB).current().filter(family_id=family.pk).order_by("pk"):
            insurees.delete_member(member, actor, now=moment)
        return history.delete(history.Locked(family), actor, now=moment)


def _refuse_head_in(values):
    if "head" in values or "head_id" in values:
        errors = Errors()
        errors.add("head", "The head is created with the family and cannot be set here.")
        errors.raise_if_any()
