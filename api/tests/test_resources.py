"""Every resource: list, detail by any-case id, attributes, current rows only, deny-by-default."""

import datetime

import pytest

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_ids_are_lower_case_uuids_and_legacy_id_is_the_integer_key(api):
    fam = builders.family()
    builders.Insuree.objects.filter(pk=fam.head_id).update(uuid=fam.head.uuid.upper())
    doc = api.get(f"/api/insurees/{fam.head.uuid.upper()}")
    assert doc["data"]["id"] == fam.head.uuid.lower()
    assert doc["data"]["attributes"]["legacyId"] == fam.head_id
    assert doc["data"]["attributes"]["chfId"] == fam.head.chf_id
    api.get(f"/api/insurees/{fam.head.uuid.lower()}")


def test_lists_show_current_rows_only(api):
    fam = builders.family(members=2)
    builders.new_version(fam.head, datetime.datetime(2021, 1, 1), last_name="Renamed")
    gone = fam.members.current().exclude(pk=fam.head_id).get()
    builders.Insuree.objects.filter(pk=gone.pk).update(validity_to=datetime.datetime(2022, 1, 1))
    doc = api.get("/api/insurees")
    assert [item["attributes"]["lastName"] for item in doc["data"]] == ["Renamed"]
    api.get(f"/api/insurees/{gone.uuid}", status=404)


def test_users_never_expose_secrets(api):
    builders.legacy_user()
    doc = api.get("/api/users")
    text = str(doc)
    assert "secret" not in text and "storedPassword" not in text and "privateKey" not in text
    assert doc["data"][0]["attributes"]["loginName"].startswith("user")


def test_claims_expose_items_and_services_as_includable_resources(api):
    claim = builders.claim(builders.family().head, items=2, services=1)
    doc = api.get(f"/api/claims/{claim.uuid}?include=items,services")
    assert len(doc["data"]["relationships"]["items"]["data"]) == 2
    assert len(doc["data"]["relationships"]["services"]["data"]) == 1
    assert sorted(item["type"] for item in doc["included"]) == ["claim-items", "claim-items", "claim-services"]


def test_unauthenticated_gets_401_with_a_bearer_challenge(client):
    response = client.get("/api/insurees", HTTP_ACCEPT="application/vnd.api+json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["status"] == "401"


def test_unknown_id_is_404(api):
    doc = api.get("/api/insurees/00000000-0000-0000-0000-000000000000", status=404)
    assert doc["errors"][0]["status"] == "404"
    api.get("/api/educations/not-a-number", status=404)


def test_trailing_slash_head_and_options(api):
    builders.family()
    assert api.get("/api/insurees/")["data"]
    assert api.client.head("/api/insurees").status_code == 200
    response = api.client.options("/api/insurees", HTTP_ACCEPT="application/vnd.api+json")
    assert response.status_code == 204 and not response.content  # nothing that would not be a JSON:API document
    assert {"GET", "POST", "OPTIONS"} <= {method.strip() for method in response["Allow"].split(",")}


def test_write_methods_are_405_until_a_module_adds_them(api):
    product = builders.product()  # products have no write actions
    for method in ("post", "patch", "put", "delete"):
        url = "/api/products" if method == "post" else f"/api/products/{product.uuid}"
        response = getattr(api.client, method)(
            url, data="{}", content_type="application/vnd.api+json", HTTP_ACCEPT="application/vnd.api+json"
        )
        assert response.status_code == 405, method
