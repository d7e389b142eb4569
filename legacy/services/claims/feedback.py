"""Feedback delivery: what `uspInsertFeedback` (openimis/database_ms_sqlserver, sql/stored_procedures/
uspInsertFeedback.sql) writes for a claim: one tblFeedback row (CareRendered, PaymentAsked, DrugPrescribed,
DrugReceived, Asessment, the enrolment officer who asked in CHFOfficerCode, FeedbackDate, ValidityFrom now)
and the claim's FeedbackStatus 8 (delivered), in place like the procedure.

Refusals, as the procedure's return codes and the legacy feedback screen (which lists only claims selected
for feedback): 422 for an unknown officer (1) or an assessment out of tinyint, 409 for a claim not checked
and selected for feedback, or one that already has a current feedback (4). One transaction; nothing written
on a refusal.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction

from legacy.models import Claim, Feedback, Officer
from legacy.routers import LEGACY_DB

from .. import clock, history
from . import codes
from .submission import ClaimRefused


@dataclass(frozen=True)
class Answers:
    """The five answers of the feedback form and who asked when."""

    officer_id: int
    care_rendered: bool | None = None
    payment_asked: bool | None = None
    drug_prescribed: bool | None = None
    drug_received: bool | None = None
    assessment: int | None = None
    feedback_date: object = None


def refusal(claim, answers, officer_exists, has_feedback):
    """(status, problems) when the feedback cannot be delivered, else None."""
    if claim.status != codes.CHECKED or claim.feedback_status != codes.SELECTED:
        return 409, [
            (
                "/data",
                f"Claim {claim.code!r} is not checked and selected for feedback "
                f"(status {claim.status}, feedback status {claim.feedback_status}).",
            )
        ]
    if has_feedback:
        return 409, [("/data", f"Claim {claim.code!r} already has a feedback.")]
    problems = []
    if not officer_exists:
        problems.append(("/meta/feedback/officer", "Must name a current enrolment officer."))
    if answers.assessment is not None and not 0 <= answers.assessment <= 255:
        problems.append(("/meta/feedback/assessment", "Must be between 0 and 255."))
    return (422, problems) if problems else None


def deliver_feedback(target, answers, actor, expected_etag=None):
    """Record the feedback of a claim selected for feedback; returns the claim."""
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        officer_exists = Officer.objects.using(LEGACY_DB).current().filter(pk=answers.officer_id).exists()
        has_feedback = Feedback.objects.using(LEGACY_DB).current().filter(claim_id=claim.pk).exists()
        refused = refusal(claim, answers, officer_exists, has_feedback)
        if refused:
            raise ClaimRefused(*refused)
        now = clock.now()
        Feedback.objects.using(LEGACY_DB).create(
            uuid=str(uuid.uuid4()),
            claim_id=claim.pk,
            care_rendered=answers.care_rendered,
            payment_asked=answers.payment_asked,
            drug_prescribed=answers.drug_prescribed,
            drug_received=answers.drug_received,
            assessment=answers.assessment,
            officer_id=answers.officer_id,
            feedback_date=answers.feedback_date or now,
            validity_from=now,
            audit_user_id=actor.audit_user_id,
        )
        Claim.objects.using(LEGACY_DB).filter(pk=claim.pk).update(feedback_status=codes.DELIVERED)
        claim.refresh_from_db(using=LEGACY_DB)
        return claim
