"""What the models cannot say about the legacy tables, per vendor (legacy-schema.md §1).

`legacy.schema.spec` derives each column from its model field: SQL Server `int`/`smallint`/`bit`/
`nvarchar(n)`/`ntext`/`date`/`datetime`/`decimal(p,s)` (`uniqueidentifier DEFAULT (newid())` for a
`...UUID` column), the PostgreSQL port's `integer`/`smallint`/`boolean`/`varchar(n)`/`text`/`date`/
`timestamptz`/`numeric(p,s)`, NULL as the model's `null`, SQL Server defaults from the model's default
(and `getdate()` for ValidityFrom), a foreign key for each model relation. An entry here says only
where a vendor differs from that, which columns no model maps, and the port's UUID uniques.

`Vendor(type=..., null=..., default=..., fk=..., name=...)`: None keeps the derived fact; `type=""` means
the vendor lacks the column, `default=""` no default, `fk=""` no foreign key; `name` is SQL Server's
spelling where it differs. A table whose vendors say exactly what its model says needs no entry.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vendor:
    type: str | None = None
    null: bool | None = None
    default: str | None = None
    fk: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Extra:
    """A column of the official schema that no model maps (the adapter never reads or writes it)."""

    name: str
    ms: str
    pg: str | None  # None: the PostgreSQL port lacks it
    ms_null: bool = True
    pg_null: bool = True
    ms_name: str | None = None
    ms_default: str | None = None
    pg_default: str | None = None


@dataclass(frozen=True)
class TableFacts:
    ms: dict = field(default_factory=dict)  # column -> Vendor, SQL Server
    pg: dict = field(default_factory=dict)  # column -> Vendor, PostgreSQL port (and SQLite)
    extra: tuple = ()
    pg_unique: tuple = ()  # UNIQUE constraints of the PostgreSQL port


TABLE_FACTS = {
    "tblInsuree": TableFacts(
        ms={
            "FamilyID": Vendor(null=True),
            "CHFID": Vendor(type="nvarchar(50)"),
            "Gender": Vendor(type="char(1)"),
            "Marital": Vendor(type="char(1)"),
            "Vulnerability": Vendor(default="0"),
        },
        pg={"Vulnerability": Vendor(null=True)},
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
        pg_unique=("InsureeUUID",),
    ),
    "tblFamilies": TableFacts(
        ms={"InsureeID": Vendor(default="((0))", fk="tblInsuree.InsureeID (NOCHECK) NOT FOR REPLICATION")},
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
        pg_unique=("FamilyUUID",),
    ),
    "tblGender": TableFacts(
        ms={"Code": Vendor(type="char(1)")},
    ),
    "tblLocations": TableFacts(
        ms={
            "ParentLocationId": Vendor(fk=""),
            "LocationType": Vendor(type="nchar(1)"),
            "ValidityFrom": Vendor(null=True),
            "LegacyID": Vendor(name="LegacyId"),
        },
        extra=(Extra("RowId", ms="timestamp", pg="text", ms_null=False),),
        pg_unique=("LocationUUID",),
    ),
    "tblHF": TableFacts(
        ms={
            "LegalForm": Vendor(type="char(1)"),
            "HFLevel": Vendor(type="char(1)"),
            "HFSublevel": Vendor(type="char(1)"),
            "HFCareType": Vendor(type="char(1)"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
        pg_unique=("HfUUID",),
    ),
    "tblUsers": TableFacts(
        ms={"RoleID": Vendor(default=""), "HFID": Vendor(fk="")},
        pg={"RoleID": Vendor(null=True), "HFID": Vendor(fk="")},
        extra=(
            Extra("password", ms="varbinary(256)", pg="bytea"),
            Extra("DummyPwd", ms="nvarchar(25)", pg="varchar(25)"),
        ),
        pg_unique=("UserUUID",),
    ),
    "tblRole": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
    ),
    "tblRoleRight": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
    ),
    "tblUserRole": TableFacts(
        ms={
            "UserID": Vendor(fk="tblUsers.UserID ON UPDATE CASCADE ON DELETE CASCADE"),
            "RoleID": Vendor(fk="tblRole.RoleID ON UPDATE CASCADE ON DELETE CASCADE"),
            "ValidityFrom": Vendor(default=""),
        },
    ),
    "tblUsersDistricts": TableFacts(),
    "tblProduct": TableFacts(
        ms={
            "InsurancePeriod": Vendor(type="tinyint"),
            "DateFrom": Vendor(type="smalldatetime"),
            "DateTo": Vendor(type="smalldatetime"),
            "MemberCount": Vendor(type="int"),
            "PeriodRelPrices": Vendor(type="char(1)"),
            "PeriodRelPricesOP": Vendor(type="char(1)"),
            "PeriodRelPricesIP": Vendor(type="char(1)"),
            "CeilingInterpretation": Vendor(type="char(1)"),
            "Level1": Vendor(type="char(1)"),
            "Sublevel1": Vendor(type="char(1)"),
            "Level2": Vendor(type="char(1)"),
            "Sublevel2": Vendor(type="char(1)"),
            "Level3": Vendor(type="char(1)"),
            "Sublevel3": Vendor(type="char(1)"),
            "Level4": Vendor(type="char(1)"),
            "Sublevel4": Vendor(type="char(1)"),
            "Recurrence": Vendor(type="tinyint"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
        pg_unique=("ProdUUID",),
    ),
    "tblPolicy": TableFacts(
        ms={"PolicyStatus": Vendor(type="tinyint"), "PolicyStage": Vendor(type="char(1)")},
        extra=(
            Extra("RowID", ms="timestamp", pg="bytea"),
            Extra("RenewalOrder", ms="int", pg=None),
            Extra("SelfRenewed", ms="bit", pg=None, ms_null=False, ms_default="0"),
        ),
        pg_unique=("PolicyUUID",),
    ),
    "tblInsureePolicy": TableFacts(
        ms={
            "InsureePolicyID": Vendor(name="InsureePolicyId"),
            "InsureeID": Vendor(name="InsureeId"),
            "ValidityFrom": Vendor(null=True),
            "LegacyID": Vendor(name="LegacyId"),
            "AuditUserID": Vendor(null=True, name="AuditUserId"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="bytea", ms_name="RowId"),),
    ),
    "tblPremium": TableFacts(
        ms={"PayType": Vendor(type="char(1)"), "CreatedDate": Vendor(type="datetime", default="GETDATE()")},
        pg={"CreatedDate": Vendor(default="CURRENT_DATE")},
        extra=(
            Extra("RowID", ms="timestamp", pg="text"),
            Extra("OverviewCommissionReport", ms="datetime", pg=None),
            Extra("AllDetailsCommissionReport", ms="datetime", pg=None),
            Extra("ReportingCommissionID", ms="int", pg=None),
        ),
        pg_unique=("PremiumUUID",),
    ),
    "tblClaim": TableFacts(
        ms={
            "ClaimCode": Vendor(type="nvarchar(50)"),
            "DateFrom": Vendor(type="smalldatetime"),
            "DateTo": Vendor(type="smalldatetime"),
            "ICDID": Vendor(fk="tblICDCodes.ICDID"),
            "ClaimStatus": Vendor(type="tinyint"),
            "DateClaimed": Vendor(default="(getdate())"),
            "FeedbackStatus": Vendor(type="tinyint"),
            "ReviewStatus": Vendor(type="tinyint"),
            "ApprovalStatus": Vendor(type="tinyint"),
            "RejectionReason": Vendor(type="tinyint"),
            "ClaimAdminId": Vendor(fk="tblClaimAdmin.ClaimAdminId"),
            "VisitType": Vendor(type="char(1)"),
            "ClaimCategory": Vendor(type="char(1)"),
        },
        pg={
            "ICDID": Vendor(fk="tblICDCodes.ICDID"),
            "ClaimAdminId": Vendor(fk="tblClaimAdmin.ClaimAdminId"),
            "ICDID1": Vendor(fk="tblICDCodes.ICDID"),
            "ICDID2": Vendor(fk="tblICDCodes.ICDID"),
            "ICDID3": Vendor(fk="tblICDCodes.ICDID"),
            "ICDID4": Vendor(fk="tblICDCodes.ICDID"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
        pg_unique=("ClaimUUID",),
    ),
    "tblClaimItems": TableFacts(
        ms={
            "ClaimItemStatus": Vendor(type="tinyint"),
            "Limitation": Vendor(type="char(1)"),
            "PolicyID": Vendor(fk=""),
            "PriceOrigin": Vendor(type="char(1)"),
        },
    ),
    "tblClaimServices": TableFacts(
        ms={
            "ClaimServiceStatus": Vendor(type="tinyint"),
            "Limitation": Vendor(type="char(1)"),
            "PolicyID": Vendor(fk=""),
            "PriceOrigin": Vendor(type="char(1)"),
        },
    ),
    "tblItems": TableFacts(
        ms={
            "ItemType": Vendor(type="char(1)"),
            "ItemCareType": Vendor(type="char(1)"),
            "ItemPatCat": Vendor(type="tinyint"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
        pg_unique=("ItemUUID",),
    ),
    "tblServices": TableFacts(
        ms={
            "ServType": Vendor(type="char(1)"),
            "ServLevel": Vendor(type="char(1)"),
            "ServCareType": Vendor(type="char(1)"),
            "ServPatCat": Vendor(type="tinyint"),
            "ValidityFrom": Vendor(default="(getdate())"),
            "ServCategory": Vendor(type="char(1)"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
        pg_unique=("ServiceUUID",),
    ),
    "tblOfficer": TableFacts(
        ms={
            "OfficerIDSubst": Vendor(fk="tblOfficer.OfficerID (NOCHECK)"),
            "WorksTo": Vendor(type="smalldatetime"),
            "VEOPhone": Vendor(type="nvarchar(50)"),
        },
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
        pg_unique=("OfficerUUID",),
    ),
    "tblPhotos": TableFacts(
        ms={"CHFID": Vendor(type="nvarchar(50)")},
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
        pg_unique=("PhotoUUID",),
    ),
    "tblEducations": TableFacts(),
    "tblProfessions": TableFacts(),
    "tblRelations": TableFacts(),
    "tblFamilyTypes": TableFacts(),
    "tblConfirmationTypes": TableFacts(),
    "tblICDCodes": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
        pg={"ICDCode": Vendor(type="varchar(255)")},
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
    ),
    "tblClaimAdmin": TableFacts(
        ms={
            "ClaimAdminUUID": Vendor(default=""),
            "ValidityFrom": Vendor(null=True, default=""),
            "LegacyID": Vendor(name="LegacyId"),
        },
        extra=(Extra("RowId", ms="timestamp", pg="bytea"),),
        pg_unique=("ClaimAdminUUID",),
    ),
    "tblProductItems": TableFacts(
        ms={
            "LimitationType": Vendor(type="char(1)"),
            "PriceOrigin": Vendor(type="char(1)"),
            "ValidityFrom": Vendor(default=""),
            "LimitationTypeR": Vendor(type="char(1)"),
            "LimitationTypeE": Vendor(type="char(1)"),
        },
        pg={"LimitationType": Vendor(null=True), "PriceOrigin": Vendor(null=True)},
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
    ),
    "tblProductServices": TableFacts(
        ms={
            "LimitationType": Vendor(type="char(1)"),
            "PriceOrigin": Vendor(type="char(1)"),
            "ValidityFrom": Vendor(default=""),
            "LimitationTypeR": Vendor(type="char(1)"),
            "LimitationTypeE": Vendor(type="char(1)"),
        },
        pg={"LimitationType": Vendor(null=True), "PriceOrigin": Vendor(null=True)},
        extra=(Extra("RowID", ms="timestamp", pg="text"),),
    ),
    "tblPLItemsDetail": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
    ),
    "tblPLServicesDetail": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
        extra=(Extra("RowID", ms="timestamp", pg="bytea"),),
    ),
    "tblFeedback": TableFacts(
        ms={"Asessment": Vendor(type="tinyint")},
        pg_unique=("ClaimID", "FeedbackUUID"),
    ),
    "tblClaimDedRem": TableFacts(
        ms={"ValidityFrom": Vendor(default="")},
        pg={"InsureeID": Vendor(null=True)},
    ),
}
