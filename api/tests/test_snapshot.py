"""filter[asOf] on include, linkage, detail, related and relationship endpoints: one consistent past snapshot."""

import datetime

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from legacy.models import Insuree

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
MOVED = datetime.datetime(2022, 1, 1)
BEFORE, AFTER = "2021-06-01T00:00:00", "2023-01-01"


@pytest.fixture
def moved():
    """A family that moved from village A to B in 2022 (address changed); a member joined in 2022 and
    the other member left (deleted) then."""
    village_a, village_b = builders.location_tree()[3], builders.location_tree()[3]
    fam = builders.family(village_a, members=2, family_address="Old road")
    leaver = Insuree.objects.get(family=fam, is_head=False)
    old_family = builders.new_version(fam, MOVED, location=village_b, family_address="New road")
    old_leaver = builders.new_version(leaver, MOVED)
    Insuree.objects.filter(pk=leaver.pk).update(validity_to=MOVED)
    joiner = builders.insuree(fam)
    Insuree.objects.filter(pk=joiner.pk).update(validity_from=MOVED)
    return fam, old_family, old_leaver, joiner, village_a, village_b


def test_included_rows_and_linkage_are_the_versions_of_that_moment(api, moved):
    fam, old_family, old_leaver, joiner, village_a, _ = moved
    doc = api.get(f"/api/insurees?filter[asOf]={BEFORE}&include=family.location&filter[family]={fam.uuid}")
    assert {i["id"] for i in doc["data"]} == {fam.head.uuid, old_leaver.uuid}  # the joiner did not exist yet
    included = {(i["type"], i["id"]): i for i in doc["included"]}
    family = included[("families", old_family.uuid)]
    assert family["attributes"]["familyAddress"] == "Old road"
    assert family["relationships"]["location"]["data"] == {"type": "locations", "id": village_a.uuid}
    assert ("locations", village_a.uuid) in included
    assert {i["relationships"]["family"]["data"]["id"] for i in doc["data"]} == {old_family.uuid}
    members = api.get(f"/api/families?filter[asOf]={BEFORE}&filter[location]={village_a.uuid}")["data"]
    assert [m["id"] for m in members[0]["relationships"]["members"]["data"]] == [fam.head.uuid, old_leaver.uuid]


def test_related_and_relationship_endpoints_read_the_snapshot(api, moved):
    fam, old_family, old_leaver, joiner, village_a, village_b = moved
    for family_id in (fam.uuid, old_family.uuid):  # the entity's id and the version's own id
        related = api.get(f"/api/families/{family_id}/members?filter[asOf]={BEFORE}")
        assert [i["id"] for i in related["data"]] == [fam.head.uuid, old_leaver.uuid]
    now = api.get(f"/api/families/{fam.uuid}/members")
    assert [i["id"] for i in now["data"]] == [fam.head.uuid, joiner.uuid]
    location = api.get(f"/api/families/{fam.uuid}/relationships/location?filter[asOf]={BEFORE}")
    assert location["data"] == {"type": "locations", "id": village_a.uuid}
    assert api.get(f"/api/families/{fam.uuid}/relationships/location")["data"]["id"] == village_b.uuid
    family = api.get(f"/api/insurees/{old_leaver.uuid}/family?filter[asOf]={BEFORE}")
    assert family["data"]["id"] == old_family.uuid and family["data"]["attributes"]["familyAddress"] == "Old road"
    detail = api.get(f"/api/families/{fam.uuid}?filter[asOf]={BEFORE}&include=members")
    assert detail["data"]["id"] == old_family.uuid
    assert {i["id"] for i in detail["included"]} == {fam.head.uuid, old_leaver.uuid}
    api.get(f"/api/insurees/{joiner.uuid}/family?filter[asOf]={BEFORE}", status=404)  # it did not exist then
    api.get(f"/api/insurees/{joiner.uuid}/family?filter[asOf]={AFTER}")


def test_a_snapshot_stays_in_the_callers_scope(scoped_world, callers):
    w = scoped_world
    clerk = callers["clerk"]
    doc = clerk.get("/api/families?filter[asOf]=2021-01-01&include=members,location")
    assert {i["id"] for i in doc["data"]} == {w.a.family.uuid}
    assert {i["id"] for i in doc["included"] if i["type"] == "insurees"} <= {w.a.head.uuid, w.a.member.uuid}
    clerk.get(f"/api/families/{w.b.family.uuid}/members?filter[asOf]=2021-01-01", status=404)
    claims = clerk.get("/api/claims?filter[asOf]=2021-01-01&include=insuree")
    assert w.b.head.uuid not in {i["id"] for i in claims.get("included", [])}


def test_the_statement_count_of_a_snapshot_page_does_not_depend_on_its_size(api):
    for _ in range(4):
        builders.family(members=2)
    counts = []
    for size in (1, 4):
        with CaptureQueriesContext(connections["legacy"]) as legacy:
            api.get(f"/api/insurees?filter[asOf]={AFTER}&include=family.location&page[size]={size}")
        counts.append(len(legacy))
    assert counts[0] == counts[1]
