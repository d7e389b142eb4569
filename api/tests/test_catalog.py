"""Read-only checks over one committed world (built once per module): every resource, relationship,
filter and sort key."""

import pytest
from django.db import models

from api.query import camel, public_columns
from api.urls import site

pytestmark = [pytest.mark.django_db(databases=["default", "legacy"]), pytest.mark.usefixtures("shared_world")]


RESOURCES = [
    "insurees",
    "families",
    "locations",
    "health-facilities",
    "products",
    "policies",
    "premiums",
    "claims",
    "claim-items",
    "claim-services",
    "officers",
    "users",
    "roles",
    "medical-items",
    "medical-services",
    "genders",
    "educations",
    "professions",
    "relations",
    "family-types",
    "confirmation-types",
]


@pytest.mark.parametrize("type_", RESOURCES)
def test_every_resource_lists_and_reads_one(api, type_):
    doc = api.get(f"/api/{type_}")
    assert all(item["type"] == type_ for item in doc["data"])
    if not doc["data"]:  # reference lists without rows in this world
        assert type_ in ("educations", "professions", "relations", "family-types", "confirmation-types")
        return
    first = doc["data"][0]
    one = api.get(f"/api/{type_}/{first['id'].upper()}/")
    assert one["data"]["id"] == first["id"]
    assert one["data"]["attributes"] == first["attributes"]


@pytest.mark.parametrize("type_", RESOURCES)
def test_a_principal_without_rights_gets_403(nobody_api, type_):
    doc = nobody_api.get(f"/api/{type_}", status=403)
    assert doc["errors"][0]["status"] == "403"


RELATIONS = [
    (resource.type, relation)
    for resource in site.resources.values()
    if not resource.history_of
    for relation in site.relations(resource).values()
]


@pytest.mark.parametrize("type_,relation", RELATIONS, ids=[f"{t}.{r.name}" for t, r in RELATIONS])
def test_every_relationship_is_includable_and_linked(api, type_, relation):
    name = camel(relation.name)
    doc = api.get(f"/api/{type_}?include={name}")
    included = {(item["type"], item["id"]) for item in doc.get("included", [])}
    primary = {(item["type"], item["id"]) for item in doc["data"]}
    for item in doc["data"]:
        rel = item["relationships"][name]
        assert rel["links"]["related"].endswith(f"/api/{type_}/{item['id']}/{name}")
        linkage = rel["data"] if relation.many else [rel["data"]] if rel["data"] else []
        for ident in linkage:
            assert ident["type"] == relation.target
            assert (ident["type"], ident["id"]) in included | primary
        related = api.get(rel["links"]["related"].replace("http://testserver", ""))
        related_ids = (
            [d["id"] for d in related["data"]]
            if relation.many
            else ([related["data"]["id"]] if related["data"] else [])
        )
        assert related_ids == [ident["id"] for ident in linkage]
        relationship = api.get(rel["links"]["self"].replace("http://testserver", ""))
        assert relationship["data"] == rel["data"]


SAMPLE = {
    models.DateTimeField: "2020-01-01T00:00:00",
    models.DateField: "2021-01-01",
    models.BooleanField: "true",
    models.DecimalField: "10",
    models.IntegerField: "2",
}


def _sample(field, lookup):
    for kind, value in SAMPLE.items():
        if isinstance(field, kind):
            return value if lookup != "in" else f"{value},{value}"
    return "A" if lookup != "in" else "A,B"


LISTED = [type_ for type_, resource in site.resources.items() if not resource.history_of]  # versions: no list


@pytest.mark.parametrize("type_", LISTED)
def test_every_declared_filter_is_accepted_and_narrows(api, type_):
    resource = site.resources[type_]
    everything = {item["id"] for item in api.get(f"/api/{type_}")["data"]}
    for name, lookups in resource.filters.items():
        field = resource.model._meta.get_field(public_columns(resource).get(name, name))
        for lookup in lookups:
            key = camel(name) + ("" if lookup == "exact" else f".{lookup}")
            doc = api.get(f"/api/{type_}?filter[{key}]={_sample(field, lookup)}")
            assert {item["id"] for item in doc["data"]} <= everything, key
    for name in resource.uuid_filters:
        doc = api.get(f"/api/{type_}?filter[{camel(name)}]=00000000-0000-0000-0000-000000000000")
        assert doc["data"] == [], name


@pytest.mark.parametrize("type_", LISTED)
def test_every_sort_key_orders_both_ways(api, type_):
    resource = site.resources[type_]
    for key in resource.sort:
        up = api.get(f"/api/{type_}?sort={camel(key)}")["data"]
        down = api.get(f"/api/{type_}?sort=-{camel(key)},-id")["data"]
        assert sorted(i["id"] for i in up) == sorted(i["id"] for i in down)
        values = [item["attributes"][camel(key)] for item in up if camel(key) in item.get("attributes", {})]
        present = [v for v in values if v is not None]
        assert present == sorted(present), key
