"""Locations (region > district > ward > village) and health facilities."""

from auth_bridge.codes import required_rights
from legacy.models import HealthFacility, Location
from legacy.services import locations

from ..registry import Module, Relation, Resource
from ..writes import CHANGE, Writes, writable
from . import CODE, TEXT, attrs

LOCATIONS = Resource(
    type="locations",
    model=Location,
    attributes=attrs(
        "code", "name", "male_population", "female_population", "other_population", "family_count", location_type="type"
    ),
    relations=(Relation("parent", "locations"),),
    rights=required_rights("location"),
    filters={"code": CODE, "name": TEXT, "location_type": ["exact", "in"]},
    uuid_filters={"parent": ("parent__uuid",)},
    sort=("code", "name", "location_type"),
    search=("code", "name"),
    mixins=(
        writable(
            Writes(
                client_ids=True,
                create=locations.create_location,
                update=locations.update_location,
                delete=locations.delete_location,
                relations={"parent": CHANGE},
            )
        ),
    ),
)

HEALTH_FACILITIES = Resource(
    type="health-facilities",
    model=HealthFacility,
    attributes=attrs(
        "code",
        "name",
        "legal_form",
        "level",
        "sublevel",
        "address",
        "phone",
        "fax",
        "email",
        "care_type",
        "acc_code",
        "offline",
    ),
    relations=(Relation("location", "locations"),),
    rights=required_rights("health_facility"),
    filters={"code": CODE, "name": TEXT, "level": ["exact", "in"], "care_type": ["exact", "in"]},
    uuid_filters={"location": ("location__uuid", "location__parent__uuid", "location__parent__parent__uuid")},
    sort=("code", "name", "level"),
    search=("code", "name"),
    mixins=(
        writable(
            Writes(
                client_ids=True,
                create=locations.create_health_facility,
                update=locations.update_health_facility,
                delete=locations.delete_health_facility,
                relations={"location": CHANGE},
            )
        ),
    ),
)

MODULE = Module("location", (LOCATIONS, HEALTH_FACILITIES))
