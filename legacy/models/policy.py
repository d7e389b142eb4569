from decimal import Decimal

from django.db import models

from .base import VersionedModel


class Product(VersionedModel):
    id = models.AutoField(db_column="ProdID", primary_key=True)
    uuid = models.CharField(db_column="ProdUUID", max_length=36)
    code = models.CharField(db_column="ProductCode", max_length=8)
    name = models.CharField(db_column="ProductName", max_length=100)
    location = models.ForeignKey(
        "Location", models.DO_NOTHING, db_column="LocationId", null=True, related_name="+", db_constraint=False
    )
    insurance_period = models.SmallIntegerField(db_column="InsurancePeriod", default=12)
    date_from = models.DateTimeField(db_column="DateFrom")
    date_to = models.DateTimeField(db_column="DateTo")
    conversion_product = models.ForeignKey(
        "self", models.DO_NOTHING, db_column="ConversionProdID", null=True, related_name="+", db_constraint=False
    )
    lump_sum = models.DecimalField(db_column="LumpSum", max_digits=18, decimal_places=2)
    member_count = models.SmallIntegerField(db_column="MemberCount")
    premium_adult = models.DecimalField(db_column="PremiumAdult", max_digits=18, decimal_places=2, null=True)
    premium_child = models.DecimalField(db_column="PremiumChild", max_digits=18, decimal_places=2, null=True)
    ded_insuree = models.DecimalField(db_column="DedInsuree", max_digits=18, decimal_places=2, null=True)
    ded_op_insuree = models.DecimalField(db_column="DedOPInsuree", max_digits=18, decimal_places=2, null=True)
    ded_ip_insuree = models.DecimalField(db_column="DedIPInsuree", max_digits=18, decimal_places=2, null=True)
    max_insuree = models.DecimalField(db_column="MaxInsuree", max_digits=18, decimal_places=2, null=True)
    max_op_insuree = models.DecimalField(db_column="MaxOPInsuree", max_digits=18, decimal_places=2, null=True)
    max_ip_insuree = models.DecimalField(db_column="MaxIPInsuree", max_digits=18, decimal_places=2, null=True)
    period_rel_prices = models.CharField(db_column="PeriodRelPrices", max_length=1, null=True)
    period_rel_prices_op = models.CharField(db_column="PeriodRelPricesOP", max_length=1, null=True)
    period_rel_prices_ip = models.CharField(db_column="PeriodRelPricesIP", max_length=1, null=True)
    acc_code_premiums = models.CharField(db_column="AccCodePremiums", max_length=25, null=True)
    acc_code_remuneration = models.CharField(db_column="AccCodeRemuneration", max_length=25, null=True)
    ded_treatment = models.DecimalField(db_column="DedTreatment", max_digits=18, decimal_places=2, null=True)
    ded_op_treatment = models.DecimalField(db_column="DedOPTreatment", max_digits=18, decimal_places=2, null=True)
    ded_ip_treatment = models.DecimalField(db_column="DedIPTreatment", max_digits=18, decimal_places=2, null=True)
    max_treatment = models.DecimalField(db_column="MaxTreatment", max_digits=18, decimal_places=2, null=True)
    max_op_treatment = models.DecimalField(db_column="MaxOPTreatment", max_digits=18, decimal_places=2, null=True)
    max_ip_treatment = models.DecimalField(db_column="MaxIPTreatment", max_digits=18, decimal_places=2, null=True)
    ded_policy = models.DecimalField(db_column="DedPolicy", max_digits=18, decimal_places=2, null=True)
    ded_op_policy = models.DecimalField(db_column="DedOPPolicy", max_digits=18, decimal_places=2, null=True)
    ded_ip_policy = models.DecimalField(db_column="DedIPPolicy", max_digits=18, decimal_places=2, null=True)
    max_policy = models.DecimalField(db_column="MaxPolicy", max_digits=18, decimal_places=2, null=True)
    max_op_policy = models.DecimalField(db_column="MaxOPPolicy", max_digits=18, decimal_places=2, null=True)
    max_ip_policy = models.DecimalField(db_column="MaxIPPolicy", max_digits=18, decimal_places=2, null=True)
    grace_period = models.IntegerField(db_column="GracePeriod", default=0)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    registration_lump_sum = models.DecimalField(
        db_column="RegistrationLumpSum", max_digits=18, decimal_places=2, null=True
    )
    registration_fee = models.DecimalField(db_column="RegistrationFee", max_digits=18, decimal_places=2, null=True)
    general_assembly_lump_sum = models.DecimalField(
        db_column="GeneralAssemblyLumpSum", max_digits=18, decimal_places=2, null=True
    )
    general_assembly_fee = models.DecimalField(
        db_column="GeneralAssemblyFee", max_digits=18, decimal_places=2, null=True
    )
    start_cycle1 = models.CharField(db_column="StartCycle1", max_length=5, null=True)
    start_cycle2 = models.CharField(db_column="StartCycle2", max_length=5, null=True)
    max_no_consultation = models.IntegerField(db_column="MaxNoConsultation", null=True)
    max_no_surgery = models.IntegerField(db_column="MaxNoSurgery", null=True)
    max_no_delivery = models.IntegerField(db_column="MaxNoDelivery", null=True)
    max_no_hospitalization = models.IntegerField(db_column="MaxNoHospitalizaion", null=True)
    max_no_visits = models.IntegerField(db_column="MaxNoVisits", null=True)
    max_amount_consultation = models.DecimalField(
        db_column="MaxAmountConsultation", max_digits=18, decimal_places=2, null=True
    )
    max_amount_surgery = models.DecimalField(db_column="MaxAmountSurgery", max_digits=18, decimal_places=2, null=True)
    max_amount_delivery = models.DecimalField(db_column="MaxAmountDelivery", max_digits=18, decimal_places=2, null=True)
    max_amount_hospitalization = models.DecimalField(
        db_column="MaxAmountHospitalization", max_digits=18, decimal_places=2, null=True
    )
    grace_period_renewal = models.IntegerField(db_column="GracePeriodRenewal", null=True)
    max_installments = models.IntegerField(db_column="MaxInstallments", null=True)
    waiting_period = models.IntegerField(db_column="WaitingPeriod", null=True)
    threshold = models.IntegerField(db_column="Threshold", null=True)
    renewal_discount_perc = models.IntegerField(db_column="RenewalDiscountPerc", null=True, default=0)
    renewal_discount_period = models.IntegerField(db_column="RenewalDiscountPeriod", null=True, default=0)
    start_cycle3 = models.CharField(db_column="StartCycle3", max_length=5, null=True)
    start_cycle4 = models.CharField(db_column="StartCycle4", max_length=5, null=True)
    administration_period = models.IntegerField(db_column="AdministrationPeriod", null=True)
    max_policy_extra_member = models.DecimalField(
        db_column="MaxPolicyExtraMember", max_digits=18, decimal_places=2, null=True
    )
    max_policy_extra_member_ip = models.DecimalField(
        db_column="MaxPolicyExtraMemberIP", max_digits=18, decimal_places=2, null=True
    )
    max_policy_extra_member_op = models.DecimalField(
        db_column="MaxPolicyExtraMemberOP", max_digits=18, decimal_places=2, null=True
    )
    max_ceiling_policy = models.DecimalField(db_column="MaxCeilingPolicy", max_digits=18, decimal_places=2, null=True)
    max_ceiling_policy_ip = models.DecimalField(
        db_column="MaxCeilingPolicyIP", max_digits=18, decimal_places=2, null=True
    )
    max_ceiling_policy_op = models.DecimalField(
        db_column="MaxCeilingPolicyOP", max_digits=18, decimal_places=2, null=True
    )
    enrolment_discount_perc = models.IntegerField(db_column="EnrolmentDiscountPerc", null=True)
    enrolment_discount_period = models.IntegerField(db_column="EnrolmentDiscountPeriod", null=True)
    max_amount_antenatal = models.DecimalField(
        db_column="MaxAmountAntenatal", max_digits=18, decimal_places=2, null=True
    )
    max_no_antenatal = models.IntegerField(db_column="MaxNoAntenatal", null=True)
    ceiling_interpretation = models.CharField(db_column="CeilingInterpretation", max_length=1, null=True)
    level1 = models.CharField(db_column="Level1", max_length=1, null=True)
    sublevel1 = models.CharField(db_column="Sublevel1", max_length=1, null=True)
    level2 = models.CharField(db_column="Level2", max_length=1, null=True)
    sublevel2 = models.CharField(db_column="Sublevel2", max_length=1, null=True)
    level3 = models.CharField(db_column="Level3", max_length=1, null=True)
    sublevel3 = models.CharField(db_column="Sublevel3", max_length=1, null=True)
    level4 = models.CharField(db_column="Level4", max_length=1, null=True)
    sublevel4 = models.CharField(db_column="Sublevel4", max_length=1, null=True)
    share_contribution = models.DecimalField(
        db_column="ShareContribution", max_digits=5, decimal_places=2, null=True, default=Decimal("100.00")
    )
    weight_population = models.DecimalField(
        db_column="WeightPopulation", max_digits=5, decimal_places=2, null=True, default=Decimal("0.00")
    )
    weight_number_families = models.DecimalField(
        db_column="WeightNumberFamilies", max_digits=5, decimal_places=2, null=True, default=Decimal("0.00")
    )
    weight_insured_population = models.DecimalField(
        db_column="WeightInsuredPopulation", max_digits=5, decimal_places=2, null=True, default=Decimal("100.00")
    )
    weight_number_insured_families = models.DecimalField(
        db_column="WeightNumberInsuredFamilies", max_digits=5, decimal_places=2, null=True, default=Decimal("0.00")
    )
    weight_number_visits = models.DecimalField(
        db_column="WeightNumberVisits", max_digits=5, decimal_places=2, null=True, default=Decimal("0.00")
    )
    weight_adjusted_amount = models.DecimalField(
        db_column="WeightAdjustedAmount", max_digits=5, decimal_places=2, null=True, default=Decimal("0.00")
    )
    recurrence = models.SmallIntegerField(db_column="Recurrence", null=True)

    class Meta:
        managed = False
        db_table = "tblProduct"


