"""Products, policies, premiums (contributions) and enrolment officers."""

from auth_bridge.codes import required_rights
from legacy.models import Officer, Policy, Premium, Product
from legacy.services import policies

from ..registry import Module, Relation, Resource
from ..writes import CHANGE, VIEW, Writes, writable
from . import CODE, NUMBER, RANGE, TEXT, attrs

PRODUCTS = Resource(
    type="products",
    model=Product,
    attributes=attrs(
        "code",
        "name",
        "insurance_period",
        "date_from",
        "date_to",
        "lump_sum",
        "member_count",
        "premium_adult",
        "premium_child",
        "grace_period",
        "max_installments",
        "recurrence",
    ),
    relations=(Relation("location", "locations"), Relation("conversion_product", "products")),
    rights={"GET": 121001},
    filters={"code": CODE, "name": TEXT, "date_from": RANGE, "date_to": RANGE},
    sort=("code", "name", "date_from"),
    search=("code", "name"),
)

POLICIES = Resource(
    type="policies",
    model=Policy,
    attributes=attrs(
        "enroll_date", "start_date", "effective_date", "expiry_date", "status", "value", "stage", "is_offline"
    ),
    relations=(
        Relation("family", "families"),
        Relation("product", "products"),
        Relation("officer", "officers"),
        Relation("premiums", "premiums", many=True, remote_fk="policy_id"),
    ),
    rights=required_rights("policy"),
    filters={
        "status": NUMBER,
        "stage": ["exact", "in"],
        "enroll_date": RANGE,
        "start_date": RANGE,
        "expiry_date": RANGE,
    },
    uuid_filters={
        "family": ("family__uuid",),
        "product": ("product__uuid",),
        "officer": ("officer__uuid",),
        "location": (
            "family__location__uuid",
            "family__location__parent__uuid",
            "family__location__parent__parent__uuid",
            "family__location__parent__parent__parent__uuid",
        ),
    },
    sort=("enroll_date", "start_date", "expiry_date", "status"),
    search=("family__head__chf_id", "product__code"),
    mixins=(
        writable(
            Writes(
                client_ids=True,
                create=policies.create_policy,
                update=policies.update_policy,
                delete=policies.delete_policy,
                relations={"family": CHANGE, "product": VIEW, "officer": VIEW},
            )
        ),
    ),
)

PREMIUMS = Resource(
    type="premiums",
    model=Premium,
    attributes=attrs("payer_id", "amount", "receipt", "pay_date", "pay_type", "is_photo_fee", "created_date"),
    relations=(Relation("policy", "policies"),),
    rights=required_rights("premium"),
    filters={"amount": NUMBER, "pay_date": RANGE, "receipt": CODE, "pay_type": ["exact", "in"]},
    uuid_filters={"policy": ("policy__uuid",)},
    sort=("pay_date", "amount", "receipt"),
    search=("receipt",),
    mixins=(
        writable(
            Writes(
                client_ids=True,
                create=policies.create_premium,
                update=policies.update_premium,
                delete=policies.delete_premium,
                relations={"policy": CHANGE},
            )
        ),
    ),
)

OFFICERS = Resource(
    type="officers",
    model=Officer,
    attributes=attrs(
        "code",
        "last_name",
        "other_names",
        "dob",
        "phone",
        "email",
        "works_to",
        "veo_code",
        "veo_last_name",
        "veo_other_names",
        "phone_communication",
        "has_login",
    ),
    relations=(Relation("location", "locations"), Relation("substitute", "officers")),
    rights={"GET": 121501},
    filters={"code": CODE, "last_name": TEXT, "other_names": TEXT},
    uuid_filters={"location": ("location__uuid", "location__parent__uuid")},
    sort=("code", "last_name", "other_names"),
    search=("code", "last_name", "other_names"),
)

MODULE = Module("policy", (PRODUCTS, POLICIES, PREMIUMS, OFFICERS))
