"""Content negotiation: JSON:API (default), plain JSON, XML, CSV (streamed, formula-safe), browsable."""

import codecs
import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest

from api.exports import safe_cell
from api.urls import site
from legacy.demo.reference import create_reference_lists

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
    assert body["results"][0]["id"] == fam.head.uuid and body["results"][0]["chfId"] == fam.head.chf_id


@pytest.mark.parametrize("how", ["accept", "format"])
def test_xml(api, how):
    fam = builders.family()
    kwargs = {"HTTP_ACCEPT": "application/xml"} if how == "accept" else {}
    response = api.client.get("/api/insurees" + ("?format=xml" if how == "format" else ""), **kwargs)
    assert response["Content-Type"].startswith("application/xml")
    assert f"<chfId>{fam.head.chf_id}</chfId>".encode() in response.content


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


LISTED = [type_ for type_, resource in site.resources.items() if not resource.history_of]


def _xml_values(element):
    """An XML answer back as the JSON it renders (texts; lists from <list-item>; empty elements None)."""
    children = list(element)
    if children and all(child.tag == "list-item" for child in children):
        return [_xml_values(child) for child in children]
    if children:
        return {child.tag: _xml_values(child) for child in children}
    return element.text


def _as_xml_text(value):
    """A JSON value as the XML answer writes it."""
    if isinstance(value, dict):
        return {key: _as_xml_text(item) for key, item in value.items()} or None
    if isinstance(value, list):
        return [_as_xml_text(item) for item in value] or None
    if value is None or value == "":
        return None
    return {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("type_", LISTED)
def test_json_and_xml_say_what_json_api_says(api, type_):
    """Every type: plain JSON is the JSON:API resource objects flattened (camelCase names, same values, linkage
    ids as ids), and XML the same values as the plain JSON."""
    create_reference_lists()  # first: the world's rows take the gender they find
    builders.world()
    url = f"/api/{type_}?page[size]=5"
    document = api.get(url)
    plain = json.loads(api.client.get(url, HTTP_ACCEPT="application/json").content)
    assert document["data"], type_
    for resource, flat in zip(document["data"], plain["results"], strict=True):
        expected = {"id": resource["id"], **resource.get("attributes", {})}
        for name, relationship in resource.get("relationships", {}).items():
            if "data" in relationship:
                linkage = relationship["data"]
                ids = [item["id"] for item in linkage] if isinstance(linkage, list) else linkage and linkage["id"]
                expected[name] = ids
        assert flat == expected
    assert plain["meta"] == document["meta"]
    xml = api.client.get(url, HTTP_ACCEPT="application/xml")
    assert _xml_values(ElementTree.fromstring(xml.content))["results"] == _as_xml_text(plain["results"])


def test_xml_replaces_what_xml_1_0_forbids_also_in_errors(api):
    fam = builders.family()
    builders.Insuree.objects.filter(pk=fam.head_id).update(last_name="a\x01b\x0bc\ufffe", other_names="ok\tok")
    response = api.client.get(f"/api/insurees/{fam.head.uuid}", HTTP_ACCEPT="application/xml")
    assert response.status_code == 200
    values = _xml_values(ElementTree.fromstring(response.content))
    assert values["lastName"] == "a\ufffdb\ufffdc\ufffd" and values["otherNames"] == "ok\tok"
    error = api.client.get("/api/insurees?bo\x07gus=1", HTTP_ACCEPT="application/xml")
    assert error.status_code == 400
    detail = _xml_values(ElementTree.fromstring(error.content))["errors"][0]
    assert detail["status"] == "400" and detail["source"] == {"parameter": "bo\ufffdgus"}


@pytest.mark.parametrize("accept", ["application/vnd.api+json", "application/json", "application/xml"])
def test_errors_have_the_same_structure_in_every_format(api, accept):
    response = api.client.get("/api/insurees?sort=nope", HTTP_ACCEPT=accept)
    assert response.status_code == 400
    if accept == "application/xml":
        errors = _xml_values(ElementTree.fromstring(response.content))["errors"]
    else:
        errors = json.loads(response.content)["errors"]
    assert errors[0]["status"] == "400" and errors[0]["source"] == {"parameter": "sort"}
    assert set(errors[0]) == {"status", "title", "detail", "code", "source"}


def test_csv_bom_on_request(api):
    builders.family()
    plain = b"".join(api.client.get("/api/insurees?format=csv").streaming_content)
    with_bom = b"".join(api.client.get("/api/insurees?format=csv&bom=1").streaming_content)
    assert not plain.startswith(codecs.BOM_UTF8) and with_bom == codecs.BOM_UTF8 + plain
    paged = b"".join(api.client.get("/api/insurees?format=csv&bom=true&page[size]=1").streaming_content)
    assert paged.startswith(codecs.BOM_UTF8 + b"id,")
    refused = api.client.get("/api/insurees?bom=2", HTTP_ACCEPT="text/csv")
    assert refused.status_code == 400 and json.loads(refused.content)["errors"][0]["source"] == {"parameter": "bom"}
    assert api.get("/api/insurees?bom=1", status=400)["errors"][0]["source"] == {"parameter": "bom"}
