"""LEGACY_READ_ONLY: the guard on the legacy connection refuses every write, on the real databases."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test import override_settings
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from legacy.models import Education, Gender
from ops.readonly import LegacyReadOnlyError, check_legacy_writable, is_legacy_read_only, is_write

from .swap import postgres_config, swapped

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def read_only(settings):
    settings.LEGACY_READ_ONLY = True


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "Code" FROM "tblGender" WHERE "Code" = %s',
        "select 1",
        "  /* note */ SELECT 'INSERT INTO x' AS text",
        'SELECT "x" FROM "tblInsuree" FOR UPDATE',
        'SELECT "x" FROM "tblInsuree" FOR NO KEY UPDATE',
        "WITH t AS (SELECT 1) SELECT * FROM t",
        "EXPLAIN SELECT 1",
        "SAVEPOINT s1",
        "RELEASE SAVEPOINT s1",
        "ROLLBACK TO SAVEPOINT s1",
        "SAVE TRANSACTION s1",
        "PRAGMA table_info(tblGender)",
        "",
    ],
)
def test_reads_and_transaction_control_are_not_writes(sql):
    assert not is_write(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "tblGender" ("Code") VALUES (%s)',
        'update "tblInsuree" SET "LastName" = %s',
        "DELETE FROM tblInsuree",
        "MERGE INTO tblInsuree USING x ON 1=1 WHEN MATCHED THEN DELETE",
        "-- comment\nTRUNCATE tblInsuree",
        "CREATE TABLE t (id int)",
        "ALTER TABLE tblInsuree ADD x int",
        "DROP TABLE tblInsuree",
        "WITH t AS (SELECT 1) DELETE FROM tblInsuree",
        "SELECT * INTO tblCopy FROM tblInsuree",
        "EXPLAIN ANALYZE DELETE FROM tblInsuree",
        "EXEC uspDeleteInsuree 1",
        "CALL cleanup()",
        "GRANT SELECT ON tblInsuree TO x",
        "DECLARE @x int",
        "BEGIN; DELETE FROM tblInsuree",
        "SELECT 1; VACUUM",
        "SET NOCOUNT ON; UPDATE tblInsuree SET x = 1",
    ],
)
def test_writes_ddl_and_unknown_statements_are_writes(sql):
    assert is_write(sql)


def test_helper_follows_the_setting(settings):
    settings.LEGACY_READ_ONLY = False
    assert is_legacy_read_only() is False
    settings.LEGACY_READ_ONLY = True
    assert is_legacy_read_only() is True


def test_orm_writes_to_legacy_are_refused_and_nothing_changes(read_only, settings):
    settings.LEGACY_READ_ONLY = False
    Gender.objects.create(code="M", name="Male")
    settings.LEGACY_READ_ONLY = True
    writes = [
        lambda: Gender.objects.create(code="F", name="Female"),
        lambda: Gender.objects.filter(code="M").update(name="Changed"),
        lambda: Gender.objects.filter(code="M").delete(),
        lambda: Education.objects.bulk_create([Education(id=1, name="None")]),
    ]
    for write in writes:
        # Each in its own savepoint, as a write view would be: the refusal rolls back only that block.
        with pytest.raises(LegacyReadOnlyError, match="LEGACY_READ_ONLY"), transaction.atomic(using="legacy"):
            write()
    assert list(Gender.objects.values_list("code", "name")) == [("M", "Male")]
    assert not Education.objects.exists()


def test_raw_sql_and_ddl_on_legacy_are_refused(read_only):
    for sql in ('DELETE FROM "tblGender"', "CREATE TABLE ops_probe (id integer)"):
        with pytest.raises(LegacyReadOnlyError), transaction.atomic(using="legacy"):
            with connections["legacy"].cursor() as cursor:
                cursor.execute(sql)
    assert "ops_probe" not in connections["legacy"].introspection.table_names()


def test_reads_and_transactions_on_legacy_still_work(read_only):
    with transaction.atomic(using="legacy"):
        with transaction.atomic(using="legacy"):  # a savepoint
            assert list(Gender.objects.all()) == []


def test_the_state_database_is_not_affected(read_only):
    get_user_model().objects.create_user("clerk", password="x")
    assert get_user_model().objects.filter(username="clerk").exists()


def test_writes_to_legacy_work_when_the_mode_is_off(settings):
    settings.LEGACY_READ_ONLY = False
    Gender.objects.create(code="F", name="Female")
    assert Gender.objects.get(code="F").name == "Female"


def test_every_new_legacy_connection_is_guarded(read_only):
    with swapped("legacy", postgres_config()) as connection:
        with pytest.raises(LegacyReadOnlyError), connection.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE ops_probe (id integer)")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)


def test_postgresql_itself_refuses_writes_in_read_only_mode(settings):
    """Second line of defence: the session is read-only on the server, even past the guard."""
    settings.LEGACY_READ_ONLY = False  # the guard lets the statement through; the server must refuse it
    with swapped("legacy", postgres_config(read_only=True)) as connection:
        with pytest.raises(Exception, match="read-only transaction"), connection.cursor() as cursor:
            cursor.execute("CREATE TABLE ops_probe (id integer)")


def _write_gender(request):
    with transaction.atomic(using="legacy"):
        Gender.objects.create(code="X", name="Other")
    raise AssertionError("the write went through")


class _GenderView(APIView):
    """How a write view uses the helper: refuse before touching anything."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"count": Gender.objects.count()})

    def post(self, request):
        check_legacy_writable(request)
        Gender.objects.create(code="Y", name="Other")
        return Response(status=201)


urlpatterns = [path("write", _write_gender), path("genders", _GenderView.as_view())]


@override_settings(ROOT_URLCONF=__name__)
def test_a_write_reaching_the_guard_in_a_request_is_a_jsonapi_405(read_only, client):
    response = client.post("/write")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/vnd.api+json"
    assert response.json()["errors"][0]["code"] == "legacy_read_only"
    assert not Gender.objects.filter(code="X").exists()


def test_write_views_answer_405_through_the_helper_and_reads_still_work(settings, client):
    settings.ROOT_URLCONF = __name__
    settings.LEGACY_READ_ONLY = True
    refused = client.post("/genders", {}, content_type="application/json")
    assert refused.status_code == 405
    assert "read-only" in refused.content.decode()
    assert "GET" in refused["Allow"]
    assert client.get("/genders").status_code == 200
    assert not Gender.objects.filter(code="Y").exists()
    settings.LEGACY_READ_ONLY = False
    assert client.post("/genders", {}, content_type="application/json").status_code == 201


def test_check_legacy_schema_runs_under_the_guard(read_only):
    """The DBA's pre-flight check only reads, so it works with LEGACY_READ_ONLY and a read-only login."""
    from django.core.management import call_command

    call_command("check_legacy_schema", stdout=open(os.devnull, "w"))
