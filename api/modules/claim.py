"""Claims with their items and services, exposed as the resources `claim-items`/`claim-services`
(relationships `items`/`services` of a claim, includable: `?include=items,services`)."""

from legacy.models import Claim, ClaimItem, ClaimService

from ..registry import Module, Relation, Resource
from . import CODE, NUMBER, RANGE, attrs

CLAIM_RIGHTS = {"GET": 111001}
_DETAIL = attrs(
    "status",
    "qty_provided",
    "qty_approved",
    "price_asked",
    "price_adjusted",
    "price_approved",
    "price_valuated",
    "explanation",
    "justification",
    "rejection_reason",
)

CLAIMS = Resource(
    type="claims",
    model=Claim,
    attributes=attrs(
        "code",
        "date_from",
        "date_to",
        "date_claimed",
        "date_processed",
        "status",
        "claimed",
        "approved",
        "valuated",
        "explanation",
        "feedback_status",
        "review_status",
        "approval_status",
        "rejection_reason",
        "visit_type",
        "guarantee_id",
    ),
    relations=(
        Relation("insuree", "insurees"),
        Relation("health_facility", "health-facilities"),
        Relation("items", "claim-items", many=True, remote_fk="claim_id"),
        Relation("services", "claim-services", many=True, remote_fk="claim_id"),
    ),
    rights=CLAIM_RIGHTS,
    filters={
        "code": CODE,
        "status": NUMBER,
        "date_from": RANGE,
        "date_to": RANGE,
        "date_claimed": RANGE,
        "claimed": NUMBER,
    },
    uuid_filters={"insuree": ("insuree__uuid",), "health_facility": ("health_facility__uuid",)},
    sort=("code", "date_claimed", "date_from", "status", "claimed"),
    search=("code", "insuree__chf_id"),
)

CLAIM_ITEMS = Resource(
    type="claim-items",
    model=ClaimItem,
    attributes=_DETAIL,
    relations=(Relation("claim", "claims"), Relation("item", "medical-items"), Relation("product", "products")),
    rights=CLAIM_RIGHTS,
    filters={"status": NUMBER},
    uuid_filters={"claim": ("claim__uuid",)},
    sort=("status", "price_asked"),
    id_field="id",
)

CLAIM_SERVICES = Resource(
    type="claim-services",
    model=ClaimService,
    attributes=_DETAIL,
    relations=(Relation("claim", "claims"), Relation("service", "medical-services"), Relation("product", "products")),
    rights=CLAIM_RIGHTS,
    filters={"status": NUMBER},
    uuid_filters={"claim": ("claim__uuid",)},
    sort=("status", "price_asked"),
    id_field="id",
)

MODULE = Module("claim", (CLAIMS, CLAIM_ITEMS, CLAIM_SERVICES))
