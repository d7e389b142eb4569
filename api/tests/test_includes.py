"""`include` (every relationship, nested paths), relationship links/endpoints and sparse fieldsets."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_nested_include_paths(api):
    fam = builders.family(members=2)
    doc = api.get("/api/insurees?include=family.location.parent,family.members")
    types = sorted({item["type"] for item in doc["included"]})
    assert types == ["families", "locations"]
    assert {item["id"] for item in doc["included"] if item["type"] == "locations"} == {
        fam.location.uuid,
        fam.location.parent.uuid,
    }


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
    insuree_select = next(q["sql"] for q in queries.captured_queries if 'FROM "tblInsuree"' in q["sql"])
    assert "COUNT(" in insuree_select  # the page statement carries the total (api.pagination)
    assert '"OtherNames"' not in insuree_select and '"LastName"' in insuree_select
    family_select = next(q["sql"] for q in queries.captured_queries if 'FROM "tblFamilies"' in q["sql"])
    assert '"FamilyAddress"' not in family_select and '"Poverty"' in family_select


def test_unknown_sparse_field_or_type_is_400(api):
    assert api.get("/api/insurees?fields[insurees]=nope", status=400)["errors"][0]["source"] == {
        "parameter": "fields[insurees]"
    }
    assert api.get("/api/insurees?fields[nothings]=a", status=400)["errors"][0]["source"] == {
        "parameter": "fields[nothings]"
    }


def test_unknown_relationship_endpoint_is_404(api):
    fam = builders.family()
    api.get(f"/api/insurees/{fam.head.uuid}/nothing", status=404)
    api.get(f"/api/insurees/{fam.head.uuid}/relationships/nothing", status=404)


def test_related_lists_filter_sort_and_paginate(api):
    fam = builders.family(members=3)
    members = list(fam.members.order_by("chf_id"))
    doc = api.get(f"/api/families/{fam.uuid}/members?sort=-chfId&page[size]=2")
    assert [i["id"] for i in doc["data"]] == [m.uuid for m in members[::-1][:2]]
    assert doc["meta"]["pagination"]["count"] == 3
    doc = api.get(f"/api/families/{fam.uuid}/members?filter[chfId]={members[0].chf_id}")
    assert [i["id"] for i in doc["data"]] == [members[0].uuid]
    assert api.get(f"/api/families/{fam.uuid}/members?sort=nope", status=400)["errors"][0]["source"] == {
        "parameter": "sort"
    }
    as_of = api.get(f"/api/families/{fam.uuid}/members?filter[asOf]=2020-01-01")  # api.snapshot (test_snapshot.py)
    assert len(as_of["data"]) == 3
