from django.db import models

from .base import VersionedModel


class Location(VersionedModel):
    id = models.AutoField(db_column="LocationId", primary_key=True)
    uuid = models.CharField(db_column="LocationUUID", max_length=36)
    code = models.CharField(db_column="LocationCode", max_length=8, null=True)
    name = models.CharField(db_column="LocationName", max_length=50, null=True)
    parent = models.ForeignKey(
        "self", models.DO_NOTHING, db_column="ParentLocationId", null=True, related_name="children", db_constraint=False
    )
    type = models.CharField(db_column="LocationType", max_length=1)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserId", null=True)
    male_population = models.IntegerField(db_column="MalePopulation", null=True)
    female_population = models.IntegerField(db_column="FemalePopulation", null=True)
    other_population = models.IntegerField(db_column="OtherPopulation", null=True)
    family_count = models.IntegerField(db_column="Families", null=True)

    class Meta:
        managed = False
        db_table = "tblLocations"


class HealthFacility(VersionedModel):
    id = models.AutoField(db_column="HfID", primary_key=True)
    uuid = models.CharField(db_column="HfUUID", max_length=36)
    code = models.CharField(db_column="HFCode", max_length=8)
    name = models.CharField(db_column="HFName", max_length=100)
    legal_form = models.CharField(db_column="LegalForm", max_length=1)
    level = models.CharField(db_column="HFLevel", max_length=1)
    sublevel = models.CharField(db_column="HFSublevel", max_length=1, null=True)
    address = models.CharField(db_column="HFAddress", max_length=100, null=True)
    location = models.ForeignKey(
        "Location", models.DO_NOTHING, db_column="LocationId", related_name="health_facilities", db_constraint=False
    )
    phone = models.CharField(db_column="Phone", max_length=50, null=True)
    fax = models.CharField(db_column="Fax", max_length=50, null=True)
    email = models.CharField(db_column="eMail", max_length=50, null=True)
    care_type = models.CharField(db_column="HFCareType", max_length=1)
    pl_service_id = models.IntegerField(db_column="PLServiceID", null=True)
    pl_item_id = models.IntegerField(db_column="PLItemID", null=True)
    acc_code = models.CharField(db_column="AccCode", max_length=25, null=True)
    offline = models.BooleanField(db_column="OffLine", default=False)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblHF"
