"""Content negotiation: JSON:API (default), plain JSON, XML, CSV (streamed, formula-safe), browsable."""

import csv
import io
import json
import re

import pytest

from api.exports import safe_cell

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_json_api_is_the_default(api):
    builders.family()
    response = api.client.get("/api/insurees")
    assert response["Content-Type"] == "application/vnd.api+json"
    response = api.client.get("/api/insurees", HTTP_ACCEPT="*/*")
    assert response["Content-Type"] == "application/vnd.api+json"


@pytest.mark.parametrize("how", ["accept", "format"])
def test_plain_json(api, how):
    fam = builders.family()
    kwargs = {"HTTP_ACCEPT": "application/json"} if how == "accept" else {}
    response = api.client.get("/api/insurees" + ("?format=json" if how == "format" else ""), **kwargs)
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["results"][0]["id"] == fam.head.uuid and body["results"][0]["chf_id"] == fam.head.chf_id


@pytest.mark.parametrize("how", ["accept", "format"])
def test_xml(api, how):
    fam = builders.family()
    kwargs = {"HTTP_ACCEPT": "application/xml"} if how == "accept" else {}
    response = api.client.get("/api/insurees" + ("?format=xml" if how == "format" else ""), **kwargs)
    assert response["Content-Type"].startswith("application/xml")
    assert f"<chf_id>{fam.head.chf_id}</chf_id>".encode() in response.content


def _csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_csv_streams_all_rows_without_page_parameters(api):
    builders.family(members=60)
    response = api.client.get("/api/insurees", HTTP_ACCEPT="text/csv")
    assert response.streaming
    rows = _csv(response)
    assert rows[0][:3] == ["id", "legacyId", "chfId"] and "family" in rows[0]
    assert len(rows) == 61


def test_csv_with_page_parameters_and_sparse_fields(api):
    builders.family(members=5)
    rows = _csv(api.client.get("/api/insurees?format=csv&page[size]=2&fields[insurees]=chfId"))
    assert rows[0] == ["id", "chfId"] and len(rows) == 3


def test_csv_is_safe_against_formula_injection_and_quotes_rfc4180(api):
    fam = builders.family()
    builders.Insuree.objects.filter(pk=fam.head_id).update(last_name='=HYPERLINK("x"),1', other_names="a\nb")
    rows = _csv(api.client.get("/api/insurees?format=csv&fields[insurees]=lastName,otherNames"))
    assert rows[1][1:] == ['\'=HYPERLINK("x"),1', "a\nb"]
    assert [safe_cell(v) for v in ("+1", "-x", "@a", "ok", 5, None)] == ["'+1", "'-x", "'@a", "ok", 5, ""]


def test_csv_memory_uses_a_server_side_iterator(api):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    builders.family(members=3)
    with CaptureQueriesContext(connections["legacy"]) as queries:
        rows = _csv(api.client.get("/api/insurees?format=csv"))
    assert len(rows) == 4
    # no page LIMIT on the statement itself (linkage lookups are `(SELECT ... LIMIT 1)` subqueries)
    assert not any(re.search(r"LIMIT \d+\s*$", q["sql"].upper()) for q in queries.captured_queries)


def test_csv_errors_are_json_api(api):
    response = api.client.get("/api/insurees?format=csv&bogus=1")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/vnd.api+json"


def test_browsable_api_shows_the_document(api):
    builders.family()
    response = api.client.get("/api/insurees", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"insurees" in response.content
    assert b"<html" in response.content.lower()


@pytest.mark.parametrize(
    "resource",
    [
        "insurees",
        "families",
        "claims",
        "claim-items",
        "policies",
        "premiums",
        "locations",
        "health-facilities",
        "genders",
        "officers",
        "products",
    ],
)
def test_csv_export_from_row_tuples_equals_the_cells_of_model_rows(api, resource):
    """The export reads plain tuples (`column_reader`); a CSV page reads model instances (`cell_reader`)."""
    builders.world()
    builders.family(members=3)
    fam = builders.family(members=1)
    builders.Insuree.objects.filter(pk=fam.head_id).update(last_name="-x", phone=None)
    export = _csv(api.client.get(f"/api/{resource}?format=csv"))
    page = _csv(api.client.get(f"/api/{resource}?format=csv&page[size]=500"))
    assert len(export) > 1 and export == page
