"""OpenAPI 3 schema and offline docs."""

import pytest

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_schema_describes_every_resource_and_json_api_parameters(api):
    response = api.client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200, response.content[:500]
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    text = str(schema["paths"])
    for type_ in (
        "insurees",
        "families",
        "locations",
        "health-facilities",
        "products",
        "policies",
        "premiums",
        "claims",
        "officers",
        "users",
        "roles",
        "genders",
    ):
        assert f"/api/{type_}" in text
    assert "include" in text and "page[size]" in text and "filter[chfId]" in text


@pytest.mark.parametrize("url", ["/api/docs", "/api/redoc"])
def test_docs_are_served_offline(api, url):
    response = api.client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_schema_needs_an_authenticated_caller_unless_the_docs_are_public(client, settings):
    assert client.get("/api/schema").status_code == 200  # API_PUBLIC_DOCS defaults to true
    settings.API_PUBLIC_DOCS = False
    assert client.get("/api/schema").status_code == 401


def test_docs_assets_ship_with_the_app():
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")


def test_schema_generates_without_warnings_and_validates(tmp_path):
    """What `check --deploy` runs: no drf-spectacular warning, and a schema valid against OpenAPI 3."""
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    operations = [op for path in schema["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    related = schema["paths"]["/api/families/{id}/{related_field}/"]["get"]
    field = next(p for p in related["parameters"] if p["name"] == "related_field")
    assert {"members", "head", "location", "familyType"} <= set(field["schema"]["enum"])
    insurees = schema["paths"]["/api/insurees/"]["get"]["parameters"]
    names = {p["name"] for p in insurees}
    assert {"include", "fields[insurees]", "sort", "filter[chfId]", "filter[search]", "page[after]"} <= names
    id_schema = str(schema["components"]["schemas"])
    assert "IdField" not in id_schema


def test_as_of_and_aggregates_are_documented_where_they_are_accepted(api):
    paths = api.client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]

    def names(path):
        return {p["name"] for p in paths[path]["get"].get("parameters", [])}

    for path in ("/api/insurees/{id}/", "/api/insurees/{id}/{related_field}/", "/api/families/{id}/"):
        assert "filter[asOf]" in names(path), path
    assert "filter[asOf]" not in names("/api/genders/{id}/")  # reference lists keep no history
    assert {"group", "filter[asOf]"} <= names("/api/insurees/aggregate/")
    as_of = api.client.get("/api/insurees/aggregate", {"group": "gender", "filter[asOf]": "2000-01-01T00:00:00"})
    assert as_of.status_code == 200, as_of.content[:300]  # what the document says is accepted
