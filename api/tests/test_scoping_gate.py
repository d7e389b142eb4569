"""Every row the API returns comes from a queryset that went through `auth_bridge.scoping.visible`.

The auth-bridge stub only tells administrators from everyone else, so these tests watch the gate itself:
a spy records each model passed to the real `visible`, and every type in a response (primary data,
included resources, linkage, related and relationship endpoints) must have gone through it.
The location-scoping tests proper arrive with the auth bridge.
"""

import pytest

from api import selectors
from api.urls import site
from auth_bridge.scoping import is_public

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def gate(monkeypatch):
    seen = []
    real = selectors.visible

    def spy(queryset, user):
        seen.append(queryset.model)
        return real(queryset, user)

    monkeypatch.setattr(selectors, "visible", spy)
    return seen


def _types_in(doc):
    types = set()
    items = doc["data"] if isinstance(doc["data"], list) else [doc["data"]] if doc["data"] else []
    for item in items + doc.get("included", []):
        types.add(item["type"])
        for rel in item.get("relationships", {}).values():
            data = rel.get("data")
            for ident in data if isinstance(data, list) else [data] if data else []:
                types.add(ident["type"])
    return types


def _models(types):
    """Models of `types` that must have passed the gate: public reference lists are read whole by every
    principal, so their linkage comes from the row's enforced foreign key (`selectors.fk_linkage`)."""
    return {site.resources[type_].model for type_ in types} - {m for m in _all_models() if is_public(m)}


def _all_models():
    return {resource.model for resource in site.resources.values()}


@pytest.mark.parametrize(
    "url",
    [
        "/api/insurees?include=family.location.parent,family.members,healthFacility",
        "/api/claims?include=items,services,insuree.family",
        "/api/policies?include=premiums,family.head,product,officer",
        "/api/families?filter[location]={district}&sort=-validFrom",
        "/api/insurees?page[after]=&include=family",
        "/api/insurees?filter[asOf]=2030-01-01&include=family&filter[validFrom.gte]=2019-01-01",
    ],
)
def test_every_type_in_a_response_went_through_the_gate(api, gate, url):
    fam = builders.family(members=2)
    builders.premium(builders.policy(fam, officer=builders.officer()))
    builders.claim(fam.head)
    doc = api.get(url.format(district=fam.location.parent.parent.uuid))
    assert doc["data"]
    assert _models(_types_in(doc)) <= set(gate)


def test_related_relationship_and_history_endpoints_use_the_gate(api, gate):
    fam = builders.family(members=2)
    for path in ("members", "relationships/members", "location", "relationships/head", "history"):
        gate.clear()
        doc = api.get(f"/api/families/{fam.uuid}/{path}")
        assert builders.Family in gate
        if path != "history":
            assert _models(_types_in(doc) or {"insurees"}) - {builders.Family} <= set(gate), path


def test_only_public_reference_lists_skip_the_linkage_query():
    for resource in site.resources.values():
        for relation in site.relations(resource).values():
            target = site.resources[relation.target]
            if selectors.fk_linkage(resource, relation, target) is not None:
                assert is_public(target.model) and not target.versioned, (resource.type, relation.name)


def test_csv_stream_uses_the_gate(api, gate):
    builders.family(members=2)
    response = api.client.get("/api/insurees?format=csv")
    assert len(b"".join(response.streaming_content).splitlines()) == 3
    assert builders.Insuree in gate and builders.Family in gate
