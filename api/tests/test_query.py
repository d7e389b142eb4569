"""Filters, search, sort and query-parameter validation."""

import datetime

import pytest

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_insuree_filters_select_the_right_rows(api):
    fam = builders.family(members=2)
    other = builders.family(members=1)
    head = fam.head

    def ids(query):
        return sorted(item["id"] for item in api.get(f"/api/insurees?{query}")["data"])

    assert ids(f"filter[chfId]={head.chf_id}") == [head.uuid]
    assert ids(f"filter[lastName.icontains]={head.last_name[2:].upper()}") == [head.uuid]
    assert ids(f"filter[family]={fam.uuid.upper()}") == sorted(m.uuid for m in fam.members.all())
    assert ids(f"filter[village]={other.location.uuid}") == [other.head.uuid]
    district = other.location.parent.parent
    assert ids(f"filter[location]={district.uuid}") == [other.head.uuid]
    assert ids(f"filter[location]={district.parent.uuid}") == [other.head.uuid]
    assert ids(f"filter[dob.gte]={other.head.dob}&filter[dob.lte]={other.head.dob}") == [other.head.uuid]
    assert ids("filter[gender]=F") == []
    assert len(ids("filter[gender.in]=M,F")) == 3
    assert ids(f"filter[search]={other.head.chf_id}") == [other.head.uuid]


def test_insurees_by_product_through_their_policies_without_duplicates(api):
    from legacy.models import InsureePolicy

    fam = builders.family(members=2)
    builders.family(members=1)
    pol = builders.policy(fam)
    for member in fam.members.all():
        for _ in range(2):  # two coverage rows each: a plain join would repeat insurees
            InsureePolicy.objects.create(insuree=member, policy=pol, validity_from=builders.T0, audit_user_id=1)
    doc = api.get(f"/api/insurees?filter[product]={pol.product.uuid.upper()}")
    assert sorted(i["id"] for i in doc["data"]) == sorted(m.uuid for m in fam.members.all())
    assert doc["meta"]["pagination"]["count"] == 2
    assert len(api.get(f"/api/insurees?filter[policy]={pol.uuid}")["data"]) == 2
    InsureePolicy.objects.filter(insuree=fam.head).update(validity_to=builders.T0)  # coverage ended
    assert len(api.get(f"/api/insurees?filter[policy]={pol.uuid}")["data"]) == 1


def test_policy_and_claim_status_filters(api):
    fam = builders.family()
    active = builders.policy(fam, status=2)
    builders.policy(fam, status=1)
    assert [p["id"] for p in api.get("/api/policies?filter[status]=2")["data"]] == [active.uuid]
    claim = builders.claim(fam.head, status=4)
    builders.claim(fam.head, status=2)
    assert [c["id"] for c in api.get("/api/claims?filter[status.in]=4,8")["data"]] == [claim.uuid]
    assert len(api.get("/api/claims?filter[dateClaimed.gte]=2021-02-02")["data"]) == 2


def test_filter_values_are_bounded_for_sql_servers_parameter_limit(api, settings):
    settings.API_MAX_FILTER_VALUES = 5
    api.get("/api/insurees?filter[chfId.in]=1,2,3&filter[search]=a b")  # 5 values: answered
    for query, parameter in (
        ("filter[chfId.in]=1,2,3,4,5,6", "filter[chfId.in]"),
        ("filter[chfId.in]=1,2,3&filter[search]=a b,c", "filter[search]"),
        ("filter[family]=a,b,c&filter[village]=d,e,f", "filter[village]"),
    ):
        error = api.get(f"/api/insurees?{query}", status=400)["errors"][0]
        assert error["source"] == {"parameter": parameter} and "at most 5 filter values" in error["detail"]


def test_empty_sort_is_the_default_order(api):
    """The OpenAPI schema allows an empty `sort` (fuzzing sent it): the default order, also in cursor mode."""
    builders.family(members=3)
    default = [item["id"] for item in api.get("/api/insurees")["data"]]
    assert [item["id"] for item in api.get("/api/insurees?sort=")["data"]] == default
    assert [item["id"] for item in api.get("/api/insurees?sort=&page[after]=")["data"]] == default


