"""Medical items and services (the price-list catalogue). Rights: legacy product read (121001), the
right the legacy screens for medical items/services fall under in this API."""

from legacy.models import Item, Service

from ..registry import Module, Resource
from . import CODE, TEXT, attrs

_COMMON = attrs("code", "name", "care_type", "frequency", "patient_category", category_type="type")

MODULE = Module(
    "medical",
    (
        Resource(
            type="medical-items",
            model=Item,
            attributes={**_COMMON, "package": "package"},
            rights={"GET": 121001},
            filters={"code": CODE, "name": TEXT, "category_type": ["exact", "in"]},
            sort=("code", "name"),
            search=("code", "name"),
        ),
        Resource(
            type="medical-services",
            model=Service,
            attributes={**_COMMON, "level": "level", "category": "category"},
            rights={"GET": 121001},
            filters={"code": CODE, "name": TEXT, "category_type": ["exact", "in"]},
            sort=("code", "name"),
            search=("code", "name"),
        ),
    ),
)
