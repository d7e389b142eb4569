"""api.encoders builds the same JSON:API documents as DJA's renderer over the same serializers.

Every request is sent twice: through the encoder (the product) and with `document_class = None`, where DJA
renders the serializers' data (the reference). Both run against the real legacy database.
"""

import json

import pytest

from api.testing import JSONAPI
from api.views import ResourceViewSet

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def both(client, url, monkeypatch):
    """(encoder document, DJA document) for `url`, both parsed, with the same status."""
    fast = client.get(url, HTTP_ACCEPT=JSONAPI)
    with monkeypatch.context() as patch:
        patch.setattr(ResourceViewSet, "document_class", None)
        reference = client.get(url, HTTP_ACCEPT=JSONAPI)
    assert fast.status_code == reference.status_code, (url, fast.status_code, reference.status_code)
    assert fast["Content-Type"] == reference["Content-Type"]
    return without_resource_links(json.loads(fast.content)), json.loads(reference.content)


def without_resource_links(document):
    """`document` without what DJA does not send, each checked first: the resource objects' `links.self`
    (their own URL) and the links-only `history` relationship of versioned types (their history URL)."""
    data = document.get("data")
    for item in [*(data if isinstance(data, list) else [data] if data else []), *document.get("included", [])]:
        own = f"/api/{item['type']}/{item['id']}"
        assert item.pop("links") == {"self": f"http://testserver{own}"}
        history = item.get("relationships", {}).pop("history", None)
        assert history in (None, {"links": {"related": f"http://testserver{own}/history"}})
        if item.get("relationships") == {}:
            del item["relationships"]
    return document


@pytest.fixture
def rows(db):
    village = builders.location_tree()[3]
    hf = builders.health_facility()
    built = []
    for n in range(3):
        fam = builders.family(village, members=2)
        pol = builders.policy(fam, officer=builders.officer())
        builders.premium(pol)
        builders.claim(fam.head, hf, items=2, services=1)
        builders.new_version(fam.head, builders.T0.replace(year=2022), phone=f"0{n}")
        built.append(fam)
    builders.family(members=1)  # another village, no policy
    return built


LISTS = [
    "/api/insurees",
    "/api/insurees?include=family",
    "/api/insurees?page[size]=2&include=family.members,family.location.parent,gender,healthFacility",
    "/api/insurees?page[after]=&page[size]=3&include=family",
    "/api/insurees?fields[insurees]=chfId,lastName&sort=-chfId",
    "/api/insurees?fields[insurees]=chfId,family&include=family&fields[families]=poverty,members",
    "/api/insurees?include=",
    "/api/families?include=members,head,location,familyType,confirmationType",
    "/api/families?fields[families]=members",
    "/api/claims?include=items,services,insuree.family,healthFacility",
    "/api/claims?include=items.item,services.service&fields[claim-items]=qtyProvided,item",
    "/api/policies?include=premiums,family,product,officer",
    "/api/locations?include=parent.parent&sort=code",
    "/api/genders",
    "/api/health-facilities?include=location",
    "/api/insurees?filter[asOf]=2021-06-01T00:00:00&include=family",
    "/api/insurees?page[number]=2&page[size]=2",
]


@pytest.mark.parametrize("url", LISTS)
def test_lists_equal_dja(api, rows, monkeypatch, url):
    fast, reference = both(api.client, url, monkeypatch)
    assert fast["data"], url  # the comparison means something only with rows
    assert fast == reference


def test_single_related_and_history_documents_equal_dja(api, rows, monkeypatch):
    fam = rows[0]
    for url in (
        f"/api/insurees/{fam.head.uuid}?include=family.members",
        f"/api/insurees/{fam.head.uuid.upper()}",
        f"/api/families/{fam.uuid}/members?include=family",
        f"/api/families/{fam.uuid}/head?include=gender",
        f"/api/insurees/{fam.head.uuid}/history",
        f"/api/families/{fam.uuid}?fields[families]=poverty",
    ):
        fast, reference = both(api.client, url, monkeypatch)
        assert fast == reference, url
    fast, _ = both(api.client, f"/api/insurees/{fam.head.uuid}/history", monkeypatch)
    assert len(fast["data"]) == 1  # the comparison covered a history row


def test_errors_and_other_formats_do_not_use_the_encoder(api, rows, monkeypatch):
    fast, reference = both(api.client, "/api/insurees?include=nothing", monkeypatch)
    assert fast == reference and fast["errors"][0]["source"] == {"parameter": "include"}
    plain = api.client.get("/api/insurees?include=family", HTTP_ACCEPT="application/json").json()
    assert "results" in plain and "included" not in plain  # DRF's serializers, as before


def test_include_follows_a_relationship_the_fieldset_leaves_out(api, rows):
    """JSON:API allows it (the one exception to full linkage); DJA sent `included: []` instead."""
    document = api.get("/api/insurees?fields[insurees]=chfId&include=family.location&fields[families]=poverty")
    assert all(set(item) == {"type", "id", "attributes", "links"} for item in document["data"])
    families = {item["id"] for item in document["included"] if item["type"] == "families"}
    assert {fam.uuid.lower() for fam in rows} <= families and len(families) == 4  # every family listed
    locations = {item["id"] for item in document["included"] if item["type"] == "locations"}
    assert rows[0].location.uuid.lower() in locations  # the families' own relationship, left out, still walked


def test_scoped_callers_get_the_same_documents(callers, scoped_world, monkeypatch):
    """Linkage and includes go through the gate the same way for scoped callers."""
    urls = [
        "/api/claims?include=insuree.family,healthFacility,items",
        "/api/insurees?include=family.location,family.members",
        "/api/families?include=head,members,location.parent",
    ]
    for name in ("clerk", "hf_admin", "granted", "client"):
        for url in urls:
            fast, reference = both(callers[name].client, url, monkeypatch)
            assert fast == reference, (name, url)


def test_include_of_a_relationship_left_out_of_the_fieldset_stays_scoped(callers, scoped_world):
    """A claim administrator sees the visitor's claim at their HF, never the visitor (another district),
    also when `include` names a relationship the sparse fieldset leaves out."""
    visitor = scoped_world.b.head
    for url in (
        "/api/claims?include=insuree&fields[claims]=code",
        "/api/claims?include=insuree.family&fields[claims]=code&fields[insurees]=chfId",
    ):
        document = callers["hf_admin"].get(url)
        codes = {item["attributes"]["code"] for item in document["data"]}
        assert scoped_world.visitor_claim.code in codes
        included = {(item["type"], item["id"]) for item in document["included"]}
        assert ("insurees", visitor.uuid.lower()) not in included
        assert ("families", scoped_world.b.family.uuid.lower()) not in included
        assert ("insurees", scoped_world.a.head.uuid.lower()) in included  # a.claim's patient, in district
