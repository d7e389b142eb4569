"""Aggregates: equal to hand-written SQL counts, through the gate, as of a past moment, in every format."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings

from legacy.models import Insuree, Premium

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
DISTRICT = "family.location.parent.parent"


def sql_counts():
    """Current insurees per (gender, district), written as SQL against the legacy tables."""
    q = connections["legacy"].ops.quote_name
    statement = f"""
        SELECT i.{q("Gender")}, d.{q("LocationUUID")}, COUNT(*)
        FROM {q("tblInsuree")} i
        JOIN {q("tblFamilies")} f ON f.{q("FamilyID")} = i.{q("FamilyID")}
        JOIN {q("tblLocations")} v ON v.{q("LocationId")} = f.{q("LocationId")}
        JOIN {q("tblLocations")} w ON w.{q("LocationId")} = v.{q("ParentLocationId")}
        JOIN {q("tblLocations")} d ON d.{q("LocationId")} = w.{q("ParentLocationId")}
        WHERE i.{q("ValidityTo")} IS NULL
        GROUP BY i.{q("Gender")}, d.{q("LocationUUID")}"""
    with connections["legacy"].cursor() as cursor:
        cursor.execute(statement)
        return {(gender, district.lower()): count for gender, district, count in cursor.fetchall()}


def world():
    builders.gender("F", "Female")
    trees = [builders.location_tree() for _ in range(2)]
    for index, (_, _, _, village) in enumerate(trees):
        for members in range(1, 3 + index):
            fam = builders.family(village, members=members)
            Insuree.objects.filter(family=fam, is_head=False).update(gender_id="F")
    return trees


def test_counts_by_gender_and_district_equal_sql(api):
    world()
    doc = api.get(f"/api/insurees/aggregate?group=gender,{DISTRICT}")
    got = {
        (item["attributes"]["gender"]["id"], item["attributes"]["family"]["location"]["parent"]["parent"]["id"]): (
            item["attributes"]["count"]
        )
        for item in doc["data"]
    }
    assert got == sql_counts() and sum(got.values()) == Insuree.objects.current().count()
    assert {item["type"] for item in doc["data"]} == {"insurees-aggregates"}
    assert len({item["id"] for item in doc["data"]}) == len(doc["data"])


def test_sums_and_averages_of_a_numeric_attribute(api):
    fam = builders.family()
    pol = builders.policy(fam)
    for amount, pay_type in (("10.00", "C"), ("20.50", "C"), ("5.25", "B")):
        Premium.objects.filter(pk=builders.premium(pol).pk).update(amount=Decimal(amount), pay_type=pay_type)
    doc = api.get("/api/premiums/aggregate?group=payType&sum=amount&avg=amount")
    got = {item["attributes"]["payType"]: item["attributes"] for item in doc["data"]}
    assert got["C"]["count"] == 2 and got["C"]["sum"] == {"amount": 30.5} and got["C"]["avg"] == {"amount": 15.25}
    assert got["B"]["sum"] == {"amount": 5.25}


def test_small_cells_are_suppressed_in_every_format(api):
    world()
    with override_settings(API_AGGREGATE_MIN_CELL=4):
        doc = api.get(f"/api/insurees/aggregate?group={DISTRICT}&filter[gender]=M")  # 2 and 3 heads: below 4
        table = api.get(f"/api/insurees/aggregate?group={DISTRICT}&format=csv", accept="text/csv")
        plain = api.get("/api/insurees/aggregate?group=gender", accept="application/json").json()
    assert [(i["attributes"]["count"], i["attributes"]["suppressed"]) for i in doc["data"]] == [(None, True)] * 2
    rows = list(csv.DictReader(io.StringIO(b"".join(table.streaming_content).decode())))
    assert sorted((row["count"], row["suppressed"]) for row in rows) == [("", "true"), ("6", "false")]
    assert sorted((row["gender"]["id"], row["count"]) for row in plain["results"]) == [("F", 4), ("M", 5)]


def test_a_scoped_clerk_counts_its_rows_and_hidden_related_rows_group_as_null(scoped_world, callers):
    w = scoped_world
    clerk = callers["clerk"]
    families = clerk.get("/api/families/aggregate?group=location")["data"]
    assert sum(item["attributes"]["count"] for item in families) == 1
    claims = clerk.get("/api/claims/aggregate?group=insuree")["data"]
    ids = {item["attributes"]["insuree"]["id"]: item["attributes"]["count"] for item in claims}
    assert w.b.head.uuid not in ids and ids[None] == 1  # the visitor's claim: B's insuree is hidden
    everything = callers["admin"].get("/api/claims/aggregate?group=insuree")["data"]
    assert w.b.head.uuid in {item["attributes"]["insuree"]["id"] for item in everything}


def test_as_of_counts_the_rows_and_relationships_as_they_were(api):
    (_, _, _, village_a), (_, _, _, village_b) = world()
    fam = builders.family(village_a, members=2)
    builders.new_version(fam, datetime.datetime(2022, 1, 1), location=village_b)  # the family moved in 2022
    before = api.get("/api/insurees/aggregate?group=family.location&filter[asOf]=2021-01-01")["data"]
    now = api.get("/api/insurees/aggregate?group=family.location")["data"]

    def count(doc, village):
        return sum(i["attributes"]["count"] for i in doc if i["attributes"]["family"]["location"]["id"] == village.uuid)

    assert (count(before, village_a), count(now, village_a)) == (3 + 2, 3)
    assert (count(before, village_b), count(now, village_b)) == (6, 6 + 2)


def test_one_statement_whatever_the_groups(api):
    world()
    with CaptureQueriesContext(connections["legacy"]) as legacy:
        api.get(f"/api/insurees/aggregate?group=gender,{DISTRICT},family.poverty")
    assert len(legacy) == 1 and "GROUP BY" in legacy[0]["sql"]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("", "group"),
        ("group=nothing", "group"),
        ("group=family.members", "group"),
        ("group=gender,dob,chfId,lastName", "group"),
        ("group=gender,gender", "group"),
        ("group=gender&sum=lastName", "sum"),
        ("group=gender&avg=nothing", "avg"),
        ("group=gender&sort=dob", "sort"),
        ("group=gender&page[size]=2", "page[size]"),
        ("group=gender&filter[asOf]=never", "filter[asOf]"),
        ("group=gender&filter[nothing]=1", "filter[nothing]"),
    ],
)
def test_bad_input_is_400_with_the_parameter(api, query, parameter):
    doc = api.get(f"/api/insurees/aggregate?{query}", status=400)
    assert doc["errors"][0]["source"] == {"parameter": parameter}
