"""Browser login and logout: the legacy login (same rules and lockout as the token), CSRF, `next`."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from auth_bridge import testing as t
from auth_bridge.models import LoginAttempts

from .conftest import BROWSER_ACCEPT

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
LOGIN = "/api/auth/login"


def login_form(client, url=LOGIN):
    response = client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def log_in(client, username, password, next_url=None):
    data = {"username": username, "password": password, "csrfmiddlewaretoken": login_form(client)}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data)


def browser():
    return Client(enforce_csrf_checks=True)


def test_login_goes_to_the_api_root_by_default_and_the_api_answers_html():
    t.admin()
    client = browser()
    response = log_in(client, "admin", "admin123")
    assert response.status_code == 302 and response["Location"] == "/api/"
    page = client.get("/api/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert ">Admin<" in html and "legacy-" not in html  # the legacy login name, not the internal one
    assert "Log out" in html


@pytest.mark.parametrize(
    ("next_url", "lands"),
    [
        ("/api/insurees?page%5Bsize%5D=5", "/api/insurees?page%5Bsize%5D=5"),
        ("https://evil.example/phish", "/api/"),  # only same-site URLs are followed
        ("//evil.example/", "/api/"),
    ],
)
def test_login_follows_next_only_within_the_site(next_url, lands):
    t.admin()
    response = log_in(browser(), "Admin", "admin123", next_url)
    assert response.status_code == 302 and response["Location"] == lands


def test_login_without_the_csrf_token_is_refused():
    t.admin()
    client = browser()
    login_form(client)  # has the cookie, but the form field is missing
    response = client.post(LOGIN, {"username": "Admin", "password": "admin123"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_wrong_password_reads_like_an_unknown_login_and_counts_towards_the_lockout(settings):
    settings.AUTH_LOCKOUT_ATTEMPTS = 3
    t.admin()
    client = browser()
    wrong, unknown = log_in(client, "Admin", "nope"), log_in(client, "Nobody", "nope")
    for response in (wrong, unknown):
        assert response.status_code == 200 and "Invalid login or password." in response.content.decode()
    assert LoginAttempts.objects.get(login="admin").failures == 1
    log_in(client, "Admin", "nope")
    log_in(client, "Admin", "nope")  # third failure: locked
    locked = log_in(client, "Admin", "admin123")
    assert locked.status_code == 200 and "Invalid login or password." in locked.content.decode()
    token = Client().post(
        "/api/auth/token", {"username": "Admin", "password": "admin123"}, content_type="application/json"
    )
    assert token.status_code == 401  # the same lock holds for the token login


def test_token_login_failures_lock_the_browser_login_too(settings):
    settings.AUTH_LOCKOUT_ATTEMPTS = 2
    t.admin()
    for _ in range(2):
        Client().post("/api/auth/token", {"username": "Admin", "password": "x"}, content_type="application/json")
    assert log_in(browser(), "Admin", "admin123").status_code == 200  # the form again: refused


def test_deleted_legacy_users_and_state_only_accounts_cannot_log_in_in_the_browser():
    """As for tokens: only current legacy users (a state-only account's password is right, and still no)."""
    t.delete_legacy(t.legacy_user("gone", "pw"))
    get_user_model().objects.create_superuser("ops", password="ops-password")
    for username, password in (("gone", "pw"), ("ops", "ops-password")):
        client = browser()
        response = log_in(client, username, password)
        assert response.status_code == 200 and "Invalid login or password." in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_get_shows_the_button():
    t.admin()
    client = browser()
    log_in(client, "Admin", "admin123")
    page = client.get("/api/auth/logout", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert page.status_code == 200 and "Log out" in page.content.decode()
    assert "_auth_user_id" in client.session  # a GET (a link, a prefetch) does not log out
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post("/api/auth/logout", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert client.get("/api/insurees", HTTP_ACCEPT=BROWSER_ACCEPT).status_code == 401
