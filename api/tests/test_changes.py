"""The change feed against legacy-style SQL writes made between two polls (raw SQL, as the legacy app)."""

import datetime
import itertools
import uuid

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from legacy.models import Family, Insuree
from legacy.services import insurees as insuree_service

from . import builders

T1 = datetime.datetime(2024, 5, 1, 10, 0, 0)
T2 = datetime.datetime(2024, 5, 2, 11, 30, 0)
FEED = "/api/changes?filter[type]=insurees,families&filter[since]=2019-01-01"
pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
_uuids = (str(uuid.uuid4()) for _ in itertools.count())


def _sql(model, statement, params):
    connection = connections["legacy"]
    q = connection.ops.quote_name
    columns = {field.name: q(field.column) for field in model._meta.concrete_fields}
    with transaction.atomic(using="legacy"), connection.cursor() as cursor:
        cursor.execute(statement.format(table=q(model._meta.db_table), **columns), params)


def legacy_update(model, pk, moment, **values):
    """tblX update as the legacy application does it: INSERT a copy of the old row, UPDATE in place."""
    connection = connections["legacy"]
    q = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    copied = ", ".join(q(f.column) for f in fields)
    chosen = ", ".join("%s" if f.name in ("uuid", "validity_to", "legacy_id") else q(f.column) for f in fields)
    extra = {"uuid": next(_uuids), "validity_to": moment, "legacy_id": pk}
    params = [extra[f.name] for f in fields if f.name in extra]
    sets = ", ".join(f"{q(model._meta.get_field(name).column)} = %s" for name in values)
    table, key = q(model._meta.db_table), q(model._meta.pk.column)
    with transaction.atomic(using="legacy"), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({copied}) SELECT {chosen} FROM {table} WHERE {key} = %s", [*params, pk])
        cursor.execute(
            f"UPDATE {table} SET {sets}, {q('ValidityFrom')} = %s, {q('AuditUserID')} = %s WHERE {key} = %s",
            [*values.values(), moment, 7, pk],
        )


def legacy_delete(model, pk, moment):
    """A legacy delete: the current row gets a ValidityTo, no successor."""
    _sql(model, "UPDATE {table} SET {validity_to} = %s WHERE {id} = %s", [moment, pk])


def walk(api, url):
    """Every entry from `url` following links.next until a page is caught up; returns (entries, last doc)."""
    entries = []
    while True:
        doc = api.get(url)
        entries += doc["data"]
        assert doc["links"]["next"]
        if doc["meta"]["caughtUp"]:
            return entries, doc
        url = doc["links"]["next"]


def summary(entries):
    return [
        (e["attributes"]["resourceType"], e["attributes"]["resourceId"], e["attributes"]["action"]) for e in entries
    ]


def test_two_polls_see_legacy_updates_and_deletes_once(api):
    fam = builders.family(members=3)
    head, second, third = Insuree.objects.filter(family=fam).order_by("pk")
    first, doc = walk(api, FEED + "&page[size]=2")
    assert sorted(summary(first)) == sorted(
        [("families", fam.uuid, "created")] + [("insurees", i.uuid, "created") for i in (head, second, third)]
    )
    legacy_update(Insuree, second.pk, T1, last_name="Renamed")
    legacy_delete(Insuree, third.pk, T2)
    second_poll, doc = walk(api, doc["links"]["next"])
    assert summary(second_poll) == [("insurees", second.uuid, "updated"), ("insurees", third.uuid, "deleted")]
    assert [e["attributes"]["at"] for e in second_poll] == ["2024-05-01T10:00:00", "2024-05-02T11:30:00"]
    assert second_poll[0]["attributes"]["auditUserId"] == 7
    assert second_poll[0]["relationships"]["resource"]["data"] == {"type": "insurees", "id": second.uuid}
    assert second_poll[1]["relationships"]["resource"]["data"] is None
    third_poll = api.get(doc["links"]["next"])
    assert third_poll["data"] == [] and third_poll["meta"]["watermark"] == doc["meta"]["watermark"]
    # from the start again: the same changes with the same ids, the creation now read from the history copy
    again, _ = walk(api, FEED)
    assert {e["id"] for e in first} <= {e["id"] for e in again}
    assert len(again) == len(first) + 2


def test_api_writes_and_the_convention_delete_marker(api, admin):
    fam = builders.family(members=2)
    member = Insuree.objects.filter(family=fam, is_head=False).get()
    _, doc = walk(api, FEED)
    with override_settings(API_CHANGES_LAG_SECONDS=0):
        insuree_service.update_insuree(member.pk, {"phone": "+255 1"}, 1)
        insuree_service.delete_insuree(member.pk, 1)
        entries, _ = walk(api, doc["links"]["next"])
    # the delete writes a history copy and ValidityFrom = ValidityTo on the row: one `deleted`, no extra update
    assert summary(entries) == [("insurees", member.uuid, "updated"), ("insurees", member.uuid, "deleted")]


