from django.db import models

from .base import VersionedModel


class Feedback(VersionedModel):
    """tblFeedback: what the patient said about a claim's care (uspInsertFeedback writes it, one per claim:
    the PostgreSQL port has UNIQUE(ClaimID)). Asessment keeps the legacy spelling in its column name."""

    id = models.AutoField(db_column="FeedbackID", primary_key=True)
    uuid = models.CharField(db_column="FeedbackUUID", max_length=36)
    claim = models.ForeignKey(
        "Claim", models.DO_NOTHING, db_column="ClaimID", related_name="feedbacks", db_constraint=False
    )
    care_rendered = models.BooleanField(db_column="CareRendered", null=True)
    payment_asked = models.BooleanField(db_column="PaymentAsked", null=True)
    drug_prescribed = models.BooleanField(db_column="DrugPrescribed", null=True)
    drug_received = models.BooleanField(db_column="DrugReceived", null=True)
    assessment = models.SmallIntegerField(db_column="Asessment", null=True)
    officer_id = models.IntegerField(db_column="CHFOfficerCode", null=True)  # tblOfficer.OfficerID
    feedback_date = models.DateTimeField(db_column="FeedbackDate", null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblFeedback"
