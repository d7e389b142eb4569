"""`include` (every relationship, nested paths), relationship links/endpoints and sparse fieldsets."""
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from api.urls import site

from . import builders
from .test_resources import world

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

RELATIONS = [(resource.type, relation) for resource in site.resources.values()
             for relation in site.relations(resource).values()]


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@pytest.mark.parametrize("type_,relation", RELATIONS, ids=[f"{t}.{r.name}" for t, r in RELATIONS])
def test_every_relationship_is_includable_and_linked(api, type_, relation):
    world()
    name = _camel(relation.name)
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
        related_ids = [d["id"] for d in related["data"]] if relation.many else \
            ([related["data"]["id"]] if related["data"] else [])
        assert related_ids == [ident["id"] for ident in linkage]
        relationship = api.get(rel["links"]["self"].replace("http://testserver", ""))
        assert relationship["data"] == rel["data"]


def test_nested_include_paths(api):
    fam = builders.family(members=2)
    doc = api.get("/api/insurees?include=family.location.parent,family.members")
    types = sorted({item["type"] for item in doc["included"]})
    assert types == ["families", "locations"]
    assert {item["id"] for item in doc["included"] if item["type"] == "locations"} == {
        fam.location.uuid, fam.location.parent.uuid}


def test_unknown_include_is_400_with_source_parameter(api):
    doc = api.get("/api/insurees?include=family.nothing", status=400)
    assert doc["errors"][0]["source"] == {"parameter": "include"}


def test_sparse_fieldsets_narrow_output_and_select(api):
    builders.family(members=3)
    with CaptureQueriesContext(connections["legacy"]) as queries:
        doc = api.get("/api/insurees?fields[insurees]=lastName,family&include=family&fields[families]=poverty")
    for item in doc["data"]:
        assert set(item["attributes"]) == {"lastName"}
        assert set(item["relationships"]) == {"family"}
    assert set(doc["included"][0]["attributes"]) == {"poverty"}
    assert "relationships" not in doc["included"][0]
    insuree_select = next(q["sql"] for q in queries.captured_queries if 'FROM "tblInsuree"' in q["sql"]
                          and "COUNT" not in q["sql"])
    assert '"OtherNames"' not in insuree_select and '"LastName"' in insuree_select
    family_select = next(q["sql"] for q in queries.captured_queries if 'FROM "tblFamilies"' in q["sql"])
    assert '"FamilyAddress"' not in family_select and '"Poverty"' in family_select


def test_unknown_sparse_field_or_type_is_400(api):
    assert api.get("/api/insurees?fields[insurees]=nope", status=400)["errors"][0]["source"] == {
        "parameter": "fields[insurees]"}
    assert api.get("/api/insurees?fields[nothings]=a", status=400)["errors"][0]["source"] == {
        "parameter": "fields[nothings]"}


def test_unknown_relationship_endpoint_is_404(api):
    fam = builders.family()
    api.get(f"/api/insurees/{fam.head.uuid}/nothing", status=404)
    api.get(f"/api/insurees/{fam.head.uuid}/relationships/nothing", status=404)
