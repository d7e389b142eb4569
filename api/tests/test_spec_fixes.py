"""JSON:API rules a client library relies on: version types, relationship endpoints, exact names, OPTIONS,
the token endpoint under a JSON:API client's media type."""

import datetime
import json

import pytest
from rest_framework.test import APIClient

from api.negotiation import JSONAPI
from api.testing import valid
from auth_bridge import testing as t

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_history_entries_are_versions_that_resolve_at_their_own_url(api):
    fam = builders.family()
    builders.new_version(fam.head, datetime.datetime(2021, 1, 1), last_name="Second")
    current = api.get(f"/api/insurees/{fam.head.uuid}")["data"]
    history_url = current["relationships"]["history"]["links"]["related"]
    assert history_url.endswith(f"/api/insurees/{fam.head.uuid.lower()}/history")
    entries = api.get(history_url)["data"]
    assert [entry["type"] for entry in entries] == ["insuree-versions"]
    entry = entries[0]
    assert entry["id"] != current["id"]
    resolved = api.get(entry["links"]["self"])["data"]  # the identity map stays right: (type, id) resolves
    assert (resolved["type"], resolved["id"]) == (entry["type"], entry["id"])
    assert resolved["attributes"] == entry["attributes"] and resolved["attributes"]["legacyId"] == fam.head.pk
    assert resolved["attributes"]["lastName"] != "Second"  # the older values
    family = api.get(f"/api/insuree-versions/{entry['id']}/family?include=members")["data"]
    assert family["id"] == fam.uuid.lower()
    assert api.get(f"/api/insuree-versions/{entry['id']}/relationships/family")["data"]["id"] == fam.uuid.lower()
    api.get(f"/api/insuree-versions/{current['id']}", status=404)  # a current row is not a version
    api.get(f"/api/insurees/{entry['id']}", status=404)  # and a version is not an insuree
    api.get("/api/insuree-versions", status=404)  # reached from an entity's history only


def test_history_sparse_fields_and_include_apply_to_the_versions_type(api):
    fam = builders.family()
    builders.new_version(fam.head, datetime.datetime(2021, 1, 1), last_name="Second")
    url = f"/api/insurees/{fam.head.uuid}/history"
    doc = api.get(f"{url}?fields[insuree-versions]=lastName&include=family")
    assert set(doc["data"][0]["attributes"]) == {"lastName"} and doc["included"][0]["type"] == "families"
    assert api.get(f"{url}?include=members", status=400)["errors"][0]["source"] == {"parameter": "include"}


def test_include_on_a_relationship_endpoint_is_400(api):
    fam = builders.family()
    doc = api.get(f"/api/families/{fam.uuid}/relationships/members?include=family", status=400)
    assert doc["errors"][0]["source"] == {"parameter": "include"}


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_relationship_updates_are_403(api, method):
    fam = builders.family(members=2)
    body = json.dumps({"data": [{"type": "insurees", "id": fam.head.uuid}]})
    response = getattr(api.client, method)(
        f"/api/families/{fam.uuid}/relationships/members", body, content_type=JSONAPI, HTTP_ACCEPT=JSONAPI
    )
    assert response.status_code == 403, response.content
    assert valid(response.json())["errors"][0]["status"] == "403"
    response = getattr(api.client, method)(
        f"/api/families/{fam.uuid}/relationships/nothing", body, content_type=JSONAPI, HTTP_ACCEPT=JSONAPI
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("sort=--lastName", "sort"),
        ("sort=lastName,,", "sort"),
        ("sort=,lastName", "sort"),
        ("sort=LastName", "sort"),
        ("include=Family", "include"),
        ("include=family,,gender", "include"),
        ("fields[insurees]=LastName", "fields[insurees]"),
    ],
)
def test_names_are_matched_exactly(api, query, parameter):
    builders.family()
    assert api.get(f"/api/insurees?{query}", status=400)["errors"][0]["source"] == {"parameter": parameter}


def test_relationship_names_are_matched_exactly(api):
    fam = builders.family()
    assert api.get(f"/api/insurees/{fam.head.uuid}/relationships/family")["data"]["id"] == fam.uuid.lower()
    api.get(f"/api/insurees/{fam.head.uuid}/relationships/Family", status=404)
    api.get(f"/api/insurees/{fam.head.uuid}/Family", status=404)
    api.get(f"/api/insurees/{fam.head.uuid}/health_facility", status=404)  # the member is healthFacility


@pytest.mark.parametrize("url", ["/api/", "/api/insurees", "/api/insurees/x/relationships/family"])
def test_options_answers_allow_and_no_body(api, url):
    response = api.client.options(url, HTTP_ACCEPT=JSONAPI)
    assert response.status_code == 204 and response.content == b"" and "GET" in response["Allow"]


def test_the_token_endpoint_answers_a_json_api_client():
    t.admin()
    client = APIClient()
    body = json.dumps({"data": {"type": "tokens", "attributes": {"username": "Admin", "password": "admin123"}}})
    response = client.post("/api/auth/token", body, content_type=JSONAPI, HTTP_ACCEPT=JSONAPI)
    assert response.status_code == 201 and response["Content-Type"].startswith(JSONAPI)
    document = valid(json.loads(response.content))
    assert document["meta"]["token"] and document["meta"]["expires"]
    wrong = json.dumps({"username": "Admin", "password": "nope"})
    response = client.post("/api/auth/token", wrong, content_type="application/json", HTTP_ACCEPT=JSONAPI)
    assert response.status_code == 401 and valid(json.loads(response.content))["errors"][0]["status"] == "401"
    plain = client.post("/api/auth/token", {"username": "Admin", "password": "admin123"}, format="json")
    assert plain.status_code == 201 and "token" in plain.json()  # plain JSON clients: as before


def test_the_token_endpoint_is_in_the_openapi_schema(api):
    schema = api.client.get("/api/schema?format=json").json()
    operation = schema["paths"]["/api/auth/token"]["post"]
    assert "201" in operation["responses"]
    assert not any(path.startswith("/api/insuree-versions") for path in schema["paths"])  # via /history only
    history = schema["paths"]["/api/insurees/{id}/history/"]["get"]["responses"]["200"]["content"][JSONAPI]
    assert history["schema"]["properties"]["data"]["items"] == {"$ref": "#/components/schemas/InsureeVersionsResource"}
