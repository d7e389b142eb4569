"""Security round 2 on the login paths: one canonical login, a lockout window attackers cannot extend, a
per-client throttle, the same work whether locked or not, and revocation that survives a restored row."""

import datetime

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from auth_bridge import testing as t
from auth_bridge.models import ApiToken, LoginAttempts
from legacy import models as m

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

TOKEN_URL = "/api/auth/token"


def login(username, password, address="10.1.0.1"):
    return APIClient(REMOTE_ADDR=address).post(TOKEN_URL, {"username": username, "password": password}, format="json")


def me(token):
    return APIClient().get("/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def lockout(settings):
    settings.AUTH_LOCKOUT_ATTEMPTS, settings.AUTH_LOCKOUT_SECONDS = 3, 900
    settings.AUTH_LOGIN_THROTTLE_RATE = "1000/min"
    return settings


# --- 1. one canonical login form --------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["Adm\u0131n", "ADM\u0131N", "\u0410dmin"])
def test_look_alike_spellings_are_other_logins(lockout, spelling):
    """`UPPER('ı') = 'I'` in the database: folding would make `Admın` the administrator."""
    t.admin()
    assert login(spelling, "admin123").status_code == 401
    assert not ApiToken.objects.exists()


def test_long_s_is_not_s(lockout):
    t.legacy_user("Sam", "pw")
    assert login("\u017fam", "pw").status_code == 401
    assert login("sAM", "pw").status_code == 201  # ASCII case is ignored, as the legacy collation does


def test_every_spelling_of_a_login_shares_one_failure_budget_and_the_dotless_i_bypass_is_closed(lockout):
    t.admin()
    for spelling in ("Admin", "ADMIN", " admin "):  # legacy: Trim, then a case-insensitive collation
        assert login(spelling, "wrong").status_code == 401
    assert LoginAttempts.objects.get().failures == 3
    assert login("Admin", "admin123").status_code == 401  # locked
    assert login("Adm\u0131n", "admin123").status_code == 401  # no way around the lock
    assert login(" aDMIN", "admin123").status_code == 401


def test_the_legacy_trim_applies_to_the_typed_login(lockout):
    t.admin()
    assert login("  Admin\t", "admin123").status_code == 201


# --- 2. lockout window and throttle -----------------------------------------------------------------
def test_failures_during_a_lock_do_not_extend_it(lockout):
    t.legacy_user("victim", "right")
    for _ in range(3):
        login("victim", "wrong")
    opened = LoginAttempts.objects.get().window_start
    for _ in range(5):  # an attacker keeps trying while the login is locked
        assert login("victim", "wrong").status_code == 401
    assert LoginAttempts.objects.get().window_start == opened
    assert login("victim", "right").status_code == 401
    # the window opened by the first failure ends: the owner logs in, whatever was tried meanwhile
    LoginAttempts.objects.update(window_start=opened - datetime.timedelta(seconds=900))
    assert login("victim", "right").status_code == 201


def test_old_failures_open_a_new_window_instead_of_adding_up(lockout):
    t.legacy_user("slow", "right")
    for _ in range(2):
        login("slow", "wrong")
    LoginAttempts.objects.update(window_start=timezone.now() - datetime.timedelta(seconds=901))
    login("slow", "wrong")
    assert LoginAttempts.objects.get().failures == 1
    assert login("slow", "right").status_code == 201


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (fast in tests) that counts the hashes it computes."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


def _work(username, password):
    CountingHasher.calls = 0
    with CaptureQueriesContext(connections["default"]) as state, CaptureQueriesContext(connections["legacy"]) as legacy:
        response = login(username, password)
    return response.status_code, response.content, CountingHasher.calls, len(legacy), len(state)


def test_a_locked_login_gets_the_same_answer_after_the_same_work(lockout):
    lockout.PASSWORD_HASHERS = ["auth_bridge.tests.test_login_hardening.CountingHasher"]
    t.legacy_user("victim", "right")
    login("victim", "wrong")
    wrong = _work("victim", "wrong")  # a second failure, not locked yet
    login("victim", "wrong")
    locked = _work("victim", "right")  # locked: the right password changes nothing
    assert locked == wrong
    assert wrong[0] == 401 and wrong[2] >= 1  # Django's password hash was spent in both


def test_login_throttle_per_client_on_the_token_and_session_paths(lockout):
    lockout.AUTH_LOGIN_THROTTLE_RATE, lockout.AUTH_LOCKOUT_ATTEMPTS = "3/min", 10
    t.legacy_user("clerk", "pw")
    assert [login("clerk", "bad").status_code for _ in range(2)] == [401, 401]
    session = Client(REMOTE_ADDR="10.1.0.1").post("/api/auth/login", {"username": "clerk", "password": "x"})
    assert session.status_code == 200  # the form again (wrong password): the third attempt of this client
    throttled = login("clerk", "pw")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert throttled.json()["errors"][0]["status"] == "429"
    session = Client(REMOTE_ADDR="10.1.0.1").post("/api/auth/login", {"username": "clerk", "password": "pw"})
    assert session.status_code == 429 and int(session["Retry-After"]) > 0
    assert login("clerk", "pw", address="10.1.0.2").status_code == 201  # another client is not slowed


# --- 3. revocation that sticks -----------------------------------------------------------------------
def _restore(row, **values):
    """Put a legacy row back as it was (a DBA restore): same ValidityFrom, current again."""
    m.User.objects.filter(pk=row.pk).update(validity_to=None, legacy_id=None, **values)


def test_a_token_revoked_by_deactivation_stays_dead_when_the_user_is_restored(lockout):
    row = t.legacy_user("nurse", "pw")
    before = m.User.objects.get(pk=row.pk)
    token = login("nurse", "pw").json()["token"]
    assert me(token).status_code == 200
    t.delete_legacy(row)
    assert me(token).status_code == 401
    _restore(row, validity_from=before.validity_from)
    assert me(token).status_code == 401
    assert ApiToken.objects.get().revoked
    assert me(login("nurse", "pw").json()["token"]).status_code == 200  # a new login works


def test_a_token_issued_before_a_password_change_stays_dead_when_the_old_hash_is_restored(lockout):
    row = t.legacy_user("nurse", "pw")
    before = m.User.objects.get(pk=row.pk)
    token = login("nurse", "pw").json()["token"]
    t.set_password(row, "new")
    _restore(row, stored_password=before.stored_password, private_key=before.private_key)
    assert me(token).status_code == 401  # ValidityFrom moved with the change: the state it was issued for is gone
    _restore(row, validity_from=before.validity_from)  # even a restore of every column
    assert me(token).status_code == 401
