"""Every login path: legacy hash variants, case-insensitive login, deleted users, lockout, tokens."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from auth_bridge import testing as t
from auth_bridge.hashers import check_legacy_password, legacy_hash
from auth_bridge.models import ApiToken, LegacyLink
from auth_bridge.tokens import hash_token
from legacy import models as m

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

TOKEN_URL = "/api/auth/token"


def get_token(client, username, password):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json")


def bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_legacy_hash_is_upper_hex_sha256_of_password_then_salt():
    # FIPS 180-2 test vector: SHA-256("abc"); password "ab" + PrivateKey "c"
    assert legacy_hash("ab", "c") == "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
    stored = legacy_hash("pw", "k")
    assert check_legacy_password("pw", stored, "k")
    assert check_legacy_password("pw  ", stored, "k")  # modular variant: trailing white space stripped
    assert check_legacy_password("pw", stored.lower(), "k")  # modular variant: any hex case
    assert not check_legacy_password("Pw", stored, "k")
    assert not check_legacy_password("pw", stored, "K")
    assert not check_legacy_password("pw", None, "k")


def test_demo_admin_logs_in_and_gets_a_token():
    t.admin()
    response = get_token(APIClient(), "Admin", "admin123")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"token", "expires"}
    stored = ApiToken.objects.get()
    assert stored.key_hash == hash_token(body["token"]) and body["token"] not in stored.key_hash
    expected = timezone.make_aware(timezone.now() + datetime.timedelta(hours=8))
    expires = datetime.datetime.fromisoformat(body["expires"])
    assert expires.tzinfo is not None and abs(expires - expected) < datetime.timedelta(minutes=1)
    assert stored.expires == timezone.make_naive(expires)


@pytest.mark.parametrize("typed", ["admin", "ADMIN", "aDmIn"])
def test_login_is_case_insensitive(typed):
    row = t.admin()
    user = authenticate(None, username=typed, password="admin123")
    assert user is not None and user.legacy_link.legacy_user_id == row.pk


def test_modular_variant_hash_lower_case_and_trailing_space():
    t.legacy_user("mod", "secret", private_key="abc", stored_password=legacy_hash("secret", "abc").lower())
    assert authenticate(None, username="mod", password="secret ") is not None
    assert authenticate(None, username="mod", password="secreT") is None


def test_wrong_password_unknown_login_and_deleted_user_get_the_same_answer():
    t.legacy_user("alive", "pw")
    gone = t.legacy_user("gone", "pw")
    t.delete_legacy(gone)
    client = APIClient()
    answers = [get_token(client, login, pw) for login, pw in [("alive", "bad"), ("nobody", "pw"), ("gone", "pw")]]
    assert {a.status_code for a in answers} == {401}
    assert len({a.content for a in answers}) == 1
    assert not ApiToken.objects.exists()


def test_only_the_current_row_is_checked():
    user = t.legacy_user("moved", "old")
    t.set_password(user, "new")  # history row keeps the old password
    assert authenticate(None, username="moved", password="old") is None
    assert authenticate(None, username="moved", password="new") is not None
    assert LegacyLink.objects.get().legacy_user_id == user.pk


def test_bad_request_bodies_are_json_errors():
    client = APIClient()
    assert client.post(TOKEN_URL, {"username": "x"}, format="json").status_code == 400
    response = client.post(TOKEN_URL, "not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["detail"]
    response = client.post(TOKEN_URL, "[1, 2]", content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")


def test_lockout_after_repeated_failures(settings):
    settings.AUTH_LOCKOUT_ATTEMPTS = 3
    t.legacy_user("victim", "right")
    client = APIClient()
    for _ in range(3):
        assert get_token(client, "VICTIM", "wrong").status_code == 401
    locked = get_token(client, "victim", "right")
    assert locked.status_code == 401
    # the same answer for a locked login as for an unknown login that is locked
    for _ in range(3):
        get_token(client, "ghost", "x")
    assert get_token(client, "ghost", "x").content == locked.content
    from auth_bridge.models import LoginAttempts

    LoginAttempts.objects.update(
        window_start=timezone.now() - datetime.timedelta(seconds=settings.AUTH_LOCKOUT_SECONDS)
    )
    assert get_token(client, "victim", "right").status_code == 201


def test_token_authenticates_and_expires(settings):
    t.admin()
    token = get_token(APIClient(), "Admin", "admin123").json()["token"]
    assert bearer(token).delete(TOKEN_URL).status_code == 204  # a valid token can revoke itself
    token = get_token(APIClient(), "Admin", "admin123").json()["token"]
    ApiToken.objects.filter(key_hash=hash_token(token)).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    response = bearer(token).delete(TOKEN_URL)
    assert response.status_code == 401 and response.json()["errors"][0]["detail"]


def test_token_lifetime_is_configurable(settings):
    settings.AUTH_TOKEN_LIFETIME_SECONDS = 60
    t.admin()
    expires = datetime.datetime.fromisoformat(get_token(APIClient(), "Admin", "admin123").json()["expires"])
    assert (
        datetime.timedelta(seconds=55) < expires - timezone.make_aware(timezone.now()) < datetime.timedelta(seconds=61)
    )


def test_revoked_token_is_refused():
    t.admin()
    token = get_token(APIClient(), "Admin", "admin123").json()["token"]
    client = bearer(token)
    assert client.delete(TOKEN_URL).status_code == 204
    assert client.delete(TOKEN_URL).status_code == 401
    assert ApiToken.objects.get().revoked


def test_password_change_in_legacy_app_kills_tokens_and_deleted_user_too():
    row = t.legacy_user("nurse", "pw1")
    token = get_token(APIClient(), "nurse", "pw1").json()["token"]
    t.set_password(row, "pw2")
    assert bearer(token).delete(TOKEN_URL).status_code == 401
    token2 = get_token(APIClient(), "nurse", "pw2").json()["token"]
    t.delete_legacy(row)
    assert bearer(token2).delete(TOKEN_URL).status_code == 401


def test_garbage_bearer_values_are_401():
    for value in ["Bearer", "Bearer a b", "Bearer nonsense", "Bearer x.y.z"]:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=value)
        assert client.delete(TOKEN_URL).status_code == 401, value


def test_session_login_for_browsable_api_follows_the_legacy_row():
    row = t.legacy_user("browser", "pw")
    client = APIClient()
    assert client.login(username="BROWSER", password="pw")

    def session_user():
        return client.get("/api/auth/login").wsgi_request.user

    assert session_user().is_authenticated
    t.set_password(row, "other")
    assert not session_user().is_authenticated  # password changed in the legacy app: session ends


def test_create_api_client_prints_a_working_token(capsys):
    tree = t.location_tree("Z")
    call_command("create_api_client", "reporting", "--rights", "101101,101001", "--district", tree.district.code)
    token = capsys.readouterr().out.strip()
    assert bearer(token).delete(TOKEN_URL).status_code == 204
    from auth_bridge.models import ApiClient

    client = ApiClient.objects.get(user__username="reporting")
    assert client.rights == [101001, 101101] and client.district_ids == [tree.district.pk]


def test_state_only_sessions_still_work_with_the_legacy_backend_first():
    from django.contrib.auth import get_user_model

    operator = get_user_model().objects.create_superuser("ops", password="ops-password")
    client = APIClient()
    client.force_login(operator)
    assert client.get("/api/auth/login").wsgi_request.user == operator
    assert APIClient().login(username="ops", password="ops-password")


def test_purge_tokens_keeps_live_tokens_and_counters(settings):
    from django.core.management import call_command

    from auth_bridge.models import LoginAttempts

    t.admin()
    live = get_token(APIClient(), "Admin", "admin123").json()["token"]
    dead = get_token(APIClient(), "Admin", "admin123").json()["token"]
    ApiToken.objects.filter(key_hash=hash_token(dead)).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    get_token(APIClient(), "someone", "wrong")
    call_command("purge_tokens", stdout=open("/dev/null", "w"))
    assert list(ApiToken.objects.values_list("key_hash", flat=True)) == [hash_token(live)]
    assert LoginAttempts.objects.filter(login="someone", failures=1).exists()


def test_trusted_header_raises_a_system_check_warning(settings):
    from django.core.checks import run_checks

    assert not [w for w in run_checks() if w.id.startswith("auth_bridge")]
    settings.AUTH_TRUSTED_HEADER = "X-Remote-User"
    assert [w.id for w in run_checks() if w.id.startswith("auth_bridge")] == ["auth_bridge.W001"]


def test_me_describes_the_principal():
    tree = t.location_tree("M")
    hf = t.health_facility(tree.district)
    row = t.hf_user("hfuser", "hfuser", hf, [111001])  # demo HF users: password = login name
    client = bearer(get_token(APIClient(), "HFUSER", "hfuser").json()["token"])
    body = client.get("/api/auth/me").json()
    role = m.UserRole.objects.get(user_id=row.pk).role
    assert body == {
        "username": "hfuser",  # the legacy LoginName, not the internal state-database user name
        "kind": "legacy",
        "legacyUserId": row.pk,
        "isAdmin": False,
        "roles": [{"id": role.pk, "name": role.role_name}],
        "rights": [{"code": 111001, "name": "claim.read"}],
        "districtIds": [tree.district.pk],
        "districts": [{"id": tree.district.pk, "code": tree.district.code, "name": tree.district.name}],
        "healthFacilityId": hf.pk,
        "allLocations": False,
    }
    assert APIClient().get("/api/auth/me").status_code == 401
