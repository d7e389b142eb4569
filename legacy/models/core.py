from django.db import models

from .base import VersionedModel


class User(VersionedModel):
    id = models.AutoField(db_column="UserID", primary_key=True)
    uuid = models.CharField(db_column="UserUUID", max_length=36)
    language_id = models.CharField(db_column="LanguageID", max_length=5)
    last_name = models.CharField(db_column="LastName", max_length=100)
    other_names = models.CharField(db_column="OtherNames", max_length=100)
    phone = models.CharField(db_column="Phone", max_length=50, null=True)
    login_name = models.CharField(db_column="LoginName", max_length=25)
    role_bitmask = models.IntegerField(
        db_column="RoleID", default=0
    )  # deprecated bitmask; rights come from tblUserRole
    health_facility = models.ForeignKey(
        "HealthFacility", models.DO_NOTHING, db_column="HFID", null=True, related_name="+", db_constraint=False
    )
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")
    email = models.CharField(db_column="EmailId", max_length=200, null=True)
    private_key = models.CharField(db_column="PrivateKey", max_length=256, null=True)
    stored_password = models.CharField(db_column="StoredPassword", max_length=256, null=True)
    password_validity = models.DateTimeField(db_column="PasswordValidity", null=True)
    is_associated = models.BooleanField(db_column="IsAssociated", null=True)

    class Meta:
        managed = False
        db_table = "tblUsers"


class Role(VersionedModel):
    id = models.AutoField(db_column="RoleID", primary_key=True)
    uuid = models.CharField(db_column="RoleUUID", max_length=36)
    role_name = models.CharField(db_column="RoleName", max_length=50)
    alt_language = models.CharField(db_column="AltLanguage", max_length=50, null=True)
    is_system = models.IntegerField(db_column="IsSystem")
    is_blocked = models.BooleanField(db_column="IsBlocked")
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)

    class Meta:
        managed = False
        db_table = "tblRole"


class RoleRight(VersionedModel):
    id = models.AutoField(db_column="RoleRightID", primary_key=True)
    role = models.ForeignKey("Role", models.DO_NOTHING, db_column="RoleID", related_name="rights", db_constraint=False)
    right_id = models.IntegerField(db_column="RightID")
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserId", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)

    class Meta:
        managed = False
        db_table = "tblRoleRight"


class UserRole(VersionedModel):
    id = models.AutoField(db_column="UserRoleID", primary_key=True)
    user = models.ForeignKey(
        "User", models.DO_NOTHING, db_column="UserID", related_name="user_roles", db_constraint=False
    )
    role = models.ForeignKey(
        "Role", models.DO_NOTHING, db_column="RoleID", related_name="user_roles", db_constraint=False
    )
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    audit_user_id = models.IntegerField(db_column="AudituserID", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    assign = models.IntegerField(db_column="Assign", null=True, default=3)

    class Meta:
        managed = False
        db_table = "tblUserRole"


class UserDistrict(VersionedModel):
    id = models.AutoField(db_column="UserDistrictID", primary_key=True)
    user = models.ForeignKey(
        "User", models.DO_NOTHING, db_column="UserID", related_name="districts", db_constraint=False
    )
    location = models.ForeignKey(
        "Location", models.DO_NOTHING, db_column="LocationId", related_name="+", db_constraint=False
    )
    validity_from = models.DateTimeField(db_column="ValidityFrom")
    validity_to = models.DateTimeField(db_column="ValidityTo", null=True)
    legacy_id = models.IntegerField(db_column="LegacyID", null=True)
    audit_user_id = models.IntegerField(db_column="AuditUserID")

    class Meta:
        managed = False
        db_table = "tblUsersDistricts"
