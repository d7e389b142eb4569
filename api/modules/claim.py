"""Claims with their items and services, exposed as the resources `claim-items`/`claim-services`
(relationships `items`/`services` of a claim, includable: `?include=items,services`)."""

from functools import partial

from auth_bridge.codes import required_rights
from legacy.models import Claim, ClaimItem, ClaimService
from legacy.services import claims

from ..registry import Module, Relation, Resource
from ..writes import CHANGE, VIEW, Writes, writable
from . import CODE, NUMBER, RANGE, attrs
from .claim_workflow import ClaimWorkflow
from .feedback import FEEDBACKS

CLAIM_RIGHTS = required_rights("claim")  # 111001 read, 111002 add, 111010 update, 111004 delete
# Set by submission, review and processing, never by entry.
_VALUATION = (  # written by processing (uspProcessSingleClaimStep1/2)
    "price_origin",
    "limitation",
    "limitation_value",
    "deductable_amount",
    "exceed_ceiling_amount",
    "remunerated_amount",
)
_VERDICTS = frozenset(
    {"status", "qty_approved", "price_adjusted", "price_approved", "price_valuated", "rejection_reason", *_VALUATION}
)
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
    *_VALUATION,
)


def _line_writes(kind, register):
    """Item and service lines are written alike: under an entered claim, naming a register row."""
    return writable(
        Writes(
            create=partial(claims.create_line, kind),
            update=partial(claims.update_line, kind),
            delete=partial(claims.delete_line, kind),
            relations={"claim": CHANGE, register: VIEW},
            read_only=_VERDICTS,
        )
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
        "icd_id",
        "icd_id_1",
        "icd_id_2",
        "icd_id_3",
        "icd_id_4",
        "claim_admin_id",
        "claim_category",
    ),
    relations=(
        Relation("insuree", "insurees"),
        Relation("health_facility", "health-facilities"),
        Relation("items", "claim-items", many=True, remote_fk="claim_id"),
        Relation("services", "claim-services", many=True, remote_fk="claim_id"),
        # tblFeedback.ClaimID (one current row at most: uspInsertFeedback refuses a second)
        Relation("feedback", "feedbacks", source="feedbacks", many=True, remote_fk="claim_id"),
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
    mixins=(
        ClaimWorkflow,
        writable(
            Writes(
                create=claims.create_claim,
                update=claims.update_claim,
                delete=claims.delete_claim,
                relations={"insuree": VIEW, "health_facility": CHANGE},
                client_ids=True,
                read_only=frozenset(
                    {
                        "status",
                        "claimed",
                        "approved",
                        "valuated",
                        "date_processed",
                        "feedback_status",
                        "review_status",
                        "approval_status",
                        "rejection_reason",
                        "claim_category",
                    }
                ),
            )
        ),
    ),
)

CLAIM_ITEMS = Resource(
    type="claim-items",
    model=ClaimItem,
    attributes=_DETAIL,
    relations=(
        Relation("claim", "claims"),
        Relation("item", "medical-items"),
        Relation("product", "products"),
        Relation("policy", "policies"),
    ),
    rights=CLAIM_RIGHTS,
    filters={"status": NUMBER},
    uuid_filters={"claim": ("claim__uuid",)},
    sort=("status", "price_asked"),
    id_field="id",
    mixins=(_line_writes(claims.ITEMS, "item"),),
)

CLAIM_SERVICES = Resource(
    type="claim-services",
    model=ClaimService,
    attributes=_DETAIL,
    relations=(
        Relation("claim", "claims"),
        Relation("service", "medical-services"),
        Relation("product", "products"),
        Relation("policy", "policies"),
    ),
    rights=CLAIM_RIGHTS,
    filters={"status": NUMBER},
    uuid_filters={"claim": ("claim__uuid",)},
    sort=("status", "price_asked"),
    id_field="id",
    mixins=(_line_writes(claims.SERVICES, "service"),),
)

MODULE = Module("claim", (CLAIMS, CLAIM_ITEMS, CLAIM_SERVICES, FEEDBACKS))
