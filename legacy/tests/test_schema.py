"""The legacy schema: never migrated, built by our DDL, checked by check_legacy_schema."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from legacy.schema import LegacySchemaExists, create_legacy_schema, existing_legacy_tables
from legacy.schema.compat import compare, legacy_models
from legacy.schema.ddl import VENDORS, create_statements, script
from legacy.schema.spec import TABLES

pytestmark = pytest.mark.django_db(databases=["default", "legacy"], transaction=True)


def _tables(alias):
    connection = connections[alias]
    with connection.cursor() as cursor:
        return {name.lower() for name in connection.introspection.table_names(cursor)}


def test_migrate_creates_no_legacy_table_on_either_alias():
    legacy_tables = {model._meta.db_table.lower() for model in legacy_models()}
    before = _tables("legacy")
    for alias in ("default", "legacy"):
        call_command("migrate", database=alias, verbosity=0, interactive=False)
    assert not (_tables("default") & legacy_tables)
    # `legacy` only has what our DDL built: migrate added no table of any app there.
    assert _tables("legacy") - before <= {"django_migrations"}
    assert not any(
        name.startswith(("auth_", "django_content", "guardian", "auth_bridge")) for name in _tables("legacy")
    )


def test_every_model_is_unmanaged_and_routed_to_legacy():
    from django.db import router

    for model in legacy_models():
        assert model._meta.managed is False, model
        assert router.db_for_read(model) == "legacy"
        assert router.db_for_write(model) == "legacy"
        assert router.allow_migrate_model("legacy", model) is False
        assert router.allow_migrate_model("default", model) is False


def test_schema_create_refuses_when_tables_exist():
    connection = connections["legacy"]
    assert len(existing_legacy_tables(connection)) == len(TABLES)
    with pytest.raises(LegacySchemaExists):
        create_legacy_schema(connection)
    with pytest.raises(CommandError, match="Refusing"):
        call_command("legacy_schema", "create")


@pytest.mark.parametrize("vendor", VENDORS)
def test_ddl_renders_every_table_for_every_vendor(vendor):
    statements = create_statements(vendor)
    created = [s for s in statements if s.startswith("CREATE TABLE")]
    assert len(created) == len(TABLES)
    text = script(vendor)
    if vendor == "microsoft":
        assert "[InsureeID] int IDENTITY(1,1) NOT NULL" in text
        assert "[RowID] timestamp NULL" in text
        assert "[InsureeUUID] uniqueidentifier NOT NULL DEFAULT (newid())" in text
        assert "[RenewalOrder] int NULL" in text  # SQL Server only
        assert "WITH NOCHECK ADD CONSTRAINT [FK_tblFamilies_tblInsuree_InsureeID]" in text
    if vendor == "postgresql":
        assert '"InsureeID" serial NOT NULL' in text
        assert '"InsureeUUID" varchar(36) NOT NULL' in text
        assert "RenewalOrder" not in text  # absent in the PG port
        assert 'UNIQUE ("InsureeUUID")' in text and 'UNIQUE ("RoleUUID")' not in text
        assert "DEFERRABLE INITIALLY DEFERRED" in text


def test_check_legacy_schema_passes_on_our_ddl():
    out = io.StringIO()
    call_command("check_legacy_schema", stdout=out)
    assert "compatible with every mapped column" in out.getvalue()
    assert compare(connections["legacy"]) == []


def _alter(sql_by_vendor):
    connection = connections["legacy"]
    with connection.cursor() as cursor:
        for statement in sql_by_vendor[connection.vendor]:
            cursor.execute(statement)


def _recreate_legacy_schema():
    connection = connections["legacy"]
    with connection.cursor() as cursor:
        for table in reversed(TABLES):
            cursor.execute(f'DROP TABLE "{table.name}"' + (" CASCADE" if connection.vendor == "postgresql" else ""))
    create_legacy_schema(connection)


def test_check_legacy_schema_fails_on_a_dropped_column():
    _alter(
        {
            "postgresql": ['ALTER TABLE "tblInsuree" DROP COLUMN "Phone"'],
            "sqlite": ['ALTER TABLE "tblInsuree" DROP COLUMN "Phone"'],
        }
    )
    try:
        out = io.StringIO()
        with pytest.raises(CommandError) as raised:
            call_command("check_legacy_schema", stdout=out)
        assert raised.value.returncode == 1
        assert "tblInsuree.Phone: column is missing" in out.getvalue()
        assert "FAIL tblInsuree" in out.getvalue()
    finally:
        _recreate_legacy_schema()


def test_check_legacy_schema_fails_on_a_changed_type_and_a_shorter_column():
    _alter(
        {
            "postgresql": [
                'ALTER TABLE "tblInsuree" ALTER COLUMN "DOB" TYPE varchar(20)',
                'ALTER TABLE "tblFamilies" ALTER COLUMN "FamilyAddress" TYPE varchar(20)',
            ],
            "sqlite": [
                'ALTER TABLE "tblInsuree" DROP COLUMN "DOB"',
                'ALTER TABLE "tblInsuree" ADD COLUMN "DOB" varchar(20) NULL',
                'ALTER TABLE "tblFamilies" DROP COLUMN "FamilyAddress"',
                'ALTER TABLE "tblFamilies" ADD COLUMN "FamilyAddress" varchar(20) NULL',
            ],
        }
    )
    try:
        problems = [str(problem) for problem in compare(connections["legacy"])]
        assert "tblInsuree.DOB: type CharField is incompatible with DateField" in problems
        assert "tblFamilies.FamilyAddress: holds 20 characters, the model writes up to 200" in problems
    finally:
        _recreate_legacy_schema()


def test_column_name_case_matters_only_where_the_database_makes_it_matter():
    """PostgreSQL quotes identifiers case-sensitively (LegacyId != LegacyID); SQLite and SQL Server do not."""
    connection = connections["legacy"]
    rename = ['ALTER TABLE "tblInsuree" RENAME COLUMN "LegacyID" TO "LegacyId"']
    _alter({"postgresql": rename, "sqlite": rename})
    try:
        problems = [str(problem) for problem in compare(connection)]
        if connection.vendor == "postgresql":
            assert problems == ["tblInsuree.LegacyID: column is missing (found LegacyId)"]
        else:
            assert problems == []
    finally:
        _recreate_legacy_schema()
