"""Statements per list request in total, authentication included (issue 20: at most 4), and the bounded lag
that buys it: a worker remembers a token row (auth_bridge.recent) and a list total (api.totals) for a few
seconds, yet a revoked token, a deactivated user and a removed right are refused within 5 s.

Clocks are stopped (monkeypatch) so that "within the lag" and "after it" do not depend on how fast the
machine runs the test; the databases, the tokens and the requests are real.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api import totals
from auth_bridge import codes, recent
from auth_bridge import testing as t
from auth_bridge.models import ApiToken

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1_000_000.0
        monkeypatch.setattr(recent, "clock", lambda: self.now)
        monkeypatch.setattr(totals, "clock", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def _get(token, url):
    return APIClient().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


def _statements(token, url):
    """Every statement a request sends to either database (the state DB's cache and token rows included)."""
    with (
        CaptureQueriesContext(connections["default"]) as state,
        CaptureQueriesContext(connections["legacy"]) as legacy,
    ):
        response = _get(token, url)
    assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in (*state.captured_queries, *legacy.captured_queries)]


def _world():
    w = t.two_districts()
    for _ in range(12):
        fam = t.family(w.a.tree.village)
        for _ in range(2):
            t.insuree(fam)
    t.admin()
    t.clerk("clerkA", "pw", w.a.tree.district, [codes.Right.INSUREE_READ, codes.Right.FAMILY_READ])
    return w


W1 = "/api/insurees?page[size]={n}&include=family"


@pytest.mark.parametrize(
    "login, url",
    [
        (("Admin", "admin123"), W1),  # W1
        (("Admin", "admin123"), W1 + "&page[after]="),  # W1 cursor mode
        (("clerkA", "pw"), W1),  # W2: scoped
        (("Admin", "admin123"), "/api/insurees?page[size]={n}&fields[insurees]=chfId,lastName"),  # W3
    ],
)
def test_a_list_request_costs_at_most_4_statements_in_total(fresh_rights, clock, login, url):
    _world()
    token = t.token_login(*login)
    _statements(token, url.format(n=10))  # the first request reads the token row and stores the total
    clock.advance(1)
    small = _statements(token, url.format(n=10))
    large = _statements(token, url.format(n=100))
    assert len(small) == len(large) <= 4, small


def test_a_token_revoked_elsewhere_is_refused_within_the_bound(fresh_rights, clock):
    _world()
    token = t.token_login("Admin", "admin123")
    assert _get(token, "/api/insurees").status_code == 200
    ApiToken.objects.update(revoked=True)  # as another worker or `purge_tokens` would: no signal here
    clock.advance(recent.seconds() - 0.5)
    assert _get(token, "/api/insurees").status_code == 200  # the lag this worker may have (2 s by default)
    clock.advance(0.5)
    assert _get(token, "/api/insurees").status_code == 401


def test_the_bound_is_5_seconds_whatever_the_setting(fresh_rights, clock, settings):
    settings.AUTH_TOKEN_CACHE_SECONDS = 3600
    _world()
    token = t.token_login("Admin", "admin123")
    assert _get(token, "/api/insurees").status_code == 200
    ApiToken.objects.update(revoked=True)
    clock.advance(5)
    assert _get(token, "/api/insurees").status_code == 401


def test_a_django_user_deactivated_elsewhere_is_refused_within_the_bound(fresh_rights, clock):
    _world()
    token = t.token_login("clerkA", "pw")
    assert _get(token, "/api/insurees").status_code == 200
    ApiToken.objects.get().user.__class__.objects.update(is_active=False)  # no signal
    clock.advance(recent.seconds())
    assert _get(token, "/api/insurees").status_code == 401


def test_changes_through_this_process_count_at_once(fresh_rights, clock):
    _world()
    token = t.token_login("clerkA", "pw")
    assert _get(token, "/api/insurees").status_code == 200
    assert APIClient().delete("/api/auth/token", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 204
    assert _get(token, "/api/insurees").status_code == 401  # logout: no lag
    other = t.token_login("clerkA", "pw")
    assert _get(other, "/api/insurees").status_code == 200
    user = ApiToken.objects.filter(revoked=False).get().user
    user.is_active = False
    user.save()  # a save in this process drops what it remembers
    assert _get(other, "/api/insurees").status_code == 401


def test_legacy_changes_count_on_the_next_request_without_waiting(fresh_rights, clock):
    """The legacy user row is read on every request: nothing about it is remembered."""
    _world()
    token = t.token_login("clerkA", "pw")
    assert _get(token, "/api/insurees").status_code == 200
    role = t.role("Families only", rights=[codes.Right.FAMILY_READ])
    row = t.legacy_user("clerkB", "pw", roles=[role])
    other = t.token_login("clerkB", "pw")
    assert _get(other, "/api/families").status_code == 200
    from legacy.models import RoleRight

    t.delete_legacy(RoleRight.objects.current().get(role=role))  # the right removed in the legacy application
    assert _get(other, "/api/families").status_code == 403
    t.delete_legacy(row)  # the user deleted in the legacy application
    assert _get(other, "/api/families").status_code == 401
    assert _get(token, "/api/insurees").status_code == 200  # (nobody else is affected)


def test_a_remembered_total_is_never_older_than_the_shared_one(fresh_rights, clock, settings):
    settings.API_COUNT_CACHE_SECONDS = 10
    w = _world()
    token = t.token_login("Admin", "admin123")

    def count():
        return _get(token, "/api/families?page[size]=1").json()["meta"]["pagination"]["count"]

    first = count()
    t.family(w.a.tree.village)  # a new family: the total is remembered, so not counted yet
    clock.advance(9)
    assert count() == first
    totals.forget()  # another worker: reads the shared entry, valid until it was stored + 10 s
    assert count() == first
    clock.advance(1)
    assert count() == first + 1  # both recount once the shared entry's 10 s are over
