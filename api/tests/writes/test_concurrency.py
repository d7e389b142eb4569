"""ETag / If-Match: a change made in between (by the API or by the legacy application's SQL) is a 412."""

import datetime

import pytest

from auth_bridge import testing as t
from legacy.models import Insuree
from legacy.services import etag
from legacy.tests import legacy_sql

from .client import counts, doc

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def member(tree):
    return t.insuree(t.family(tree.village), phone="1")


def _url(row):
    return f"/api/insurees/{row.uuid}"


def test_single_gets_carry_the_rows_etag(admin, member):
    status, _, response = admin.get(_url(member))
    assert status == 200 and response["ETag"] == f'"{etag(Insuree.objects.get(pk=member.pk))}"'
    status, _, related = admin.get(f"{_url(member)}/family")
    assert status == 200 and related["ETag"] == f'"{etag(member.family)}"'
    assert "ETag" not in admin.get("/api/insurees")[2]


def test_missing_if_match_is_428_and_writes_nothing(admin, member):
    before = counts()
    for status, document, _ in (
        admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid)),
        admin.delete(_url(member)),
    ):
        assert status == 428 and document["errors"][0]["status"] == "428"
    assert counts() == before


def test_if_match_can_be_made_optional(admin, member, settings):
    settings.API_REQUIRE_IF_MATCH = False
    status, _, _ = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid))
    assert status == 200 and Insuree.objects.get(pk=member.pk).phone == "2"
    stale = '"0000"'
    status, _, _ = admin.patch(_url(member), doc("insurees", {"phone": "3"}, id=member.uuid), stale)
    assert status == 412  # an If-Match that is sent is always checked


def test_stale_if_match_is_412_with_the_current_etag(admin, member):
    first = admin.etag(_url(member))
    status, _, response = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), first)
    assert status == 200
    second = response["ETag"]
    assert second != first and second == admin.etag(_url(member))
    before = counts()

    for status, document, response in (
        admin.patch(_url(member), doc("insurees", {"phone": "3"}, id=member.uuid), first),
        admin.delete(_url(member), first),
    ):
        assert status == 412 and response["ETag"] == second
        assert document["errors"][0]["status"] == "412"
    assert counts() == before and Insuree.objects.get(pk=member.pk).phone == "2"


def test_a_legacy_sql_update_between_get_and_patch_is_412(admin, member):
    tag = admin.etag(_url(member))
    # the legacy application changes the row meanwhile (its own statement pair, same visible values)
    legacy_sql.legacy_update(
        Insuree, member.pk, {"phone": "1"}, moment=datetime.datetime(2025, 1, 1, 8), audit_user_id=3
    )
    before = counts()

    status, _, response = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), tag)

    assert status == 412 and response["ETag"] == admin.etag(_url(member)) != tag
    assert counts() == before and Insuree.objects.get(pk=member.pk).phone == "1"
    status, _, _ = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), response["ETag"])
    assert status == 200


def test_weak_star_and_list_forms(admin, member):
    tag = admin.etag(_url(member))
    status, _, _ = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), f"W/{tag}")
    assert status == 412  # If-Match compares strongly: a weak tag never matches
    status, _, response = admin.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), f'"nope", {tag}')
    assert status == 200
    status, _, _ = admin.patch(_url(member), doc("insurees", {"phone": "3"}, id=member.uuid), "*")
    assert status == 200


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_write_reads_its_row_once_under_the_lock_and_hashes_each_version_once(clerk, member, method, monkeypatch):
    """PATCH/DELETE read the URL's row in ONE statement, the one that locks it, with the write gate in it
    (a scoped clerk); If-Match is checked against that row and the response's ETag is the written row's:
    one hash of each version."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from api import etags
    from legacy.services import history

    tag = clerk.etag(_url(member))
    hashed = []
    for module in (history, etags):
        real = module.etag
        monkeypatch.setattr(module, "etag", lambda row, real=real: hashed.append(row.pk) or real(row))
    with CaptureQueriesContext(connections["legacy"]) as queries:
        if method == "patch":
            status, _, response = clerk.patch(_url(member), doc("insurees", {"phone": "2"}, id=member.uuid), tag)
            assert status == 200 and response["ETag"] == f'"{etag(Insuree.objects.get(pk=member.pk))}"'
        else:
            status, _, _ = clerk.delete(_url(member), tag)
            assert status == 204
    assert hashed == [member.pk] * (2 if method == "patch" else 1)
    statements = [query["sql"] for query in queries.captured_queries]
    first_write = next(i for i, sql in enumerate(statements) if sql.startswith(("INSERT", "UPDATE")))
    reads = [sql for sql in statements[:first_write] if sql.startswith('SELECT "tblInsuree"."InsureeID"')]
    assert len(reads) == 1 and member.uuid in reads[0], reads  # the gate's lookup by id, once
    if connections["legacy"].vendor == "postgresql":
        assert "FOR UPDATE" in reads[0] and sum("FOR UPDATE" in sql for sql in statements) == 1
