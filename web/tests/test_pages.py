"""What a browser gets: the landing page, HTML from every API endpoint (errors included), docs, version."""

import json
import re
import tomllib
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

from api.tests import builders
from auth_bridge import codes
from auth_bridge import testing as t
from legacy.demo.reference import DEMO_USERS

from .conftest import BROWSER_ACCEPT

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def logged_in(login="Admin", password="admin123"):
    client = Client()
    assert client.login(username=login, password=password)
    return client


def html(response, status=200):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.content.decode()


def test_landing_page_links_everything_and_lists_the_demo_logins_in_development():
    page = html(Client().get("/", HTTP_ACCEPT=BROWSER_ACCEPT))
    for href in ("/api/", "/api/docs", "/api/redoc", "/api/schema", "/health/ready", "/api/version", "/api/auth/login"):
        assert f'href="{href}"' in page, href
    for login, password, *_ in DEMO_USERS:
        assert f"<code>{login}</code>" in page and f"<code>{password}</code>" in page
    assert "<script" not in page


def test_landing_page_never_lists_demo_logins_in_production(settings):
    settings.PRODUCTION = True
    page = html(Client().get("/"))
    assert not [password for _, password, *_ in DEMO_USERS if password in page]


@pytest.mark.parametrize("accept", [BROWSER_ACCEPT, "text/html"])
def test_browsers_get_the_browsable_api_everywhere(accept):
    t.admin()
    fam = builders.family()
    client = logged_in()
    for url in (
        "/api/",
        "/api/insurees",
        f"/api/insurees/{fam.head.uuid}",
        f"/api/insurees/{fam.head.uuid}/family",
        "/api/genders",
        "/api/auth/me",
        "/api/version",
    ):
        page = html(client.get(url, HTTP_ACCEPT=accept))
        assert "openIMIS legacy REST API" in page and "<pre" in page, url
    assert fam.head.chf_id in html(client.get("/api/insurees", HTTP_ACCEPT=accept))


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/vnd.api+json", "application/vnd.api+json"),
        ("application/json", "application/json"),
        ("application/xml", "application/xml"),
        ("*/*", "application/vnd.api+json"),
        ("application/json, text/html", "application/json"),  # equal quality: the first listed
        ("text/html;q=0.5, application/json", "application/json"),
    ],
)
def test_programs_still_get_what_they_ask_for(accept, media_type):
    t.admin()
    response = logged_in().get("/api/insurees", HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"].startswith(media_type)


def test_format_parameter_beats_a_browsers_accept_header():
    t.admin()
    response = logged_in().get("/api/insurees?format=json", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response["Content-Type"].startswith("application/json")


def test_a_visitor_gets_an_html_401_with_a_login_link_back_to_the_page():
    for url in ("/api/", "/api/insurees?page%5Bsize%5D=2", "/api/auth/me"):
        page = html(Client().get(url, HTTP_ACCEPT=BROWSER_ACCEPT), 401)
        assert "You are not logged in." in page
        assert f'href="/api/auth/login?next={quote(url, safe="/")}"' in page


def test_a_403_names_the_missing_right_in_html_and_json():
    tree = t.location_tree("R")
    t.clerk("clerk", "pw", tree.district, [codes.Right.FAMILY_READ])
    client = logged_in("clerk", "pw")
    page = html(client.get("/api/insurees", HTTP_ACCEPT=BROWSER_ACCEPT), 403)
    assert "This needs the legacy right 101101 (insuree.read)" in page
    body = client.get("/api/insurees", HTTP_ACCEPT="application/vnd.api+json").json()
    assert body["errors"][0]["detail"].startswith("This needs the legacy right 101101 (insuree.read)")


@pytest.mark.parametrize("url", ["/api/docs", "/api/redoc"])
def test_docs_are_public_by_default_and_load_nothing_from_other_hosts(url):
    page = html(Client().get(url, HTTP_ACCEPT=BROWSER_ACCEPT))
    assert not re.findall(r"(?:src|href)=[\"']?(?:https?:)?//", page), "a URL to another host"
    assert "fonts.googleapis" not in page and "/static/drf_spectacular_sidecar/" in page
    assert Client().get("/api/schema").status_code == 200


@pytest.mark.parametrize("url", ["/api/docs", "/api/redoc"])
def test_private_docs_send_visitors_to_the_login_first(settings, url):
    settings.API_PUBLIC_DOCS = False
    response = Client().get(url, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 302 and response["Location"] == f"/api/auth/login?next={url}"
    assert Client().get("/api/schema").status_code == 401
    t.admin()
    assert logged_in().get(url).status_code == 200


def test_version_names_the_product_the_commit_and_the_legacy_schema_check():
    with open(django_settings.BASE_DIR / "pyproject.toml", "rb") as file:
        product_version = tomllib.load(file)["project"]["version"]
    meta = json.loads(Client().get("/api/version", HTTP_ACCEPT="application/vnd.api+json").content)["meta"]
    assert meta["version"] == product_version
    assert meta["apiVersion"] == django_settings.SPECTACULAR_SETTINGS["VERSION"]
    assert meta["commit"] is None or re.fullmatch(r"[0-9a-f]{40}", meta["commit"])
    assert meta["legacySchema"]["status"] == "compatible" and meta["legacySchema"]["problems"] == 0
    t.admin()
    root = json.loads(logged_in().get("/api/", HTTP_ACCEPT="application/vnd.api+json").content)
    assert root["meta"]["version"] == meta


def test_version_reports_an_incompatible_legacy_schema():
    """A legacy table missing (renamed in the test database, inside the test's transaction, then back)."""
    connection = connections["legacy"]
    rename = "ALTER TABLE {} RENAME TO {}".format
    table, gone = connection.ops.quote_name("tblGender"), connection.ops.quote_name("tblGender_gone")
    with connection.cursor() as cursor:
        cursor.execute(rename(table, gone))
    try:
        meta = Client().get("/api/version", HTTP_ACCEPT="application/json").json()["meta"]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(rename(gone, table))
    assert meta["legacySchema"]["status"] == "incompatible" and meta["legacySchema"]["problems"] >= 1


def test_me_in_html_shows_roles_rights_and_districts():
    tree = t.location_tree("M")
    t.clerk("clerk", "pw", tree.district, [codes.Right.INSUREE_READ])
    page = html(logged_in("clerk", "pw").get("/api/auth/me", HTTP_ACCEPT=BROWSER_ACCEPT))
    for text in ("clerk role", "insuree.read", "101101", tree.district.code):
        assert text in page, text


def test_a_browser_lost_on_an_unknown_url_gets_a_page_back_to_the_start_and_programs_json():
    page = html(Client().get("/no/such/page", HTTP_ACCEPT=BROWSER_ACCEPT), 404)
    assert 'href="/"' in page and "/no/such/page" in page
    for url in ("/no/such/page", "/api/no-such-type"):
        response = Client().get(url, HTTP_ACCEPT="application/vnd.api+json")
        assert response.status_code == 404 and response.json()["errors"][0]["status"] == "404"


def test_the_former_session_login_url_leads_to_the_login_page():
    response = Client().get("/api/auth/session/login/?next=/api/insurees")
    assert response.status_code == 301 and response["Location"] == "/api/auth/login?next=/api/insurees"
    assert Client().get("/favicon.ico").status_code == 301
