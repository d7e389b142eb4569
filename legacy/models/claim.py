from django.db import models

from .base import VersionedModel


class Claim(VersionedModel):
    id = models.AutoField(db_column="ClaimID", primary_key=True)
    uuid = models.CharField(db_column="ClaimUUID", max_length=36)
    insuree = models.ForeignKey(
        "Insuree", models.DO_NOTHING, db_column="InsureeID", related_name="claims", db_constraint=False
    )
    code = models.CharField(db_column="ClaimCode", max_length=8)
    date_from = models.DateField(db_column="DateFrom")
    date_to = models.DateField(db_column="DateTo", null=True)
    icd_id = models.IntegerField(db_column="ICDID")
    status = models.SmallIntegerField(db_column="ClaimStatus", default=2)
    adjuster = models.ForeignKey(
        "User", models.DO_NOTHING, db_column="Adjuster", null=True, related_name="+", db_constraint=False
    )
    adjustment = models.TextField(db_column="Adjustment", null=True)
    claimed = models.DecimalField(db_column="Claimed", max_digits=18, decimal_places=2, null=True)
    approved = models.DecimalField(db_column="Approved", max_digits=18, decimal_places=2, null=True)
    reinsured = models.DecimalField(db_column="Reinsured", max_digits=18, decimal_places=2, null=True)
    valuated = models.DecimalField(db_column="Valuated", max_digits=18, decimal_places=2, null=True)
    date_claimed = models.DateField(db_column="DateClaimed")
    date_processed = models.DateField(db_column="DateProcessed", null=True)
    feedback = models.BooleanField(db_column="Feedback", default=False)
    feedback_id = models.IntegerField(db_column="FeedbackID", null=True, default=0)
    explanation = models.TextField(db_column="Explanation", null=True)
    feedback_status = models.SmallIntegerField(db_column="FeedbackStatus", null=True, default=1)
    review_status = models.SmallIntegerField(db_column="ReviewStatus", null=True, default=1)
    approval_status = models.SmallIntegerField(db_column="ApprovalStatus", null=True, default=1)
    rejection_reason = models.SmallIntegerField(db_column="RejectionReason", null=True, default=0)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    validity_from_review = models.DateTimeField(db_column="ValidityFromReview", null=True)
    validity_to_review = models.DateTimeField(db_column="ValidityToReview", null=True)
    audit_user_id_review = models.IntegerField(db_column="AuditUserIDReview", null=True)
    health_facility = models.ForeignKey(
        "HealthFacility", models.DO_NOTHING, db_column="HFID", related_name="claims", db_constraint=False
    )
    run_id = models.IntegerField(db_column="RunID", null=True)
    audit_user_id_submit = models.IntegerField(db_column="AuditUserIDSubmit", null=True)
    audit_user_id_process = models.IntegerField(db_column="AuditUserIDProcess", null=True)
    submit_stamp = models.DateTimeField(db_column="SubmitStamp", null=True)
    process_stamp = models.DateTimeField(db_column="ProcessStamp", null=True)
    remunerated = models.DecimalField(db_column="Remunerated", max_digits=18, decimal_places=2, null=True)
    guarantee_id = models.CharField(db_column="GuaranteeId", max_length=50, null=True)
    claim_admin_id = models.IntegerField(db_column="ClaimAdminId", null=True)
    icd_id_1 = models.IntegerField(db_column="ICDID1", null=True)
    icd_id_2 = models.IntegerField(db_column="ICDID2", null=True)
    icd_id_3 = models.IntegerField(db_column="ICDID3", null=True)
    icd_id_4 = models.IntegerField(db_column="ICDID4", null=True)
    visit_type = models.CharField(db_column="VisitType", max_length=1, null=True)
    claim_category = models.CharField(db_column="ClaimCategory", max_length=1, null=True)

    class Meta:
        managed = False
        db_table = "tblClaim"


class ClaimLine(VersionedModel):
    """The columns tblClaimItems and tblClaimServices share: items and services are claimed, priced and valued alike.

    Each table declares its own key, its item or service, and its status column (ClaimItemStatus,
    ClaimServiceStatus); spelling and nullability here are those of both tables.
    """

    product = models.ForeignKey(
        "Product", models.DO_NOTHING, db_column="ProdID", null=True, related_name="+", db_constraint=False
    )
    qty_provided = models.DecimalField(db_column="QtyProvided", max_digits=18, decimal_places=2)
    qty_approved = models.DecimalField(db_column="QtyApproved", max_digits=18, decimal_places=2, null=True)
    price_asked = models.DecimalField(db_column="PriceAsked", max_digits=18, decimal_places=2)
    price_adjusted = models.DecimalField(db_column="PriceAdjusted", max_digits=18, decimal_places=2, null=True)
    price_approved = models.DecimalField(db_column="PriceApproved", max_digits=18, decimal_places=2, null=True)
    price_valuated = models.DecimalField(db_column="PriceValuated", max_digits=18, decimal_places=2, null=True)
    explanation = models.TextField(db_column="Explanation", null=True)
    justification = models.TextField(db_column="Justification", null=True)
    rejection_reason = models.SmallIntegerField(db_column="RejectionReason", null=True, default=0)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    validity_from_review = models.DateTimeField(db_column="ValidityFromReview", null=True)
    validity_to_review = models.DateTimeField(db_column="ValidityToReview", null=True)
    audit_user_id_review = models.IntegerField(db_column="AuditUserIDReview", null=True)
    limitation_value = models.DecimalField(db_column="LimitationValue", max_digits=18, decimal_places=2, null=True)
    limitation = models.CharField(db_column="Limitation", max_length=1, null=True)
    policy = models.ForeignKey(
        "Policy", models.DO_NOTHING, db_column="PolicyID", null=True, related_name="+", db_constraint=False
    )
    remunerated_amount = models.DecimalField(db_column="RemuneratedAmount", max_digits=18, decimal_places=2, null=True)
    deductable_amount = models.DecimalField(db_column="DeductableAmount", max_digits=18, decimal_places=2, null=True)
    exceed_ceiling_amount = models.DecimalField(
        db_column="ExceedCeilingAmount", max_digits=18, decimal_places=2, null=True
    )
    price_origin = models.CharField(db_column="PriceOrigin", max_length=1, null=True)
    exceed_ceiling_amount_category = models.DecimalField(
        db_column="ExceedCeilingAmountCategory", max_digits=18, decimal_places=2, null=True
    )

    class Meta:
        abstract = True


