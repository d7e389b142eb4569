"""Hostile input: every request below gets a 4xx JSON:API error (or, for text that is merely odd, an
empty 200), never a 5xx, and the legacy database is unchanged (row counts of every table)."""

import json

import pytest
from django.test import Client

from api.testing import JSONAPI
from api.tests import builders
from legacy import models as m
from robust import world

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

LONG = "x" * 10_000  # beyond every legacy column (CHFID is 12, names 100, addresses 200)
DEEP_INCLUDE = ".".join(["family", "head"] * 30)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic(using="legacy"):
            world.seed(families=3)
        yield
        builders.empty_legacy_tables()


@pytest.fixture
def admin(seeded):
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.login('Admin', client)}"
    return client


def _error(response, statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    assert response["Content-Type"].split(";")[0] in (JSONAPI, "application/json"), response["Content-Type"]
    document = json.loads(response.content)
    assert document["errors"] and document["errors"][0]["status"] == str(response.status_code)
    return document


BAD_QUERIES = [
    ("page-size-huge", "/api/insurees/?page[size]=100000000"),
    ("page-size-negative", "/api/insurees/?page[size]=-1"),
    ("page-size-superscript-digit", "/api/insurees/?page[size]=%C2%B2"),
    ("page-number-zero", "/api/insurees/?page[number]=0"),
    ("page-number-superscript", "/api/insurees/?page[number]=%C2%B9"),
    ("page-number-beyond-bigint", "/api/insurees/?page[number]=" + "9" * 40),
    ("page-after-garbage", "/api/insurees/?page[after]=%%%not-base64"),
    ("include-unknown", "/api/insurees/?include=nothing"),
    ("include-deep", f"/api/insurees/?include={DEEP_INCLUDE}"),
    ("include-deep-unknown", "/api/insurees/?include=family.head.x.y.z"),
    ("filter-date-wrong-type", "/api/insurees/?filter[dob]=yesterday"),
    ("filter-bool-wrong-type", "/api/families/?filter[poverty]=maybe"),
    ("filter-number-wrong-type", "/api/premiums/?filter[amount.gte]=lots"),
    ("filter-unknown", "/api/insurees/?filter[password]=x"),
    ("filter-asof-garbage", "/api/insurees/?filter[asOf]=not-a-moment"),
    ("sort-unknown", "/api/insurees/?sort=privateKey"),
    ("sort-sql", "/api/insurees/?sort=lastName;DROP%20TABLE%20tblInsuree"),
    ("fields-unknown", "/api/insurees/?fields[insurees]=storedPassword"),
    ("nul-in-filter", "/api/insurees/?filter[chfId]=ab%00cd"),
    ("nul-in-search", "/api/insurees/?filter[search]=%00"),
    ("nul-in-id", "/api/insurees/ab%00cd/"),
    ("nul-in-related-field", "/api/insurees/ab/fam%00ily/"),
    ("nul-in-include", "/api/insurees/?include=fam%00ily"),
    ("repeated-parameter", "/api/insurees/?page[size]=1&page[size]=2"),
    ("format-unknown", "/api/insurees/?format=exe"),
]


@pytest.mark.parametrize("url", [u for _, u in BAD_QUERIES], ids=[n for n, _ in BAD_QUERIES])
def test_bad_query_is_a_4xx_jsonapi_error(admin, url):
    before = world.legacy_row_counts()
    _error(admin.get(url, HTTP_ACCEPT=JSONAPI), {400, 404, 406})
    assert world.legacy_row_counts() == before


ODD_TEXT = [
    ("sql-quote", "' OR '1'='1"),
    ("sql-comment", "x'; DROP TABLE tblInsuree; --"),
    ("like-wildcards", "%_%"),
    ("lone-surrogate-utf8", "\udcff".encode("utf-8", "surrogateescape").decode("latin-1")),
    ("rtl-override", "\u202edcba"),
    ("combining", "e\u0301" * 50),
    ("astral", "\U0001f600" * 10),
    ("beyond-column-size", LONG),
]


@pytest.mark.parametrize("value", [v for _, v in ODD_TEXT], ids=[n for n, _ in ODD_TEXT])
@pytest.mark.parametrize(
    "parameter", ["filter[chfId]", "filter[lastName.icontains]", "filter[search]", "filter[family]"]
)
def test_odd_text_filters_match_nothing_and_change_nothing(admin, parameter, value):
    before = world.legacy_row_counts()
    response = admin.get("/api/insurees/", {parameter: value}, HTTP_ACCEPT=JSONAPI)
    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    if response.status_code == 200:
        assert json.loads(response.content)["data"] == []
    else:
        _error(response, {400})
    assert world.legacy_row_counts() == before


def test_odd_text_in_the_path_is_a_404(admin):
    for value in ["%27%20OR%201=1--", "%E2%80%AE", "%ED%A0%80", LONG]:
        _error(admin.get(f"/api/insurees/{value}/", HTTP_ACCEPT=JSONAPI), {404})


BAD_LOGINS = [
    ("not-json", "application/json", b"{username: Admin"),
    ("json-array", "application/json", b"[1, 2]"),
    ("wrong-types", "application/json", json.dumps({"username": ["Admin"], "password": {"x": 1}}).encode()),
    ("nul", "application/json", json.dumps({"username": "Ad\u0000min", "password": "admin123"}).encode()),
    ("lone-surrogate", "application/json", b'{"username": "\\ud800", "password": "\\udfff"}'),
    ("too-long", "application/json", json.dumps({"username": LONG, "password": "x"}).encode()),
    ("oversized-body", "application/json", json.dumps({"username": "Admin", "password": "x" * 3_000_000}).encode()),
    ("form-encoded", "application/x-www-form-urlencoded", b"username=Admin&password=admin123"),
    ("text-plain", "text/plain", b"Admin admin123"),
    ("invalid-utf8", "application/json", b'{"username": "\xff\xfe", "password": "x"}'),
]


@pytest.mark.parametrize("content_type,body", [(c, b) for _, c, b in BAD_LOGINS], ids=[n for n, *_ in BAD_LOGINS])
def test_bad_login_documents_are_4xx(seeded, content_type, body):
    before = world.legacy_row_counts()
    response = Client().post("/api/auth/token", body, content_type=content_type)
    _error(response, {413} if len(body) > 2_621_440 else {400, 401, 415})
    assert world.legacy_row_counts() == before


MALFORMED_DOCUMENTS = [
    ("not-json", JSONAPI, b"{data:"),
    ("no-data", JSONAPI, b"{}"),
    ("data-not-object", JSONAPI, b'{"data": "x"}'),
    ("wrong-type", JSONAPI, json.dumps({"data": {"type": "families", "id": "x", "attributes": {}}}).encode()),
    (
        "nul-attribute",
        JSONAPI,
        json.dumps({"data": {"type": "insurees", "attributes": {"lastName": "a\u0000"}}}).encode(),
    ),
    (
        "nul-linkage-id",
        JSONAPI,
        json.dumps(
            {
                "data": {
                    "type": "insurees",
                    "relationships": {"family": {"data": {"type": "families", "id": "a\u0000b"}}},
                }
            }
        ).encode(),
    ),
    (
        "nul-linkage-reference-code",
        JSONAPI,
        json.dumps(
            {"data": {"type": "insurees", "relationships": {"gender": {"data": {"type": "genders", "id": "\u0000"}}}}}
        ).encode(),
    ),
    ("long-attribute", JSONAPI, json.dumps({"data": {"type": "insurees", "attributes": {"lastName": LONG}}}).encode()),
    ("media-type-parameter", JSONAPI + "; charset=utf-8; ext=x", b'{"data": null}'),
    ("wrong-content-type", "text/xml", b"<data/>"),
    ("oversized", JSONAPI, b'{"data": {"type": "insurees", "attributes": {"lastName": "' + b"x" * 3_000_000 + b'"}}}'),
]


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
@pytest.mark.parametrize(
    "content_type,body", [(c, b) for _, c, b in MALFORMED_DOCUMENTS], ids=[n for n, *_ in MALFORMED_DOCUMENTS]
)
def test_malformed_write_documents_are_4xx_and_change_nothing(admin, method, content_type, body):
    insuree = m.Insuree.objects.current().order_by("pk").first()
    url = "/api/insurees/" if method == "post" else f"/api/insurees/{insuree.uuid.lower()}/"
    before, row = world.legacy_row_counts(), m.Insuree.objects.get(pk=insuree.pk)
    response = getattr(admin, method)(url, body, content_type=content_type, HTTP_ACCEPT=JSONAPI)
    _error(response, {413} if len(body) > 2_621_440 else {400, 403, 405, 409, 412, 415, 422, 428})
    assert world.legacy_row_counts() == before
    after = m.Insuree.objects.get(pk=insuree.pk)
    assert {k: v for k, v in after.__dict__.items() if k != "_state"} == {
        k: v for k, v in row.__dict__.items() if k != "_state"
    }
