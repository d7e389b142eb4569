"""JSON:API error documents for every error status, and the media type rules."""

import pytest
from django.db import OperationalError
from rest_framework import exceptions
from rest_framework.test import APIRequestFactory

from api import errors, selectors
from api import errors as write_errors
from api.renderers import JsonApiRenderer
from api.testing import valid

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _rendered(response):
    return valid(__import__("json").loads(JsonApiRenderer().render(response.data)))


@pytest.mark.parametrize(
    "exc,status",
    [
        (exceptions.NotAuthenticated(), 401),
        (exceptions.PermissionDenied(), 403),
        (exceptions.NotFound(), 404),
        (exceptions.MethodNotAllowed("POST"), 405),
        (exceptions.NotAcceptable(), 406),
        (write_errors.Conflict("/data/type", "This endpoint takes other resources."), 409),
        (write_errors.PreconditionFailed("0123abcd"), 412),
        (exceptions.UnsupportedMediaType("text/plain"), 415),
        (RuntimeError("boom"), 500),
        (OperationalError("down"), 503),
    ],
)
def test_the_handler_answers_every_status_with_an_error_document(exc, status):
    if status == 401:
        exc.status_code = 401  # what DRF sets when an authenticator offers WWW-Authenticate
    response = errors.exception_handler(exc, {"view": None})
    assert response.status_code == status
    document = _rendered(response)
    assert document["jsonapi"] == {"version": "1.1"}
    assert document["errors"][0]["status"] == str(status)
    assert "boom" not in str(document)


def test_validation_errors_point_at_attributes():
    response = errors.exception_handler(exceptions.ValidationError({"lastName": ["required"]}), {"view": None})
    assert _rendered(response)["errors"][0]["source"] == {"pointer": "/data/attributes/lastName"}


def test_405_for_writes_on_a_read_only_resource(api):
    product = builders.product()  # products have no write actions
    response = api.client.post(
        "/api/products", data="{}", content_type="application/vnd.api+json", HTTP_ACCEPT="application/vnd.api+json"
    )
    assert response.status_code == 405
    assert valid(response.json())["errors"][0]["status"] == "405"
    assert api.client.delete(f"/api/products/{product.uuid}").status_code == 405


def test_406_when_every_json_api_accept_has_parameters(api):
    builders.family()
    doc = api.get("/api/insurees", status=406, accept="application/vnd.api+json; charset=utf-8")
    assert doc is not None and getattr(doc, "status_code", 406) == 406
    api.get("/api/insurees", accept="application/vnd.api+json; foo=1, application/vnd.api+json")
    api.get("/api/insurees", accept='application/vnd.api+json; profile="https://example.org/p"')
    assert api.client.get("/api/insurees", HTTP_ACCEPT="image/png").status_code == 406


def test_415_for_a_json_api_content_type_with_parameters(api):
    response = api.client.generic(
        "GET",
        "/api/insurees",
        "",
        content_type="application/vnd.api+json; version=1",
        HTTP_ACCEPT="application/vnd.api+json",
    )
    assert response.status_code == 415
    assert valid(response.json())["errors"][0]["status"] == "415"


def test_500_is_a_json_api_error(api, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(selectors, "planned", broken)
    doc = api.get("/api/insurees", status=500)
    assert doc["errors"][0]["status"] == "500" and "secret" not in str(doc)


def test_503_when_the_database_is_unreachable(api, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect")

    monkeypatch.setattr(selectors, "rows", down)
    doc = api.get("/api/insurees", status=503)
    assert doc["errors"][0]["status"] == "503"


def test_404_for_unknown_paths_under_a_resource(api):
    doc = api.get("/api/insurees/abc/def/ghi", status=404)
    assert doc is not None


def test_request_factory_view_without_query_fails_cleanly():
    request = APIRequestFactory().get("/api/insurees", HTTP_ACCEPT="application/vnd.api+json")
    from api.urls import site

    view = site.viewset(site.resources["insurees"]).as_view({"get": "list"})
    response = view(request)
    response.render()
    assert response.status_code == 401
    assert valid(__import__("json").loads(response.content))["errors"][0]["status"] == "401"