def test_recent_changes_wait_for_the_safety_lag(api):
    fam = builders.family(members=2)
    member = Insuree.objects.filter(family=fam, is_head=False).get()
    _, doc = walk(api, FEED)
    insuree_service.update_insuree(member.pk, {"phone": "+255 2"}, 1)  # stamped now: inside the 30 s lag
    assert api.get(doc["links"]["next"])["data"] == []
    with override_settings(API_CHANGES_LAG_SECONDS=0):
        assert summary(api.get(doc["links"]["next"])["data"]) == [("insurees", member.uuid, "updated")]


def test_changes_sharing_a_timestamp_are_each_listed_once_across_pages(api):
    families = [builders.family(members=2) for _ in range(3)]
    for fam in families:
        for person in Insuree.objects.filter(family=fam):
            legacy_update(Insuree, person.pk, T1, phone="1")  # six changes at the same instant
        legacy_update(Family, fam.pk, T1, family_address="Same time")
    url = "/api/changes?filter[since]=2024-05-01T10:00:00&filter[type]=insurees,families"
    whole, _ = walk(api, url + "&page[size]=500")
    one_by_one, _ = walk(api, url + "&page[size]=1")
    assert len(whole) == 9 and [e["id"] for e in one_by_one] == [e["id"] for e in whole]
    assert [e["attributes"]["resourceType"] for e in whole] == ["families"] * 3 + ["insurees"] * 6


def test_since_is_inclusive_and_an_offset_is_converted_to_local_time(api):
    fam = builders.family(members=1)
    with override_settings(TIME_ZONE="Africa/Dar_es_Salaam"):  # UTC+3; the legacy app writes local wall time
        legacy_update(Insuree, fam.head.pk, T1, phone="1")
        listed = api.get("/api/changes?filter[type]=insurees&filter[since]=2024-05-01T07:00:00Z")["data"]
        later = api.get("/api/changes?filter[type]=insurees&filter[since]=2024-05-01T07:00:01%2B00:00")["data"]
    assert summary(listed) == [("insurees", fam.head.uuid, "updated")] and later == []


def test_the_statement_count_does_not_depend_on_the_page_size(api):
    for _ in range(4):
        builders.family(members=3)
    counts = []
    for size in (1, 10):
        with CaptureQueriesContext(connections["legacy"]) as legacy, CaptureQueriesContext(connections["default"]):
            doc = api.get(f"/api/changes?filter[since]=2019-01-01&page[size]={size}")
        assert len(doc["data"]) == size
        counts.append(len(legacy))
    assert counts == [1, 1]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("", "filter[since]"),
        ("filter[since]=yesterday", "filter[since]"),
        ("filter[since]=2999-01-01", "filter[since]"),
        ("filter[since]=2020-01-01&page[after]=bm9wZQ", "page[after]"),
        ("filter[since]=2020-01-01&filter[type]=genders", "filter[type]"),
        ("filter[since]=2020-01-01&filter[type]=nothing", "filter[type]"),
        ("filter[since]=2020-01-01&page[size]=0", "page[size]"),
        ("filter[since]=2020-01-01&page[size]=501", "page[size]"),
        ("filter[since]=2020-01-01&sort=at", "sort"),
    ],
)
def test_bad_input_is_400_with_the_parameter(api, query, parameter):
    doc = api.get(f"/api/changes?{query}", status=400)
    assert doc["errors"][0]["source"] == {"parameter": parameter}


def test_a_scoped_clerk_sees_changes_of_rows_in_scope_only(scoped_world, callers):
    w, clerk = scoped_world, callers["clerk"]
    url = "/api/changes?filter[type]=insurees&filter[since]=2019-01-01"
    _, doc = walk(clerk, url)
    _, outsider_doc = walk(callers["outsider"], url)
    a_member, b_member = w.a.member, w.b.member
    legacy_update(Insuree, a_member.pk, T1, phone="9")
    legacy_update(Insuree, b_member.pk, T1, phone="9")
    legacy_delete(Insuree, a_member.pk, T2)  # seen by its last version's scope (district A)
    legacy_delete(Insuree, b_member.pk, T2)
    entries, _ = walk(clerk, doc["links"]["next"])
    assert summary(entries) == [("insurees", a_member.uuid, "updated"), ("insurees", a_member.uuid, "deleted")]
    outsider, _ = walk(callers["outsider"], outsider_doc["links"]["next"])
    assert summary(outsider) == [("insurees", b_member.uuid, "updated"), ("insurees", b_member.uuid, "deleted")]
    everything, _ = walk(clerk, "/api/changes?filter[since]=2019-01-01")
    assert w.b.family.uuid not in {e["attributes"]["resourceId"] for e in everything}
    assert callers["norights"].get(url, status=403)["errors"][0]["source"] == {"parameter": "filter[type]"}
    assert callers["norights"].get("/api/changes?filter[since]=2019-01-01")["data"] == []
    callers["anonymous"].get(url, status=401)
