"""The DBA's GRANT scripts, applied to a real PostgreSQL legacy schema and used by real logins."""

import os
import uuid

import dj_database_url
import psycopg
import pytest
from django.core.management import call_command

from legacy.schema import create_legacy_schema
from legacy.schema.spec import TABLES
from ops.grants import WRITTEN_TABLES, grant_script

from .swap import PG_SERVER, swapped

SERVER = dj_database_url.parse(f"{PG_SERVER}/postgres")
SUFFIX = f"{os.environ.get('TEST_DB_PREFIX', 'openimis')}_{os.getpid()}"
DATABASE, READER, WRITER = f"ops_grants_{SUFFIX}", f"ops_reader_{SUFFIX}", f"ops_writer_{SUFFIX}"


def connect(dbname="postgres", user=None):
    return psycopg.connect(
        host=SERVER["HOST"] or "127.0.0.1",
        port=SERVER["PORT"] or 5432,
        user=user or SERVER["USER"] or "postgres",
        dbname=dbname,
        autocommit=True,
        connect_timeout=5,
    )


@pytest.fixture(scope="module")
def legacy_pg(django_db_blocker):
    """A scratch PostgreSQL database with the legacy tables (our DDL) and the two logins."""
    with connect() as admin:
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
        for role in (READER, WRITER):
            admin.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        config = {**dj_database_url.parse(f"{PG_SERVER}/{DATABASE}"), "OPTIONS": {"connect_timeout": 5}}
        with django_db_blocker.unblock(), swapped("legacy", config) as connection:
            create_legacy_schema(connection)
        with connect(DATABASE) as owner:
            owner.execute(grant_script("postgresql", READER, read_write=False, database=DATABASE))
            owner.execute(grant_script("postgresql", WRITER, read_write=True, database=DATABASE))
        yield
    finally:
        with connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            for role in (READER, WRITER):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def _insert_location(conn):
    return conn.execute(
        'INSERT INTO "tblLocations" ("LocationUUID", "LocationType", "ValidityFrom") VALUES (%s, %s, now()) '
        'RETURNING "LocationId"',
        [str(uuid.uuid4()), "R"],
    ).fetchone()[0]


def test_the_reader_reads_every_legacy_table_and_writes_nothing(legacy_pg):
    with connect(DATABASE, READER) as conn:
        for table in TABLES:
            conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            _insert_location(conn)
        conn.execute("SET default_transaction_read_only = off")  # a session cannot talk its way out:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _insert_location(conn)


def test_the_writer_inserts_and_updates_the_written_tables_only(legacy_pg):
    with connect(DATABASE, WRITER) as conn:
        new_id = _insert_location(conn)  # serial key: USAGE on the sequence was granted
        conn.execute('UPDATE "tblLocations" SET "ValidityTo" = now() WHERE "LocationId" = %s', [new_id])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute('DELETE FROM "tblLocations" WHERE "LocationId" = %s', [new_id])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute('UPDATE "tblUsers" SET "LanguageID" = %s', ["en"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute('ALTER TABLE "tblLocations" ADD COLUMN "Extra" integer')
        for name in WRITTEN_TABLES:  # row locks of the history writer need UPDATE rights
            conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1 FOR UPDATE')


def test_the_sql_server_script_names_every_table_and_grants_delete_only_on_claim_bookings(capsys):
    call_command("legacy_grants", "--vendor", "microsoft", "--login", "adapter_rw", "--read-write")
    script = capsys.readouterr().out
    for table in TABLES:
        assert f"GRANT SELECT ON [dbo].[{table.name}] TO [adapter_rw];" in script
    for name in WRITTEN_TABLES:
        assert f"GRANT INSERT, UPDATE ON [dbo].[{name}] TO [adapter_rw];" in script
    deletes = [line for line in script.splitlines() if "DELETE" in line]
    assert deletes == ["GRANT DELETE ON [dbo].[tblClaimDedRem] TO [adapter_rw];"]  # Step2's booking rows only
    assert "ALTER" not in script and "CONTROL" not in script
    call_command("legacy_grants", "--vendor", "microsoft", "--login", "adapter_ro")
    assert "INSERT" not in capsys.readouterr().out


def test_the_dba_guide_names_every_legacy_table_and_the_written_ones():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[2] / "docs" / "dba.md").read_text()
    for table in TABLES:
        assert f"`{table.name}`" in guide
    assert ", ".join(f"`{name}`" for name in WRITTEN_TABLES) in guide.replace("\n  ", " ")
