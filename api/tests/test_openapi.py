"""OpenAPI 3 schema and offline docs."""
import pytest

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_schema_describes_every_resource_and_json_api_parameters(api):
    response = api.client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200, response.content[:500]
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    text = str(schema["paths"])
    for type_ in ("insurees", "families", "locations", "health-facilities", "products", "policies",
                  "premiums", "claims", "officers", "users", "roles", "genders"):
        assert f"/api/{type_}" in text
    assert "include" in text and "page[size]" in text and "filter[chfId]" in text


@pytest.mark.parametrize("url", ["/api/docs", "/api/redoc"])
def test_docs_are_served_offline(api, url):
    response = api.client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_schema_needs_an_authenticated_caller(client):
    assert client.get("/api/schema").status_code in (401, 403)


def test_docs_assets_ship_with_the_app():
    from django.contrib.staticfiles import finders
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