class Policy(VersionedModel):
    id = models.AutoField(db_column="PolicyID", primary_key=True)
    uuid = models.CharField(db_column="PolicyUUID", max_length=36)
    family = models.ForeignKey(
        "Family", models.DO_NOTHING, db_column="FamilyID", related_name="policies", db_constraint=False
    )
    enroll_date = models.DateField(db_column="EnrollDate")
    start_date = models.DateField(db_column="StartDate")
    effective_date = models.DateField(db_column="EffectiveDate", null=True)
    expiry_date = models.DateField(db_column="ExpiryDate", null=True)
    status = models.SmallIntegerField(db_column="PolicyStatus", null=True, default=1)
    value = models.DecimalField(db_column="PolicyValue", max_digits=18, decimal_places=2, null=True)
    product = models.ForeignKey(
        "Product", models.DO_NOTHING, db_column="ProdID", related_name="policies", db_constraint=False
    )
    officer = models.ForeignKey(
        "Officer", models.DO_NOTHING, db_column="OfficerID", null=True, related_name="policies", db_constraint=False
    )
    stage = models.CharField(db_column="PolicyStage", max_length=1, null=True, default="N")
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    is_offline = models.BooleanField(db_column="isOffline", null=True, default=False)
    source = models.CharField(db_column="Source", max_length=50, null=True)
    source_version = models.CharField(db_column="SourceVersion", max_length=15, null=True)

    class Meta:
        managed = False
        db_table = "tblPolicy"