class ClaimItem(ClaimLine):
    id = models.AutoField(db_column="ClaimItemID", primary_key=True)
    claim = models.ForeignKey(
        "Claim", models.DO_NOTHING, db_column="ClaimID", related_name="items", db_constraint=False
    )
    item = models.ForeignKey("Item", models.DO_NOTHING, db_column="ItemID", related_name="+", db_constraint=False)
    status = models.SmallIntegerField(db_column="ClaimItemStatus", default=1)
    availability = models.BooleanField(db_column="Availability", default=True)

    class Meta:
        managed = False
        db_table = "tblClaimItems"


class ClaimService(ClaimLine):
    id = models.AutoField(db_column="ClaimServiceID", primary_key=True)
    claim = models.ForeignKey(
        "Claim", models.DO_NOTHING, db_column="ClaimID", related_name="services", db_constraint=False
    )
    service = models.ForeignKey(
        "Service", models.DO_NOTHING, db_column="ServiceID", related_name="+", db_constraint=False
    )
    status = models.SmallIntegerField(db_column="ClaimServiceStatus", default=1)

    class Meta:
        managed = False
        db_table = "tblClaimServices"


class Diagnosis(VersionedModel):
    """tblICDCodes: the diagnoses a claim may name (ICDID, ICDID1..4)."""

    id = models.AutoField(db_column="ICDID", primary_key=True)
    code = models.CharField(db_column="ICDCode", max_length=6)
    name = models.CharField(db_column="ICDName", max_length=255)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblICDCodes"


class ClaimAdmin(VersionedModel):
    """tblClaimAdmin: the facility staff who enter claims (tblClaim.ClaimAdminId)."""

    id = models.AutoField(db_column="ClaimAdminId", primary_key=True)
    uuid = models.CharField(db_column="ClaimAdminUUID", max_length=36)
    code = models.CharField(db_column="ClaimAdminCode", max_length=8, null=True)
    last_name = models.CharField(db_column="LastName", max_length=100, null=True)
    other_names = models.CharField(db_column="OtherNames", max_length=100, null=True)
    dob = models.DateField(db_column="DOB", null=True)
    phone = models.CharField(db_column="Phone", max_length=50, null=True)
    health_facility = models.ForeignKey(
        "HealthFacility", models.DO_NOTHING, db_column="HFId", null=True, related_name="+", db_constraint=False
    )
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserId", null=True)
    email = models.CharField(db_column="EmailId", max_length=200, null=True)
    has_login = models.BooleanField(db_column="HasLogin", null=True)

    class Meta:
        managed = False
        db_table = "tblClaimAdmin"


class ClaimDedRem(VersionedModel):
    """tblClaimDedRem: deductibles (Ded*) and remunerations (Rem*) a processed claim took from a policy,
    per insuree: what the coverage enquiry subtracts from the product's deductibles and ceilings."""

    id = models.AutoField(db_column="ExpenditureID", primary_key=True)
    policy = models.ForeignKey("Policy", models.DO_NOTHING, db_column="PolicyID", related_name="+", db_constraint=False)
    insuree = models.ForeignKey(
        "Insuree", models.DO_NOTHING, db_column="InsureeID", related_name="+", db_constraint=False
    )
    claim = models.ForeignKey("Claim", models.DO_NOTHING, db_column="ClaimID", related_name="+", db_constraint=False)
    ded_g = models.DecimalField(db_column="DedG", max_digits=18, decimal_places=2, null=True)
    ded_op = models.DecimalField(db_column="DedOP", max_digits=18, decimal_places=2, null=True)
    ded_ip = models.DecimalField(db_column="DedIP", max_digits=18, decimal_places=2, null=True)
    rem_g = models.DecimalField(db_column="RemG", max_digits=18, decimal_places=2, null=True)
    rem_ip = models.DecimalField(db_column="RemIP", max_digits=18, decimal_places=2, null=True)
    rem_op = models.DecimalField(db_column="RemOP", max_digits=18, decimal_places=2, null=True)
    rem_consult = models.DecimalField(db_column="RemConsult", max_digits=18, decimal_places=2, null=True)
    rem_surgery = models.DecimalField(db_column="RemSurgery", max_digits=18, decimal_places=2, null=True)
    rem_delivery = models.DecimalField(db_column="RemDelivery", max_digits=18, decimal_places=2, null=True)
    rem_hospitalization = models.DecimalField(
        db_column="RemHospitalization", max_digits=18, decimal_places=2, null=True
    )
    rem_antenatal = models.DecimalField(db_column="RemAntenatal", max_digits=18, decimal_places=2, null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblClaimDedRem"