def test_sort_orders_by_several_keys(api):
    fam = builders.family(members=3)
    names = ["B", "A", "B"]
    for person, name in zip(fam.members.order_by("pk"), names, strict=True):
        builders.Insuree.objects.filter(pk=person.pk).update(last_name=name)
    doc = api.get("/api/insurees?sort=lastName,-chfId")
    people = [(i["attributes"]["lastName"], i["attributes"]["chfId"]) for i in doc["data"]]
    assert people == sorted(people, key=lambda p: (p[0], -int(p[1])))


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("sort=nothing", "sort"),
        ("bogus=1", "bogus"),
        ("filter[nothing]=1", "filter[nothing]"),
        ("filter[dob.gte]=notadate", "filter[dob.gte]"),
        ("filter[asOf]=yesterday", "filter[asOf]"),
        ("page[foo]=1", "page[foo]"),
        ("page[size]=0", "page[size]"),
        ("page[size]=501", "page[size]"),
        ("page[number]=x", "page[number]"),
        ("page[after]=garbage!", "page[after]"),
        ("sort=lastName&page[after]=", "sort"),
        ("include=nope", "include"),
        ("sort=lastName&sort=chfId", "sort"),
    ],
)
def test_bad_query_parameters_are_400_with_source_parameter(api, query, parameter):
    builders.family()
    doc = api.get(f"/api/insurees?{query}", status=400)
    assert doc["errors"][0]["status"] == "400"
    assert doc["errors"][0]["source"] == {"parameter": parameter}


def test_a_page_past_the_last_is_an_empty_collection(api):
    builders.family()
    doc = api.get("/api/insurees?page[number]=99")  # JSON:API clients (kitsu, ...) throw on a 404 here
    assert doc["data"] == [] and doc["meta"]["pagination"]["pages"] == 1 and doc["links"]["next"] is None


def test_search_on_a_resource_without_search_fields_is_400(api):
    doc = api.get("/api/claim-items?filter[search]=x", status=400)
    assert doc["errors"][0]["source"] == {"parameter": "filter[search]"}


def test_filters_and_pages_are_refused_on_a_single_resource(api):
    fam = builders.family()
    doc = api.get(f"/api/insurees/{fam.head.uuid}?filter[chfId]=1", status=400)
    assert doc["errors"][0]["source"] == {"parameter": "filter[chfId]"}


def test_as_of_returns_rows_as_they_were(api):
    fam = builders.family()
    builders.new_version(fam.head, datetime.datetime(2021, 6, 1), last_name="After")
    before = api.get("/api/insurees?filter[asOf]=2021-01-01T00:00:00")["data"]
    after = api.get("/api/insurees?filter[asOf]=2022-01-01")["data"]
    assert [i["attributes"]["lastName"] for i in before] != ["After"] and len(before) == 1
    assert [i["attributes"]["lastName"] for i in after] == ["After"]
    assert before[0]["attributes"]["validTo"] == "2021-06-01T00:00:00"


def test_history_lists_older_versions_oldest_first(api):
    fam = builders.family()
    builders.new_version(fam.head, datetime.datetime(2021, 1, 1), last_name="Second")
    builders.new_version(fam.head, datetime.datetime(2022, 1, 1), last_name="Third")
    doc = api.get(f"/api/insurees/{fam.head.uuid.upper()}/history")
    assert {item["type"] for item in doc["data"]} == {"insuree-versions"}
    assert all(item["attributes"]["legacyId"] == fam.head.pk for item in doc["data"])
    names = [item["attributes"]["lastName"] for item in doc["data"]]
    assert names[1:] == ["Second"] and len(names) == 2
    assert [item["attributes"]["validTo"] for item in doc["data"]] == ["2021-01-01T00:00:00", "2022-01-01T00:00:00"]
    assert all(item["attributes"]["auditUserId"] == 1 for item in doc["data"])
    api.get("/api/genders/M/history", status=404)
