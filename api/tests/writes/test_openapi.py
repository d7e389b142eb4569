"""The OpenAPI schema describes the write operations: documents, If-Match, ETag and error responses."""

import pytest

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def schema(admin):
    response = admin.client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _path(schema, suffix):
    return next(ops for path, ops in schema["paths"].items() if path.endswith(suffix))


@pytest.mark.parametrize("type_", ["families", "insurees", "policies", "premiums", "locations", "health-facilities"])
def test_write_operations_are_described(schema, type_):
    listing, detail = _path(schema, f"/api/{type_}/"), _path(schema, f"/api/{type_}/{{id}}/")
    post, patch, delete = listing["post"], detail["patch"], detail["delete"]
    body = post["requestBody"]["content"]["application/vnd.api+json"]["schema"]
    assert body["properties"]["data"]["properties"]["type"]["enum"] == [type_]
    assert {"201", "400", "403", "404", "409", "422"} <= set(post["responses"])
    assert "ETag" in post["responses"]["201"]["headers"]
    assert {"200", "412", "422", "428"} <= set(patch["responses"]) and "ETag" in patch["responses"]["412"]["headers"]
    assert {"204", "404", "409", "412", "428"} <= set(delete["responses"])
    for operation in (patch, delete):
        assert any(p["name"] == "If-Match" and p["in"] == "header" for p in operation["parameters"])
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
    assert "put" not in detail


def test_the_family_document_carries_its_head(schema):
    post = _path(schema, "/api/families/")["post"]
    data = post["requestBody"]["content"]["application/vnd.api+json"]["schema"]["properties"]["data"]
    head = data["properties"]["attributes"]["properties"]["head"]["properties"]
    assert {"chfId", "lastName", "dob", "gender"} <= set(head) and "isHead" not in head
    assert set(data["properties"]["relationships"]["properties"]) == {"location", "familyType", "confirmationType"}
    assert head["lastName"]["maxLength"] == 100


def test_read_only_resources_have_no_write_operations(schema):
    assert set(_path(schema, "/api/products/")) == {"get"}
    assert set(_path(schema, "/api/claims/{id}/submit/")) == {"post"}
