"""Locations (region > district > ward > village) and health facilities."""
from legacy.models import HealthFacility, Location

from ..registry import Module, Relation, Resource
from . import CODE, TEXT, attrs

LOCATIONS = Resource(
    type="locations",
    model=Location,
    attributes=attrs("code", "name", "male_population", "female_population", "other_population",
                     "family_count", location_type="type"),
    relations=(Relation("parent", "locations"),),
    rights={"GET": 121901},
    filters={"code": CODE, "name": TEXT, "location_type": ["exact", "in"]},
    uuid_filters={"parent": ("parent__uuid",)},
    sort=("code", "name", "location_type"),
    search=("code", "name"),
)

HEALTH_FACILITIES = Resource(
    type="health-facilities",
    model=HealthFacility,
    attributes=attrs("code", "name", "legal_form", "level", "sublevel", "address", "phone", "fax", "email",
                     "care_type", "acc_code", "offline"),
    relations=(Relation("location", "locations"),),
    rights={"GET": 121101},
    filters={"code": CODE, "name": TEXT, "level": ["exact", "in"], "care_type": ["exact", "in"]},
    uuid_filters={"location": ("location__uuid", "location__parent__uuid", "location__parent__parent__uuid")},
    sort=("code", "name", "level"),
    search=("code", "name"),
)

MODULE = Module("location", (LOCATIONS, HEALTH_FACILITIES))
