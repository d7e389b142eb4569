"""Behind a gateway: OIDC/JWT bearer tokens verified locally, the opt-in identity header, env settings."""

import datetime
import json
import os
import subprocess
import sys

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from rest_framework.test import APIRequestFactory

from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.jwt_auth import _jwks_from_file

from .test_rights import InsureeProbe

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

ISSUER, AUDIENCE = "https://idp.example.org/realms/imis", "imis-api"


@pytest.fixture(scope="module")
def private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def keys(private_key, tmp_path, settings):
    private = private_key
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}))
    settings.AUTH_OIDC_ISSUER, settings.AUTH_OIDC_AUDIENCE = ISSUER, AUDIENCE
    settings.AUTH_OIDC_JWKS_FILE = str(path)
    _jwks_from_file.cache_clear()
    yield private
    _jwks_from_file.cache_clear()


def sign(private, kid="k1", **claims):
    now = datetime.datetime.now(datetime.UTC)
    body = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "exp": now + datetime.timedelta(minutes=5),
        "preferred_username": "Reader",
        **claims,
    }
    return jwt.encode(body, private, algorithm="RS256", headers={"kid": kid})


def get(**headers):
    return InsureeProbe.as_view()(APIRequestFactory().get("/probe", **headers))


@pytest.fixture
def reader():
    return t.legacy_user("Reader", "pw", roles=[t.role(rights=[codes.Right.INSUREE_READ])])


def test_valid_jwt_maps_its_claim_to_the_exact_legacy_login(keys, reader):
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username='Reader')}").status_code == 200


@pytest.mark.parametrize("claimed", ["reader", "READER", "Reader ", "Reade\u0280", "Re\u0430der"])
def test_jwt_claim_is_never_folded_to_a_legacy_login(keys, reader, claimed):
    """Case, white space and look-alike letters name another login (an IdP user `Admın` is not `Admin`)."""
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username=claimed)}").status_code == 401


def test_dotless_i_identity_provider_user_is_not_the_administrator(keys):
    t.admin()
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username='Admin')}").status_code == 200
    dotless = sign(keys, preferred_username="Adm\u0131n")
    assert get(HTTP_AUTHORIZATION=f"Bearer {dotless}").status_code == 401


def test_jwt_without_audience_is_refused(keys, reader):
    token = jwt.encode(
        {
            "iss": ISSUER,
            "exp": datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5),
            "preferred_username": "Reader",
        },
        keys,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    assert get(HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_oidc_without_an_audience_accepts_nothing_and_check_reports_an_error(keys, reader, settings):
    from django.core.checks import run_checks

    settings.AUTH_OIDC_AUDIENCE = ""
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username='Reader', aud='any')}").status_code == 401
    errors = [message for message in run_checks() if message.id == "auth_bridge.E001"]
    assert errors and errors[0].is_serious()


@pytest.mark.parametrize(
    "change",
    [
        {"iss": "https://evil.example.org"},
        {"aud": "other"},
        {"exp": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
        {"preferred_username": "nobody"},
    ],
)
def test_jwt_with_wrong_issuer_audience_expiry_or_user_is_refused(keys, reader, change):
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, **change)}").status_code == 401


def test_jwt_signed_by_another_key_is_refused(keys, reader):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(other)}").status_code == 401
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(other, kid='unknown')}").status_code == 401


def test_jwt_for_a_deleted_legacy_user_is_refused(keys, reader):
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username='Reader')}").status_code == 200
    t.delete_legacy(reader)
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys, preferred_username='Reader')}").status_code == 401


def test_jwt_ignored_when_oidc_is_off(keys, reader, settings):
    settings.AUTH_OIDC_ISSUER = ""
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys)}").status_code == 401


def test_identity_header_is_off_by_default(reader):
    assert get(HTTP_X_REMOTE_USER="reader").status_code == 401


def test_identity_header_when_enabled_and_from_a_trusted_proxy(reader, settings):
    settings.AUTH_TRUSTED_HEADER = "X-Remote-User"
    settings.AUTH_TRUSTED_PROXIES = ["10.0.0.1"]
    assert get(HTTP_X_REMOTE_USER="READER", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert get(HTTP_X_REMOTE_USER="reader", REMOTE_ADDR="10.9.9.9").status_code == 401
    assert get(HTTP_X_REMOTE_USER="nobody", REMOTE_ADDR="10.0.0.1").status_code == 401


def _settings_with(env):
    code = (
        "import django, json; from django.conf import settings as s; django.setup(); print(json.dumps("
        "[s.SECURE_PROXY_SSL_HEADER, s.USE_X_FORWARDED_HOST, s.CSRF_TRUSTED_ORIGINS, s.ALLOWED_HOSTS,"
        " s.AUTH_TOKEN_LIFETIME_SECONDS, s.AUTH_LOGIN_THROTTLE_RATE]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_gateway_settings_come_from_the_environment():
    values = _settings_with(
        {
            "SECURE_PROXY_SSL_HEADER": "true",
            "USE_X_FORWARDED_HOST": "true",
            "CSRF_TRUSTED_ORIGINS": "https://imis.example.org",
            "ALLOWED_HOSTS": "imis.example.org",
            "AUTH_TOKEN_LIFETIME_SECONDS": "600",
            "AUTH_LOGIN_THROTTLE_RATE": "5/min",
        }
    )
    assert values == [
        ["HTTP_X_FORWARDED_PROTO", "https"],
        True,
        ["https://imis.example.org"],
        ["imis.example.org"],
        600,
        "5/min",
    ]
    defaults = _settings_with({})
    assert defaults[0] is None and defaults[1] is False and defaults[4] == 8 * 3600 and defaults[5] == "30/min"


def test_jwks_url_is_fetched_once_and_cached(keys, reader, settings):
    import http.server
    import threading

    from auth_bridge.jwt_auth import _jwks_client

    body = open(settings.AUTH_OIDC_JWKS_FILE, "rb").read()
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.AUTH_OIDC_JWKS_FILE = ""
    settings.AUTH_OIDC_JWKS_URL = f"http://127.0.0.1:{server.server_address[1]}/certs"
    _jwks_client.cache_clear()
    try:
        assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys)}").status_code == 200
        server.shutdown()
        assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys)}").status_code == 200  # keys from the cache
        assert hits == ["/certs"]
    finally:
        server.server_close()
        _jwks_client.cache_clear()


def test_failed_oidc_tokens_count_toward_the_clients_login_throttle(keys, reader, settings):
    settings.AUTH_LOGIN_THROTTLE_RATE = "2/min"
    forged = sign(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    assert [get(HTTP_AUTHORIZATION=f"Bearer {forged}").status_code for _ in range(2)] == [401, 401]
    throttled = get(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert get(HTTP_AUTHORIZATION=f"Bearer {sign(keys)}").status_code == 200  # a valid token is not slowed
