"""check_legacy_schema on indexes: each access path our queries rely on, on a database built by our DDL.

Each test changes the test database inside its transaction (DDL is transactional on SQLite and
PostgreSQL), so the rollback restores the schema our DDL built.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from legacy.schema import catalog
from legacy.schema.access_paths import access_paths
from legacy.schema.spec import TABLES

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

ADVICE = "a DBA could run: "


def _check(*args):
    out = io.StringIO()
    try:
        call_command("check_legacy_schema", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def _execute(*statements):
    with connections["legacy"].cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def test_the_paths_name_every_kind_the_queries_rely_on():
    paths = {(path.table, path.columns): path.kind for path in access_paths()}
    assert paths[("tblInsuree", ("ValidityTo",))] == "current"
    assert paths[("tblInsuree", ("FamilyID",))] == "linkage"  # family members
    assert paths[("tblFamilies", ("LocationId",))] == "linkage"  # also the district scoping
    assert paths[("tblClaim", ("HFID",))] == "linkage"
    assert paths[("tblOfficer", ("LocationId",))] == "scoping"
    assert paths[("tblInsuree", ("LegacyID",))] == "history"
    assert paths[("tblInsuree", ("ValidityFrom", "InsureeID"))] == "changes"  # the change feed's order
    assert paths[("tblFamilies", ("ValidityFrom", "FamilyID"))] == "changes"
    assert ("tblGender", ("ValidityTo",)) not in paths  # reference tables have no validity columns


def test_the_official_indexes_serve_the_linkage_and_scoping_paths_and_the_rest_is_advice():
    code, out = _check()
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("warn ")]
    # The PostgreSQL port has no index on ValidityTo or LegacyID; every foreign-key path has one.
    assert "warn tblInsuree (ValidityTo): current rows (ValidityTo IS NULL): no index serves it" in out
    assert "warn tblInsuree (LegacyID): history rows by LegacyID" in out
    assert "warn tblInsuree (ValidityFrom, InsureeID): change feed by ValidityFrom, id: no index serves it" in out
    linkage = {str(path) for path in access_paths() if path.kind == "linkage"}
    assert not [line for line in warnings if any(line.startswith(f"warn {path}:") for path in linkage)]
    # ... nor on tblOfficer.LocationId, which the officer scoping reads.
    assert "warn tblOfficer (LocationId): scoping by LocationId: no index serves it" in out
    assert all(ADVICE in line for line in warnings)


def test_a_dropped_index_is_a_warning_with_its_create_index_and_strict_turns_it_into_exit_1():
    _execute('DROP INDEX "tblInsuree_FamilyID_idx"')
    code, out = _check()
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("warn tblInsuree (FamilyID)"))
    assert "tblFamilies -> members by FamilyID" in line
    assert line.endswith('CREATE INDEX "ix_tblInsuree_FamilyID" ON "tblInsuree" ("FamilyID");')
    code, _ = _check("--strict")
    assert code == 1


def test_running_the_advised_statements_leaves_no_warning_and_strict_passes():
    code, out = _check("--strict")
    assert code == 1
    advised = [line.split(ADVICE, 1)[1] for line in out.splitlines() if line.startswith("warn ")]
    assert advised
    _execute(*advised)
    code, out = _check("--strict")
    assert code == 0, out
    assert "every access path has an index" in out


def test_the_check_writes_nothing():
    connection = connections["legacy"]
    before = {table.name: sorted(map(str, catalog.indexes(connection, table.name))) for table in TABLES}
    _check("--strict")
    assert {table.name: sorted(map(str, catalog.indexes(connection, table.name))) for table in TABLES} == before


def test_a_missing_table_is_one_error_line_and_exit_1_without_index_warnings_for_it():
    cascade = " CASCADE" if connections["legacy"].vendor == "postgresql" else ""
    _execute(f'DROP TABLE "tblPhotos"{cascade}')
    code, out = _check()
    assert code == 1
    assert out.count("tblPhotos: table is missing") == 1
    assert "warn tblPhotos" not in out


def _unserved_by_the_official_schema(vendor):
    from legacy.schema.indexes import table_indexes
    from legacy.schema.spec import TABLES_BY_NAME

    return {
        (path.table, path.columns)
        for path in access_paths()
        if not any(path.served_by(index.columns) for index in table_indexes(TABLES_BY_NAME[path.table], vendor))
    }


def test_what_each_official_schema_leaves_to_the_dba_as_docs_dba_md_says():
    """The PostgreSQL port indexes every foreign key but not ValidityTo/LegacyID; SQL Server's scripts lack
    most foreign-key indexes (its clustered (id, ValidityTo) layout serves lookups by id only)."""
    postgresql, microsoft = (
        _unserved_by_the_official_schema("postgresql"),
        _unserved_by_the_official_schema("microsoft"),
    )
    assert ("tblInsuree", ("FamilyID",)) not in postgresql
    assert ("tblInsuree", ("FamilyID",)) in microsoft
    assert ("tblFamilies", ("LocationId",)) in microsoft
    assert ("tblInsureePolicy", ("InsureeID",)) not in microsoft  # NCI_tblInsureePolicy_InsureeID
    assert ("tblUsers", ("ValidityTo",)) not in microsoft  # NCI_tblUsers_UserUUID leads with ValidityTo
    assert ("tblInsuree", ("ValidityTo",)) in microsoft and ("tblInsuree", ("ValidityTo",)) in postgresql
    assert ("tblInsuree", ("LegacyID",)) in microsoft and ("tblInsuree", ("LegacyID",)) in postgresql
    feed = ("tblInsuree", ("ValidityFrom", "InsureeID"))
    assert feed in microsoft and feed in postgresql
