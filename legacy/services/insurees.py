"""Insurees: members of a family, with the legacy rules that protect the family's data.

- the insurance number (CHFID) is required and unique among current insurees;
- an insuree belongs to a current family; the head is created with its family (families.py), members
  are added with add_member and are never heads;
- a head cannot be deleted while its family exists (delete the family instead);
- deleting an insuree also deletes its current tblInsureePolicy rows, like openIMIS does.
"""

import datetime

from django.db import transaction

from legacy.models import Education, Family, Gender, Insuree, InsureePolicy, Profession, Relation
from legacy.routers import LEGACY_DB

from . import clock, history
from .errors import Errors, NotCurrent, NotFound, ValidationFailed
from .rules import merged, on_create, require_code, require_current, unique_among_current
from .snapshots import snapshot


def check_insuree(values, *, exclude_pk=None, prefix=""):
    """Errors for an insuree's values ({attname: value}, as it will be), keyed `prefix + field`."""
    errors = Errors()
    if not values.get("chf_id"):
        errors.add(prefix + "chf_id", "This field is required.")
    unique_among_current(errors, prefix + "chf_id", Insuree, "chf_id", values.get("chf_id"), exclude_pk)
    dob = values.get("dob")
    if dob is not None and dob > datetime.date.today():
        errors.add(prefix + "dob", "Must not be in the future.")
    for field, model in (
        ("gender", Gender),
        ("relationship", Relation),
        ("profession", Profession),
        ("education", Education),
    ):
        require_code(errors, prefix + field, model, values.get(f"{field}_id"))
    return errors


def add_member(family, values, actor, *, now=None, uuid=None):
    """Create a (non-head) member of a current family."""
    family_id = family.pk if hasattr(family, "pk") else family
    values = {**values, "family": family_id, "is_head": False}
    with transaction.atomic(using=LEGACY_DB):
        try:  # locked: a concurrent delete_family cannot miss the new member
            history.lock(Family, family_id)
        except (NotFound, NotCurrent):
            raise ValidationFailed({"family": ["Must be a current family."]}) from None
        return history.create(Insuree, values, actor, validate=on_create(check_insuree), now=now, uuid=uuid)


def create_head(family_id, values, actor, *, now, notify=True):
    """The head insuree of a family being created (the family row already exists)."""
    values = {**values, "family": family_id, "is_head": True}

    def validate(obj):
        check_insuree(snapshot(obj), prefix="head.").raise_if_any()

    try:
        return history.create(Insuree, values, actor, validate=validate, now=now, notify=notify)
    except ValidationFailed as failure:
        if all(key.startswith("head.") for key in failure.errors):
            raise
        raise ValidationFailed({f"head.{key}": msgs for key, msgs in failure.errors.items()}) from None


def update_insuree(target, changes, actor, expected_etag=None):
    """Change an insuree; head status and family membership change only through family operations."""

    def validate(current, clean):
        errors = Errors()
        if "is_head" in clean and clean["is_head"] != current.is_head:
            errors.add("is_head", "The head changes only with the family.")
        if "family_id" in clean and clean["family_id"] != current.family_id:
            if current.is_head:
                errors.add("family", "A head cannot move to another family.")
            require_current(errors, "family", Family, clean["family_id"], "family")
        for field, messages in check_insuree(merged(current, clean), exclude_pk=current.pk).by_field.items():
            for message in messages:
                errors.add(field, message)
        errors.raise_if_any()

    return history.update(target, changes, actor, expected_etag, model=Insuree, validate=validate)


def delete_insuree(target, actor, expected_etag=None):
    """Delete a member (never the head of an existing family) and its insuree-policy links."""

    def validate(current):
        heads = Family.objects.using(LEGACY_DB).current().filter(head_id=current.pk)
        if heads.exists() or (
            current.is_head and Family.objects.using(LEGACY_DB).current().filter(pk=current.family_id).exists()
        ):
            raise ValidationFailed({"is_head": ["A family head cannot be deleted while the family exists."]})

    with transaction.atomic(using=LEGACY_DB):
        insuree = history.lock(Insuree, target, expected_etag)
        moment = clock.moment_after(insuree.validity_from, clock.now())  # taken inside the lock
        deleted = history.delete(history.Locked(insuree), actor, validate=validate, now=moment)
        delete_insuree_policies(deleted.pk, actor, now=moment)
    return deleted


def delete_member(member, actor, *, now):
    """Delete one member as part of a family delete (the family rule is the caller's)."""
    history.delete(member, actor, now=now)
    delete_insuree_policies(member.pk, actor, now=now)


def delete_insuree_policies(insuree_id, actor, *, now):
    for link in InsureePolicy.objects.using(LEGACY_DB).current().filter(insuree_id=insuree_id).order_by("pk"):
        history.delete(link, actor, now=now)
