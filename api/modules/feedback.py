"""Feedbacks (tblFeedback): what a patient said about the care of a claim, delivered through
`POST /api/claims/<id>/feedback` with `meta.action = "deliver"` (legacy.services.claims.feedback). Read-only
here; scoped through the claim (its health facility's district, or the claim administrator's facility);
read with the claim read right (111001): the legacy has no feedback search right of its own."""

from auth_bridge.codes import Right
from legacy.models import Feedback

from ..registry import Relation, Resource
from . import attrs

FEEDBACKS = Resource(
    type="feedbacks",
    model=Feedback,
    attributes=attrs(
        "care_rendered",
        "payment_asked",
        "drug_prescribed",
        "drug_received",
        "assessment",
        "officer_id",
        "feedback_date",
    ),
    relations=(Relation("claim", "claims"),),
    rights={"GET": Right.CLAIM_READ},
    sort=("feedback_date",),
)
