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
