from django.db import models

from .base import VersionedModel


class Item(VersionedModel):
    id = models.AutoField(db_column="ItemID", primary_key=True)
    uuid = models.CharField(db_column="ItemUUID", max_length=36)
    code = models.CharField(db_column="ItemCode", max_length=6)
    name = models.CharField(db_column="ItemName", max_length=100)
    type = models.CharField(db_column="ItemType", max_length=1)
    quantity = models.DecimalField(db_column="Quantity", max_digits=18, decimal_places=2, null=True)
    package = models.CharField(db_column="ItemPackage", max_length=255, null=True)
    price = models.DecimalField(db_column="ItemPrice", max_digits=18, decimal_places=2)
    care_type = models.CharField(db_column="ItemCareType", max_length=1)
    frequency = models.SmallIntegerField(db_column="ItemFrequency", null=True)
    patient_category = models.SmallIntegerField(db_column="ItemPatCat")
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblItems"


class Service(VersionedModel):
    id = models.AutoField(db_column="ServiceID", primary_key=True)
    uuid = models.CharField(db_column="ServiceUUID", max_length=36)
    code = models.CharField(db_column="ServCode", max_length=6)
    name = models.CharField(db_column="ServName", max_length=100)
    type = models.CharField(db_column="ServType", max_length=1)
    level = models.CharField(db_column="ServLevel", max_length=1)
    price = models.DecimalField(db_column="ServPrice", max_digits=18, decimal_places=2)
    care_type = models.CharField(db_column="ServCareType", max_length=1)
    frequency = models.SmallIntegerField(db_column="ServFrequency", null=True)
    patient_category = models.SmallIntegerField(db_column="ServPatCat")
    validity_from = models.DateTimeField(db_column="ValidityFrom", null=True)
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID", null=True)
    category = models.CharField(db_column="ServCategory", max_length=1, null=True)

    class Meta:
        managed = False
        db_table = "tblServices"


class ProductCoverage(VersionedModel):
    """The columns tblProductItems and tblProductServices share: how a product covers one item or service.

    LimitationType C = co-sharing (LimitAdult/LimitChild are the percentage the scheme pays), F = fixed
    amount; the R/E variants apply to referral and emergency visits. Waiting periods are in months.
    """

    product = models.ForeignKey("Product", models.DO_NOTHING, db_column="ProdID", related_name="+", db_constraint=False)
    limitation_type = models.CharField(db_column="LimitationType", max_length=1)
    price_origin = models.CharField(db_column="PriceOrigin", max_length=1)
    limit_adult = models.DecimalField(db_column="LimitAdult", max_digits=18, decimal_places=2, null=True)
    limit_child = models.DecimalField(db_column="LimitChild", max_digits=18, decimal_places=2, null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    waiting_period_adult = models.IntegerField(db_column="WaitingPeriodAdult", null=True)
    waiting_period_child = models.IntegerField(db_column="WaitingPeriodChild", null=True)
    limit_no_adult = models.IntegerField(db_column="LimitNoAdult", null=True)
    limit_no_child = models.IntegerField(db_column="LimitNoChild", null=True)
    limitation_type_r = models.CharField(db_column="LimitationTypeR", max_length=1, null=True)
    limitation_type_e = models.CharField(db_column="LimitationTypeE", max_length=1, null=True)
    limit_adult_r = models.DecimalField(db_column="LimitAdultR", max_digits=18, decimal_places=2, null=True)
    limit_adult_e = models.DecimalField(db_column="LimitAdultE", max_digits=18, decimal_places=2, null=True)
    limit_child_r = models.DecimalField(db_column="LimitChildR", max_digits=18, decimal_places=2, null=True)
    limit_child_e = models.DecimalField(db_column="LimitChildE", max_digits=18, decimal_places=2, null=True)
    ceiling_exclusion_adult = models.CharField(db_column="CeilingExclusionAdult", max_length=1, null=True)
    ceiling_exclusion_child = models.CharField(db_column="CeilingExclusionChild", max_length=1, null=True)

    class Meta:
        abstract = True


class ProductItem(ProductCoverage):
    id = models.AutoField(db_column="ProdItemID", primary_key=True)
    item = models.ForeignKey("Item", models.DO_NOTHING, db_column="ItemID", related_name="+", db_constraint=False)

    class Meta:
        managed = False
        db_table = "tblProductItems"


class ProductService(ProductCoverage):
    id = models.AutoField(db_column="ProdServiceID", primary_key=True)
    service = models.ForeignKey(
        "Service", models.DO_NOTHING, db_column="ServiceID", related_name="+", db_constraint=False
    )

    class Meta:
        managed = False
        db_table = "tblProductServices"


class PriceListItem(VersionedModel):
    """tblPLItemsDetail: an item in a facility's item price list (tblHF.PLItemID), with an optional own price."""

    id = models.AutoField(db_column="PLItemDetailID", primary_key=True)
    price_list_id = models.IntegerField(db_column="PLItemID")
    item = models.ForeignKey("Item", models.DO_NOTHING, db_column="ItemID", related_name="+", db_constraint=False)
    price_overrule = models.DecimalField(db_column="PriceOverule", max_digits=18, decimal_places=2, null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblPLItemsDetail"


class PriceListService(VersionedModel):
    """tblPLServicesDetail: a service in a facility's service price list (tblHF.PLServiceID)."""

    id = models.AutoField(db_column="PLServiceDetailID", primary_key=True)
    price_list_id = models.IntegerField(db_column="PLServiceID")
    service = models.ForeignKey(
        "Service", models.DO_NOTHING, db_column="ServiceID", related_name="+", db_constraint=False
    )
    price_overrule = models.DecimalField(db_column="PriceOverule", max_digits=18, decimal_places=2, null=True)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblPLServicesDetail"
