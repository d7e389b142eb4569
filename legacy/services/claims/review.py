"""Review and feedback of checked claims, as the legacy review screens record them.

ReviewStatus / FeedbackStatus: 1 idle, 2 not selected, 4 selected, 8 delivered, 16 bypassed (legacy-schema
§4). The legacy application (web_app_vb ClaimReview / ClaimFeedback, and the modular backend's claim
module: `select_for_review`, `bypass_review`, `deliver_review`, `select_for_feedback`, `bypass_feedback`)
records a review on the claim and its lines in place, in the review audit columns (ValidityFromReview,
AuditUserIDReview), not as a history copy. Only checked claims (status 4) are reviewed. A delivered review
sets each line's approved quantity and price and justification; a line the reviewer rejects gets status 2
and rejection reason -1. The claim's Approved becomes the sum of its passed lines at the approved (else
claimed) quantity and price; when the reviewer rejected every line the claim is rejected (status 1).
Feedback delivery (tblFeedback) is not mapped here: feedback can be selected or bypassed only.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from legacy.models import Claim, ClaimItem, ClaimService
from legacy.routers import LEGACY_DB

from .. import clock, history
from . import codes
from .submission import ClaimRefused

LIMIT = Decimal(10) ** 16  # decimal(18,2)
LINE_MODELS = {"claim-items": ClaimItem, "claim-services": ClaimService}


@dataclass(frozen=True)
class Reviewed:
    """One line of a delivered review: approved quantity/price (None keeps the claimed one), rejection."""

    type: str
    id: int
    qty_approved: Decimal | None = None
    price_approved: Decimal | None = None
    justification: str | None = None
    rejected: bool = False


def _checked(claim, column, allowed):
    if claim.status != codes.CHECKED:
        raise ClaimRefused(409, [("/data", f"Claim {claim.code!r} is not checked (status {claim.status}).")])
    if getattr(claim, column) not in allowed:
        raise ClaimRefused(
            409,
            [
                (
                    "/data",
                    f"Claim {claim.code!r} has {column} {getattr(claim, column)}; expected one of {sorted(allowed)}.",
                )
            ],
        )


def _stamp(actor):
    return {"validity_from_review": clock.now(), "audit_user_id_review": actor.audit_user_id}


def set_review_status(target, new_status, actor, expected_etag=None):
    """Select (4) a checked claim for review, leave it unselected (2), or bypass its review (16)."""
    if new_status not in (codes.NOT_SELECTED, codes.SELECTED, codes.BYPASSED):
        raise ClaimRefused(422, [("/meta/action", "Unknown review action.")])
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        _checked(claim, "review_status", {codes.IDLE, codes.NOT_SELECTED, codes.SELECTED})
        Claim.objects.using(LEGACY_DB).filter(pk=claim.pk).update(review_status=new_status, **_stamp(actor))
        claim.refresh_from_db(using=LEGACY_DB)
        return claim


def set_feedback_status(target, new_status, actor, expected_etag=None):
    """Select (4) a checked claim for feedback, leave it unselected (2), or bypass feedback (16)."""
    if new_status not in (codes.NOT_SELECTED, codes.SELECTED, codes.BYPASSED):
        raise ClaimRefused(422, [("/meta/action", "Unknown feedback action.")])
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        _checked(claim, "feedback_status", {codes.IDLE, codes.NOT_SELECTED, codes.SELECTED})
        Claim.objects.using(LEGACY_DB).filter(pk=claim.pk).update(feedback_status=new_status)
        claim.refresh_from_db(using=LEGACY_DB)
        return claim


def deliver_review(target, reviewed, actor, expected_etag=None):
    """Record a review of a claim selected for review; `reviewed` lists Reviewed lines."""
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        _checked(claim, "review_status", {codes.SELECTED})
        lines = {
            (type_, line.pk): line
            for type_, model in LINE_MODELS.items()
            for line in model.objects.using(LEGACY_DB).current().filter(claim_id=claim.pk)
        }
        problems = [
            (f"/meta/lines/{index}", f"{line.type} {line.id} is no current line of claim {claim.code!r}.")
            for index, line in enumerate(reviewed)
            if (line.type, line.id) not in lines
        ]
        problems += [
            (f"/meta/lines/{index}", f"{line.type} {line.id}: approved quantity and price must be between 0 and 10^16.")
            for index, line in enumerate(reviewed)
            if any(value is not None and not 0 <= value < LIMIT for value in (line.qty_approved, line.price_approved))
        ]
        if problems:
            raise ClaimRefused(422, problems)
        stamp = _stamp(actor)
        for line in reviewed:
            values = {"qty_approved": line.qty_approved, "price_approved": line.price_approved, **stamp}
            if line.justification is not None:
                values["justification"] = line.justification
            if line.rejected:
                values.update(status=codes.LINE_REJECTED, rejection_reason=codes.BY_REVIEWER, qty_approved=0)
            LINE_MODELS[line.type].objects.using(LEGACY_DB).filter(pk=line.id).update(**values)
        passed = [
            row
            for model in LINE_MODELS.values()
            for row in model.objects.using(LEGACY_DB).current().filter(claim_id=claim.pk, status=codes.PASSED)
        ]
        approved = sum(
            (_or(row.qty_approved, row.qty_provided) * _or(row.price_approved, row.price_asked) for row in passed),
            start=Decimal(0),
        )
        values = {"review_status": codes.DELIVERED, "approved": approved, **stamp}
        if not passed:
            values["status"] = codes.REJECTED
        Claim.objects.using(LEGACY_DB).filter(pk=claim.pk).update(**values)
        claim.refresh_from_db(using=LEGACY_DB)
        return claim


def _or(value, fallback):
    return fallback if value is None else value
