"""JSON:API 1.1 rules checked systematically over every resource type of the registry (not examples): list,
detail, include of every relationship, sparse fieldsets, every sort key, a page past the end, relationship
and related endpoints, history versions, errors. Each document is validated against the JSON:API schema
(api.testing) and against rules a schema cannot state (`check_rules`)."""

import pytest
from django.db import transaction

from api.urls import site
from legacy.demo.reference import create_reference_lists

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

LISTED = [resource for resource in site.resources.values() if not resource.history_of]


def _identifiers(document):
    data = document.get("data")
    return data if isinstance(data, list) else [data] if data else []


def check_rules(document, primary_type=None):
    """Rules of JSON:API 1.1 beyond the schema: unique (type, id) over data and included; full linkage (every
    included resource is reached through a relationship's linkage from the primary data or another included
    one); `links.self` of a resource is its own URL; attributes and relationships share no name."""
    resources = _identifiers(document) + document.get("included", [])
    keys = [(item["type"], item["id"]) for item in resources]
    assert len(keys) == len(set(keys)), "a resource appears twice"
    if primary_type is not None:
        assert all(item["type"] == primary_type for item in _identifiers(document))
    linked = set()
    for item in resources:
        assert item["links"]["self"].endswith(f"/api/{item['type']}/{item['id']}")
        assert not set(item.get("attributes", {})) & set(item.get("relationships", {}))
        assert not {"id", "type"} & set(item.get("attributes", {}))
        for relationship in item.get("relationships", {}).values():
            linkage = relationship.get("data")
            for target in linkage if isinstance(linkage, list) else [linkage] if linkage else []:
                linked.add((target["type"], target["id"]))
    included = {(item["type"], item["id"]) for item in document.get("included", [])}
    assert included <= linked, f"not fully linked: {sorted(included - linked)[:3]}"
    return document


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Rows of every type (reference lists first, then `builders.world()`), committed once for the module."""
    with django_db_blocker.unblock():
        with transaction.atomic(using="legacy"):
            create_reference_lists()
            rows = builders.world()
        yield rows
        builders.empty_legacy_tables()


def _first_id(api, resource):
    data = api.get(f"/api/{resource.type}?page[size]=1")["data"]
    assert data, f"the world has no {resource.type}"
    return data[0]["id"]


@pytest.mark.parametrize("resource", LISTED, ids=lambda r: r.type)
def test_list_detail_fields_sort_and_pages(api, world, resource):
    document = check_rules(api.get(f"/api/{resource.type}"), resource.type)
    assert document["data"] and document["meta"]["pagination"]["count"] >= len(document["data"])
    ident = _first_id(api, resource)
    detail = check_rules(api.get(f"/api/{resource.type}/{ident}"), resource.type)
    assert detail["data"]["id"] == ident and detail["data"]["links"]["self"].endswith(f"/{resource.type}/{ident}")
    first = next(iter(resource.attributes))
    member = first.split("_")[0] + "".join(part.title() for part in first.split("_")[1:])
    sparse = api.get(f"/api/{resource.type}?fields[{resource.type}]={member}")["data"]
    assert all(set(item) == {"type", "id", "attributes", "links"} for item in sparse)
    assert all(set(item["attributes"]) == {member} for item in sparse)
    for key in ("id", *resource.sort):
        name = key.split("_")[0] + "".join(part.title() for part in key.split("_")[1:])
        for term in (name, f"-{name}"):
            check_rules(api.get(f"/api/{resource.type}?sort={term}"), resource.type)
    past = api.get(f"/api/{resource.type}?page[number]=99999")
    assert past["data"] == [] and "errors" not in past


@pytest.mark.parametrize("resource", LISTED, ids=lambda r: r.type)
def test_every_relationship_included_linked_and_reachable(api, world, resource):
    ident = _first_id(api, resource)
    for name, relation in site.relations(resource).items():
        member = name.split("_")[0] + "".join(part.title() for part in name.split("_")[1:])
        check_rules(api.get(f"/api/{resource.type}?include={member}"), resource.type)
        check_rules(api.get(f"/api/{resource.type}/{ident}?include={member}"), resource.type)
        linkage = api.get(f"/api/{resource.type}/{ident}/relationships/{member}")
        assert linkage["links"]["self"].endswith(f"/{resource.type}/{ident}/relationships/{member}")
        data = linkage["data"]
        assert isinstance(data, list) == relation.many
        assert all(item["type"] == relation.target and set(item) == {"type", "id"} for item in _identifiers(linkage))
        related = check_rules(api.get(f"/api/{resource.type}/{ident}/{member}"), relation.target)
        assert {item["id"] for item in _identifiers(related)} == {item["id"] for item in _identifiers(linkage)}
        api.get(f"/api/{resource.type}/{ident}/relationships/{member}?include={member}", status=400)


@pytest.mark.parametrize("resource", [r for r in LISTED if r.versioned], ids=lambda r: r.type)
def test_history_entries_are_versions_that_resolve(api, world, resource):
    ident = _first_id(api, resource)
    history = check_rules(api.get(f"/api/{resource.type}/{ident}/history"), f"{site.versions(resource).type}")
    for entry in history["data"]:
        assert api.get(entry["links"]["self"])["data"]["id"] == entry["id"]


@pytest.mark.parametrize("resource", LISTED, ids=lambda r: r.type)
def test_errors_name_their_source(api, world, resource):
    cases = {
        f"/api/{resource.type}?bogus=1": {"parameter": "bogus"},
        f"/api/{resource.type}?sort=--id": {"parameter": "sort"},
        f"/api/{resource.type}?sort=id,,": {"parameter": "sort"},
        f"/api/{resource.type}?include=nothing": {"parameter": "include"},
        f"/api/{resource.type}?fields[{resource.type}]=nothing": {"parameter": f"fields[{resource.type}]"},
        f"/api/{resource.type}?page[size]=0": {"parameter": "page[size]"},
    }
    for url, source in cases.items():
        error = api.get(url, status=400)["errors"][0]
        assert error["status"] == "400" and error["source"] == source, url
    missing = api.get(f"/api/{resource.type}/00000000-0000-0000-0000-000000000000", status=404)
    assert missing["errors"][0]["status"] == "404" and "data" not in missing


def test_the_world_reaches_every_listed_type(api, world):
    """The checks above mean something only with rows of every type."""
    for resource in LISTED:
        assert api.get(f"/api/{resource.type}?page[size]=1")["data"], resource.type
