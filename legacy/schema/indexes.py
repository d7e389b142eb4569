"""The indexes of the official openIMIS schemas on the tables we map, per vendor (legacy-schema.md §2).

Primary keys, the PostgreSQL port's UUID uniques and the foreign keys are table facts (`spec`); this module
holds every other index, with the column order and uniqueness of the official scripts:

* PostgreSQL port (`database scripts/00_dump.sql`): one btree index per foreign-key column, Django style;
  a varchar one also has a `varchar_pattern_ops` twin (for LIKE 'prefix%'). SQLite gets the same set, less
  the twins (SQLite has no operator classes).
* SQL Server (`sql/migrations/1_migration_latest.sql`, `sql/base/6_bundle_stored_procedures.sql`): the
  OP-154 block clusters six tables on (id, ValidityTo) and keeps their primary key NONCLUSTERED, then the
  non-clustered indexes of the migration scripts. The partition scheme `liveArchive(ValidityTo)` those
  clustered indexes sit on is left out (a demo database has no partition function); the key order is kept.

A new mapped table adds its PostgreSQL foreign-key columns to `PG_INDEXED` and any SQL Server index to
`MS_INDEXES` (issue 15).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Index:
    table: str
    columns: tuple
    name: str
    unique: bool = False
    include: tuple = ()
    where: str | None = None  # a filtered index (SQL Server), in T-SQL
    clustered: bool = False
    primary: bool = False
    pattern_ops: bool = False  # PostgreSQL varchar_pattern_ops twin


# One btree index per column (PostgreSQL port, SQLite).
PG_INDEXED = {
    "tblClaim": (
        "Adjuster",
        "ClaimAdminId",
        "HFID",
        "ICDID",
        "ICDID1",
        "ICDID2",
        "ICDID3",
        "ICDID4",
        "InsureeID",
        "RunID",
    ),
    "tblClaimAdmin": ("HFId",),
    "tblClaimDedRem": ("ClaimID", "InsureeID", "PolicyID"),
    "tblClaimItems": ("ClaimID", "ItemID", "PolicyID", "ProdID"),
    "tblClaimServices": ("ClaimID", "PolicyID", "ProdID", "ServiceID"),
    "tblFamilies": ("ConfirmationType", "FamilyType", "LocationId"),
    "tblHF": ("HFSublevel", "LegalForm", "LocationId", "PLItemID", "PLServiceID"),
    "tblInsuree": ("Education", "FamilyID", "Gender", "HFID", "PhotoID", "Profession", "Relationship"),
    "tblInsureePolicy": ("InsureeID", "PolicyId"),
    "tblLocations": ("ParentLocationId",),
    "tblOfficer": ("OfficerIDSubst",),
    "tblPLItemsDetail": ("ItemID", "PLItemID"),
    "tblPLServicesDetail": ("ServiceID",),
    "tblPolicy": ("FamilyID", "OfficerID", "ProdID"),
    "tblPremium": ("PayerID", "PolicyID"),
    "tblProduct": ("ConversionProdID", "LocationId"),
    "tblProductItems": ("ItemID", "ProdID"),
    "tblProductServices": ("ProdID", "ServiceID"),
    "tblRoleRight": ("RoleID",),
    "tblUserRole": ("RoleID", "UserID"),
    "tblUsers": ("LanguageID",),
    "tblUsersDistricts": ("LocationId", "UserID"),
}

# SQL Server: the tables OP-154 clusters on (id, ValidityTo), their primary key made NONCLUSTERED.
MS_CLUSTERED = {
    "tblClaim": Index("tblClaim", ("ClaimID", "ValidityTo"), "CI_tblClaimValid", unique=True, clustered=True),
    "tblClaimItems": Index(
        "tblClaimItems", ("ClaimItemID", "ValidityTo"), "CI_tblClaimItemsValid", unique=True, clustered=True
    ),
    "tblClaimServices": Index(
        "tblClaimServices", ("ClaimServiceID", "ValidityTo"), "CI_tblClaimServicesValid", unique=True, clustered=True
    ),
    "tblFamilies": Index("tblFamilies", ("FamilyID", "ValidityTo"), "CI_tblFamiliesValid", unique=True, clustered=True),
    "tblInsuree": Index("tblInsuree", ("InsureeID", "ValidityTo"), "CI_tblInsureeValid", unique=True, clustered=True),
    "tblLocations": Index(
        "tblLocations", ("ValidityTo", "LocationType", "LocationId"), "CI_tblLocations", unique=True, clustered=True
    ),
}


def _locations_by_type(letter):
    return Index(
        "tblLocations",
        ("LocationId", "LocationCode"),
        f"NCI_{letter}_tblLocations",
        include=("LocationName", "ParentLocationId"),
        where=f"[ValidityTo] IS NULL AND [LocationType] = '{letter}'",
    )


_CLAIM_BY_STATUS = ("ClaimStatus", "ValidityTo", "DateProcessed")

# SQL Server: the non-clustered indexes of the migration and bundle scripts, as written there.
MS_INDEXES = (
    Index("tblUsersDistricts", ("UserID", "LocationId"), "NCI_A_tblUsersDistricts"),
    Index("tblHF", ("ValidityTo",), "NCI_HF_ValidityTo"),
    *(_locations_by_type(letter) for letter in "MRVW"),
    Index("tblClaim", ("DateProcessed",), "NCI_tblClaim_DateProcessed"),
    Index("tblInsureePolicy", ("InsureeID",), "NCI_tblInsureePolicy_InsureeID"),
    Index("tblInsureePolicy", ("PolicyId",), "NCI_tblInsureePolicy_PolicyID"),
    Index("tblUsersDistricts", ("ValidityTo", "UserID"), "NCI_tblUserDistrict_UserID"),
    Index("tblUsersDistricts", ("LocationId", "ValidityTo"), "NCI_tblUserDistrict_locationId", include=("UserID",)),
    Index("tblUserRole", ("ValidityTo", "UserID"), "NCI_tblUserRoles_UserID"),
    Index("tblUsers", ("ValidityTo", "UserUUID"), "NCI_tblUsers_UserUUID"),
    Index(
        "tblInsureePolicy",
        ("InsureeID", "PolicyId"),
        "missing_index_181",
        include=("EffectiveDate", "ExpiryDate", "ValidityTo"),
    ),
    Index("tblInsureePolicy", ("EffectiveDate", "ValidityTo"), "missing_index_203", include=("PolicyId",)),
    Index("tblClaim", _CLAIM_BY_STATUS, "missing_index_215", include=("ClaimCode",)),
    Index(
        "tblClaim",
        ("ClaimStatus", "ReviewStatus", "ValidityTo", "DateProcessed"),
        "missing_index_218",
        include=("ClaimCode",),
    ),
    Index(
        "tblClaim", ("ClaimStatus", "ValidityTo", "HFID", "DateProcessed"), "missing_index_242", include=("ClaimCode",)
    ),
    Index(
        "tblClaim",
        ("ClaimStatus", "ValidityTo", "HFID", "DateProcessed"),
        "missing_index_245",
        include=("ClaimCode", "Claimed"),
    ),
    Index("tblInsureePolicy", ("InsureeID", "ValidityTo", "EffectiveDate", "ExpiryDate"), "missing_index_250"),
    Index("tblClaim", _CLAIM_BY_STATUS, "missing_index_306"),
    Index("tblInsureePolicy", ("PolicyId", "ValidityTo", "EffectiveDate", "ExpiryDate"), "missing_index_356"),
    Index("tblClaim", ("ClaimStatus", "DateProcessed"), "missing_index_4896"),
    Index("tblClaim", _CLAIM_BY_STATUS, "missing_index_50", include=("ICDID",)),
    Index(
        "tblInsureePolicy",
        ("ValidityTo", "EffectiveDate", "ExpiryDate"),
        "tblInsureePolicy_ValidityTo_EffectiveDate_ExpiryDate",
        include=("InsureeID", "PolicyId"),
    ),
)


def pg_indexes(table, *, with_pattern_ops):
    """The PostgreSQL port's secondary indexes of `table` (a `spec.Table`); SQLite's without the twins."""
    indexes = []
    for name in PG_INDEXED.get(table.name, ()):
        indexes.append(Index(table.name, (name,), f"{table.name}_{name}_idx"))
        if with_pattern_ops and (table.column(name).pg or "").startswith("varchar"):
            indexes.append(Index(table.name, (name,), f"{table.name}_{name}_like", pattern_ops=True))
    return indexes


def ms_indexes(table):
    """SQL Server's secondary indexes of `table`: its (id, ValidityTo) clustered index first, if any."""
    clustered = [MS_CLUSTERED[table.name]] if table.name in MS_CLUSTERED else []
    return clustered + [index for index in MS_INDEXES if index.table == table.name]


def table_indexes(table, vendor):
    """Every index and key `vendor`'s official schema has on `table`: primary key, uniques, then the others."""
    if vendor == "microsoft":
        primary = Index(
            table.name,
            (table.pk,),
            f"PK_{table.name}",
            unique=True,
            primary=True,
            clustered=table.name not in MS_CLUSTERED,
        )
        return [primary, *ms_indexes(table)]
    primary = Index(table.name, (table.pk,), f"{table.name}_pkey", unique=True, primary=True)
    uniques = [Index(table.name, (name,), f"{table.name}_{name}_key", unique=True) for name in table.pg_unique]
    return [primary, *uniques, *pg_indexes(table, with_pattern_ops=vendor == "postgresql")]
