"""Locations (region > district > ward > village) and health facilities.

A location's parent is a current location one level up (regions have none); codes are unique among
current rows; a location in use (current children, families, health facilities) cannot be deleted.
A health facility belongs to a current district.
"""

from django.core.exceptions import NON_FIELD_ERRORS

from legacy.models import Family, HealthFacility, Location

from . import history
from .errors import Errors, ValidationFailed
from .rules import merged, on_create, on_update, require_current, unique_among_current

PARENT_TYPE = {"R": None, "D": "R", "W": "D", "V": "W"}
HF_LEVELS = {"D", "C", "H"}  # dispensary, health centre, hospital
HF_CARE_TYPES = {"I", "O", "B"}  # in-patient, out-patient, both
LABELS = {"R": "region", "D": "district", "W": "ward", "V": "village"}


def check_location(values, exclude_pk=None):
    errors = Errors()
    kind = values.get("type")
    if kind not in PARENT_TYPE:
        errors.add("type", f"Must be one of {sorted(PARENT_TYPE)}.")
    elif PARENT_TYPE[kind] is None:
        if values.get("parent_id") is not None:
            errors.add("parent", "A region has no parent.")
    elif values.get("parent_id") is None:
        errors.add("parent", "This field is required.")
    else:
        require_current(
            errors, "parent", Location, values["parent_id"], LABELS[PARENT_TYPE[kind]], type=PARENT_TYPE[kind]
        )
    for field in ("code", "name"):
        if not values.get(field):
            errors.add(field, "This field is required.")
    unique_among_current(errors, "code", Location, "code", values.get("code"), exclude_pk)
    return errors


def create_location(values, actor, *, uuid=None):
    return history.create(Location, values, actor, validate=on_create(check_location), uuid=uuid)


def update_location(target, changes, actor, expected_etag=None):
    """A location's new values. The code and parent of a location that bounds the actor's own scope
    (`Actor.fixed_location_ids`) stay: recoding it would move what the actor and others bound by it see."""

    def validate(current, clean):
        errors = check_location(merged(current, clean), exclude_pk=current.pk)
        if clean.get("type", current.type) != current.type:
            errors.add("type", "The level of a location cannot change.")
        if current.pk in getattr(actor, "fixed_location_ids", ()):
            for field in ("code", "parent_id"):
                if field in clean and clean[field] != getattr(current, field):
                    errors.add(
                        field.removesuffix("_id"),
                        "This location bounds your own scope: changing it needs the regions right (121906).",
                    )
        errors.raise_if_any()

    return history.update(target, changes, actor, expected_etag, model=Location, validate=validate)


def delete_location(target, actor, expected_etag=None):
    def validate(current):
        in_use = {
            "children": Location.objects.current().filter(parent_id=current.pk),
            "families": Family.objects.current().filter(location_id=current.pk),
            "health_facilities": HealthFacility.objects.current().filter(location_id=current.pk),
        }
        used_by = [name for name, rows in in_use.items() if rows.exists()]
        if used_by:
            raise ValidationFailed({NON_FIELD_ERRORS: [f"The location is still used by current {', '.join(used_by)}."]})

    return history.delete(target, actor, expected_etag, model=Location, validate=validate)


def check_health_facility(values, exclude_pk=None):
    errors = Errors()
    require_current(errors, "location", Location, values.get("location_id"), "district", type="D")
    unique_among_current(errors, "code", HealthFacility, "code", values.get("code"), exclude_pk)
    if values.get("level") not in HF_LEVELS:
        errors.add("level", f"Must be one of {sorted(HF_LEVELS)}.")
    if values.get("care_type") not in HF_CARE_TYPES:
        errors.add("care_type", f"Must be one of {sorted(HF_CARE_TYPES)}.")
    return errors


def create_health_facility(values, actor, *, uuid=None):
    return history.create(HealthFacility, values, actor, validate=on_create(check_health_facility), uuid=uuid)


def update_health_facility(target, changes, actor, expected_etag=None):
    return history.update(
        target,
        changes,
        actor,
        expected_etag,
        model=HealthFacility,
        validate=on_update(check_health_facility, exclude_current=True),
    )


def delete_health_facility(target, actor, expected_etag=None):
    return history.delete(target, actor, expected_etag, model=HealthFacility)
