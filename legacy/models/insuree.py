from django.db import models

from .base import VersionedModel


class Gender(models.Model):
    code = models.CharField(db_column="Code", primary_key=True, max_length=1)
    name = models.CharField(db_column="Gender", max_length=50, null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)

    class Meta:
        managed = False
        db_table = "tblGender"


class Education(models.Model):
    id = models.SmallIntegerField(db_column="EducationId", primary_key=True)
    name = models.CharField(db_column="Education", max_length=50)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)

    class Meta:
        managed = False
        db_table = "tblEducations"


class Profession(models.Model):
    id = models.SmallIntegerField(db_column="ProfessionId", primary_key=True)
    name = models.CharField(db_column="Profession", max_length=50)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)

    class Meta:
        managed = False
        db_table = "tblProfessions"


class Relation(models.Model):
    id = models.SmallIntegerField(db_column="RelationId", primary_key=True)
    name = models.CharField(db_column="Relation", max_length=50)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)

    class Meta:
        managed = False
        db_table = "tblRelations"


class FamilyType(models.Model):
    code = models.CharField(db_column="FamilyTypeCode", primary_key=True, max_length=2)
    name = models.CharField(db_column="FamilyType", max_length=50)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)

    class Meta:
        managed = False
        db_table = "tblFamilyTypes"


class ConfirmationType(models.Model):
    code = models.CharField(db_column="ConfirmationTypeCode", primary_key=True, max_length=3)
    name = models.CharField(db_column="ConfirmationType", max_length=50)
    sort_order = models.IntegerField(db_column="SortOrder", null=True)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)

    class Meta:
        managed = False
        db_table = "tblConfirmationTypes"


class Family(VersionedModel):
    id = models.AutoField(db_column="FamilyID", primary_key=True)
    uuid = models.CharField(db_column="FamilyUUID", max_length=36)
    head = models.ForeignKey("Insuree", models.DO_NOTHING, db_column="InsureeID", related_name="+", db_constraint=False)
    location = models.ForeignKey(
        "Location", models.DO_NOTHING, db_column="LocationId", null=True, related_name="families", db_constraint=False
    )
    poverty = models.BooleanField(db_column="Poverty", null=True, default=False)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    family_type = models.ForeignKey(
        "FamilyType",
        models.DO_NOTHING,
        db_column="FamilyType",
        to_field="code",
        null=True,
        related_name="+",
        db_constraint=False,
    )
    family_address = models.CharField(db_column="FamilyAddress", max_length=200, null=True)
    is_offline = models.BooleanField(db_column="isOffline", null=True, default=False)
    ethnicity = models.CharField(db_column="Ethnicity", max_length=1, null=True)
    confirmation_no = models.CharField(db_column="ConfirmationNo", max_length=12, null=True)
    confirmation_type = models.ForeignKey(
        "ConfirmationType",
        models.DO_NOTHING,
        db_column="ConfirmationType",
        to_field="code",
        null=True,
        related_name="+",
        db_constraint=False,
    )
    source = models.CharField(db_column="Source", max_length=50, null=True)
    source_version = models.CharField(db_column="SourceVersion", max_length=15, null=True)

    class Meta:
        managed = False
        db_table = "tblFamilies"


class Insuree(VersionedModel):
    id = models.AutoField(db_column="InsureeID", primary_key=True)
    uuid = models.CharField(db_column="InsureeUUID", max_length=36)
    family = models.ForeignKey(
        "Family", models.DO_NOTHING, db_column="FamilyID", related_name="members", db_constraint=False
    )
    chf_id = models.CharField(db_column="CHFID", max_length=12, null=True)
    last_name = models.CharField(db_column="LastName", max_length=100)
    other_names = models.CharField(db_column="OtherNames", max_length=100)
    dob = models.DateField(db_column="DOB")
    gender = models.ForeignKey(
        "Gender",
        models.DO_NOTHING,
        db_column="Gender",
        to_field="code",
        null=True,
        related_name="+",
        db_constraint=False,
    )
    marital = models.CharField(db_column="Marital", max_length=1, null=True)
    is_head = models.BooleanField(db_column="IsHead", default=False)
    passport = models.CharField(db_column="passport", max_length=25, null=True)
    phone = models.CharField(db_column="Phone", max_length=50, null=True)
    photo = models.ForeignKey(
        "Photo", models.DO_NOTHING, db_column="PhotoID", null=True, related_name="+", db_constraint=False
    )
    photo_date = models.DateField(db_column="PhotoDate", null=True)
    card_issued = models.BooleanField(db_column="CardIssued", default=False)
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    relationship = models.ForeignKey(
        "Relation", models.DO_NOTHING, db_column="Relationship", null=True, related_name="+", db_constraint=False
    )
    profession = models.ForeignKey(
        "Profession", models.DO_NOTHING, db_column="Profession", null=True, related_name="+", db_constraint=False
    )
    education = models.ForeignKey(
        "Education", models.DO_NOTHING, db_column="Education", null=True, related_name="+", db_constraint=False
    )
    email = models.CharField(db_column="Email", max_length=100, null=True)
    is_offline = models.BooleanField(db_column="isOffline", null=True, default=False)
    type_of_id = models.CharField(db_column="TypeOfId", max_length=1, null=True)
    health_facility = models.ForeignKey(
        "HealthFacility", models.DO_NOTHING, db_column="HFID", null=True, related_name="+", db_constraint=False
    )
    current_address = models.CharField(db_column="CurrentAddress", max_length=200, null=True)
    geo_location = models.CharField(db_column="GeoLocation", max_length=250, null=True)
    current_village_id = models.IntegerField(db_column="CurrentVillage", null=True)
    vulnerability = models.BooleanField(db_column="Vulnerability", default=False)
    source = models.CharField(db_column="Source", max_length=50, null=True)
    source_version = models.CharField(db_column="SourceVersion", max_length=15, null=True)

    class Meta:
        managed = False
        db_table = "tblInsuree"


class Photo(models.Model):
    """tblPhotos has validity columns but no LegacyID: replaced photos are not linked to their successor."""

    id = models.AutoField(db_column="PhotoID", primary_key=True)
    uuid = models.CharField(db_column="PhotoUUID", max_length=36)
    insuree_id = models.IntegerField(db_column="InsureeID", null=True)
    chf_id = models.CharField(db_column="CHFID", max_length=12, null=True)
    photo_folder = models.CharField(db_column="PhotoFolder", max_length=255)
    photo_file_name = models.CharField(db_column="PhotoFileName", max_length=250, null=True)
    officer_id = models.IntegerField(db_column="OfficerID")
    photo_date = models.DateField(db_column="PhotoDate")
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID", null=True, default=0)

    class Meta:
        managed = False
        db_table = "tblPhotos"
