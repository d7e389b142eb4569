"""ADAPTER_MODULES: a disabled module has no URL, no OpenAPI entry and no include path into it."""

import pytest

from api.registry import ALL_MODULES, load_modules
from api.site import Site

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_all_modules_are_enabled_by_default(api):
    doc = api.get("/api/")
    assert doc["meta"]["modules"] == list(ALL_MODULES)
    assert {"insurees", "claims", "users", "medical-items"} <= set(doc["meta"]["resources"])


def test_unknown_module_names_are_refused():
    with pytest.raises(ValueError):
        load_modules(["insuree", "nothing"])


@pytest.mark.urls("api.tests.urlconfs.location_insuree")
def test_a_disabled_module_has_no_url(api):
    fam = builders.family()
    builders.claim(fam.head)
    api.get("/api/insurees")
    api.get("/api/claims", status=404)
    api.get("/api/policies", status=404)
    resources = set(api.get("/api/")["meta"]["resources"])
    assert resources >= {"insurees", "locations", "genders"} and "claims" not in resources


@pytest.mark.urls("api.tests.urlconfs.location_insuree")
def test_a_disabled_module_has_no_include_path_or_relationship(api):
    fam = builders.family()
    doc = api.get(f"/api/families/{fam.uuid}")
    assert "location" in doc["data"]["relationships"]
    site = Site(["insuree"])
    assert "location" not in site.relations(site.resources["families"])
    assert "healthFacility" not in str(site.serializers["insurees"]().fields.keys())


def test_include_into_a_disabled_module_is_400():
    from django.test import RequestFactory

    from api.errors import QueryParameterError
    from api.query import parse

    site = Site(["insuree"])
    params = RequestFactory().get("/", {"include": "family.location"}).GET
    with pytest.raises(QueryParameterError):
        parse(params, site.resources["insurees"], site)


@pytest.mark.urls("api.tests.urlconfs.location_insuree")
def test_a_disabled_module_has_no_openapi_entry(api):
    response = api.client.get("/api/schema?format=json")
    assert response.status_code == 200, response.content[:300]
    paths = response.json()["paths"]
    assert "/api/insurees" in paths or "/api/insurees/" in str(paths)
    assert not any("claims" in path or "policies" in path for path in paths)


def test_the_setting_selects_the_modules(settings):
    settings.ADAPTER_MODULES = ["claim", "insuree"]
    site = Site()
    assert [module.name for module in site.modules] == ["insuree", "claim"]
    assert "claims" in site.resources and "locations" not in site.resources
    assert "healthFacility" not in {name for name in site.serializers["claims"]().fields}
    assert "health_facility" not in site.relations(site.resources["claims"])
