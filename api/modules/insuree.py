"""Insurees, families and the small reference lists they point at.

Reference lists (genders, educations, ...) are readable by any authenticated principal (`rights=None`):
they hold no personal data, and every legacy screen needs them.
"""

from auth_bridge.codes import required_rights
from legacy.models import ConfirmationType, Education, Family, FamilyType, Gender, Insuree, Profession
from legacy.models import Relation as Rel
from legacy.services import families, insurees

from ..registry import Module, Relation, Resource
from ..writes import CHANGE, VIEW, Writes, writable
from . import CODE, RANGE, TEXT, attrs
from .insuree_coverage import InsureeCoverage

_VILLAGE_UP = (
    "location__uuid",
    "location__parent__uuid",
    "location__parent__parent__uuid",
    "location__parent__parent__parent__uuid",
)

INSUREES = Resource(
    type="insurees",
    model=Insuree,
    attributes=attrs(
        "chf_id",
        "last_name",
        "other_names",
        "dob",
        "marital",
        "is_head",
        "passport",
        "phone",
        "email",
        "card_issued",
        "current_address",
        "geo_location",
        "vulnerability",
        "type_of_id",
    ),
    relations=(
        Relation("family", "families"),
        Relation("gender", "genders"),
        Relation("relationship", "relations"),
        Relation("profession", "professions"),
        Relation("education", "educations"),
        Relation("health_facility", "health-facilities"),
    ),
    rights=required_rights("insuree"),
    filters={
        "chf_id": CODE,
        "last_name": TEXT,
        "other_names": TEXT,
        "dob": RANGE,
        "gender": ["exact", "in"],
        "is_head": ["exact"],
        "valid_from": RANGE,
    },
    uuid_filters={
        "family": ("family__uuid",),
        "product": ("insuree_policies__policy__product__uuid",),
        "policy": ("insuree_policies__policy__uuid",),
        "village": ("family__location__uuid",),
        "location": tuple(f"family__{path}" for path in _VILLAGE_UP),
    },
    sort=("chf_id", "last_name", "other_names", "dob", "valid_from"),
    search=("chf_id", "last_name", "other_names"),
    mixins=(
        InsureeCoverage,
        writable(
            Writes(  # a member joins a current family; heads come with their family
                client_ids=True,
                create=lambda values, actor, **kw: insurees.add_member(values.pop("family", None), values, actor, **kw),
                update=insurees.update_insuree,
                delete=insurees.delete_insuree,
                relations={
                    "family": CHANGE,
                    "gender": VIEW,
                    "relationship": VIEW,
                    "profession": VIEW,
                    "education": VIEW,
                    "health_facility": VIEW,
                },
                read_only=frozenset({"is_head"}),
            )
        ),
    ),
)

FAMILIES = Resource(
    type="families",
    model=Family,
    attributes=attrs("poverty", "family_address", "is_offline", "ethnicity", "confirmation_no"),
    relations=(
        Relation("head", "insurees"),
        Relation("location", "locations"),
        Relation("members", "insurees", many=True, remote_fk="family_id"),
        Relation("family_type", "family-types"),
        Relation("confirmation_type", "confirmation-types"),
    ),
    rights=required_rights("family"),
    filters={"poverty": ["exact"], "confirmation_no": CODE, "valid_from": RANGE},
    uuid_filters={"head": ("head__uuid",), "village": ("location__uuid",), "location": _VILLAGE_UP},
    sort=("valid_from", "confirmation_no"),
    search=("head__chf_id", "head__last_name", "family_address"),
    mixins=(
        writable(
            Writes(  # created with its head insuree: attributes.head (see api/README.md)
                client_ids=True,
                create=lambda values, actor, head=None, **kw: families.create_family(values, head or {}, actor, **kw)[
                    0
                ],
                update=families.update_family,
                delete=families.delete_family,
                relations={"location": CHANGE, "family_type": VIEW, "confirmation_type": VIEW},
                nested={"head": ("insurees", {"is_head", "family"})},
            )
        ),
    ),
)


def _reference(type_, model, id_field="id"):
    return Resource(
        type=type_,
        model=model,
        attributes=attrs("name", "alt_language", "sort_order"),
        rights=None,
        filters={"name": TEXT},
        sort=("name", "sort_order"),
        search=("name",),
        id_field=id_field,
        versioned=False,
    )


REFERENCE_LISTS = (
    _reference("genders", Gender, "code"),
    _reference("educations", Education),
    _reference("professions", Profession),
    _reference("relations", Rel),
    _reference("family-types", FamilyType, "code"),
    _reference("confirmation-types", ConfirmationType, "code"),
)

MODULE = Module("insuree", (INSUREES, FAMILIES, *REFERENCE_LISTS))