class InsureePolicy(VersionedModel):
    id = models.AutoField(db_column="InsureePolicyID", primary_key=True)
    insuree = models.ForeignKey(
        "Insuree", models.DO_NOTHING, db_column="InsureeID", related_name="insuree_policies", db_constraint=False
    )
    policy = models.ForeignKey(
        "Policy", models.DO_NOTHING, db_column="PolicyId", related_name="insuree_policies", db_constraint=False
    )
    enrollment_date = models.DateField(db_column="EnrollmentDate", null=True)
    start_date = models.DateField(db_column="StartDate", null=True)
    effective_date = models.DateField(db_column="EffectiveDate", null=True)
    expiry_date = models.DateField(db_column="ExpiryDate", null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    is_offline = models.BooleanField(db_column="isOffline", null=True, default=False)

    class Meta:
        managed = False
        db_table = "tblInsureePolicy"


class Premium(VersionedModel):
    id = models.AutoField(db_column="PremiumId", primary_key=True)
    uuid = models.CharField(db_column="PremiumUUID", max_length=36)
    policy = models.ForeignKey(
        "Policy", models.DO_NOTHING, db_column="PolicyID", related_name="premiums", db_constraint=False
    )
    payer_id = models.IntegerField(db_column="PayerID", null=True)
    amount = models.DecimalField(db_column="Amount", max_digits=18, decimal_places=2)
    receipt = models.CharField(db_column="Receipt", max_length=50)
    pay_date = models.DateField(db_column="PayDate")
    pay_type = models.CharField(db_column="PayType", max_length=1)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    is_photo_fee = models.BooleanField(db_column="isPhotoFee", null=True, default=False)
    is_offline = models.BooleanField(db_column="isOffline", null=True, default=False)
    reporting_id = models.IntegerField(db_column="ReportingId", null=True)
    created_date = models.DateField(db_column="CreatedDate")
    source = models.CharField(db_column="Source", max_length=50, null=True)
    source_version = models.CharField(db_column="SourceVersion", max_length=15, null=True)

    class Meta:
        managed = False
        db_table = "tblPremium"


class Officer(VersionedModel):
    id = models.AutoField(db_column="OfficerID", primary_key=True)
    uuid = models.CharField(db_column="OfficerUUID", max_length=36)
    code = models.CharField(db_column="Code", max_length=8)
    last_name = models.CharField(db_column="LastName", max_length=100)
    other_names = models.CharField(db_column="OtherNames", max_length=100)
    dob = models.DateField(db_column="DOB", null=True)
    phone = models.CharField(db_column="Phone", max_length=50, null=True)
    location = models.ForeignKey(
        "Location", models.DO_NOTHING, db_column="LocationId", null=True, related_name="+", db_constraint=False
    )
    substitute = models.ForeignKey(
        "self", models.DO_NOTHING, db_column="OfficerIDSubst", null=True, related_name="+", db_constraint=False
    )
    works_to = models.DateTimeField(db_column="WorksTo", null=True)
    veo_code = models.CharField(db_column="VEOCode", max_length=8, null=True)
    veo_last_name = models.CharField(db_column="VEOLastName", max_length=100, null=True)
    veo_other_names = models.CharField(db_column="VEOOtherNames", max_length=100, null=True)
    veo_dob = models.DateField(db_column="VEODOB", null=True)
    veo_phone = models.CharField(db_column="VEOPhone", max_length=25, null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    email = models.CharField(db_column="EmailId", max_length=200, null=True)
    phone_communication = models.BooleanField(db_column="PhoneCommunication", null=True, default=False)
    permanent_address = models.CharField(db_column="permanentaddress", max_length=100, null=True)
    has_login = models.BooleanField(db_column="HasLogin", null=True)

    class Meta:
        managed = False
        db_table = "tblOfficer"
