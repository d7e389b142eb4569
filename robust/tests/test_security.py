"""Security checks: an authorization matrix generated from /api/schema (a new operation cannot escape
it), login throttling, no secret in logs or error messages, and the identity header only when enabled."""

import json
import logging

import pytest
from django.conf import settings as django_settings
from django.test import Client

from api.testing import JSONAPI, clear_caches
from api.tests import builders
from api.urls import site
from auth_bridge import testing as t
from robust import world

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

NO_RIGHTS = ("NoRights", "no-rights-pw-1")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic(using="legacy"):
            world.seed(families=2)
            t.legacy_user(*NO_RIGHTS)  # a current legacy user with no role and no district
        yield
        builders.empty_legacy_tables()


@pytest.fixture(autouse=True)
def fresh(settings):
    settings.AUTH_LOGIN_THROTTLE_RATE = "10000/min"  # the matrix logs in often from one address
    clear_caches()


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def operations(token):
    """(method, path template, operation) for every operation of the served OpenAPI schema."""
    response = Client().get("/api/schema?format=json", **bearer(token))
    assert response.status_code == 200
    schema = json.loads(response.content)
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, operation


def concrete(path, operation):
    """The path with real values: the first row of the resource, the first documented relationship."""
    parts = path.split("/")
    url = path
    if "{id}" in path:
        resource = site.resources[parts[2]]
        row = resource.model.objects.order_by("pk").first()
        value = getattr(row, resource.id_field) if row is not None else "no-such-row"
        url = url.replace("{id}", str(value).lower() if resource.id_field == "uuid" else str(value))
    query = []
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and parameter["name"] == "related_field":
            url = url.replace("{related_field}", parameter["schema"]["enum"][0])
        if parameter["in"] == "query" and parameter.get("required"):  # the feed's since, an aggregate's group
            schema = parameter["schema"]
            query.append(f"{parameter['name']}={schema.get('example') or schema.get('items', schema)['enum'][0]}")
    return url + ("?" + "&".join(query) if query else "")


def call(method, url, **headers):
    body = json.dumps({"data": {"type": url.split("/")[2], "attributes": {}}})
    return getattr(Client(), method)(
        url, body if method in ("post", "put", "patch") else None, content_type=JSONAPI, HTTP_ACCEPT=JSONAPI, **headers
    )


def public_for_any_principal(path):
    """Operations the design opens to every authenticated principal: the API root, the caller's own
    principal, and resources declared with no legacy right (reference lists, per api/README.md)."""
    parts = path.split("/")
    if path in ("/api/", "/api/auth/me", "/api/schema", "/api/changes/"):  # the feed: each type's right filters
        return True
    resource = site.resources.get(parts[2]) if len(parts) > 2 else None
    return resource is not None and resource.rights is None


def public_for_anyone(path):
    """Readable without logging in: what is running, and the API description while API_PUBLIC_DOCS is on."""
    path = path.rstrip("/")
    return path == "/api/version" or (path == "/api/schema" and django_settings.API_PUBLIC_DOCS)


def test_authz_matrix_over_every_schema_operation(seeded):
    admin_token = world.login("Admin")
    no_rights_token = world.login(NO_RIGHTS[0], password=NO_RIGHTS[1])
    matrix = list(operations(admin_token))
    print(f"authz matrix: {len(matrix)} operations x (anonymous, no rights)")
    assert len(matrix) > 50
    for method, path, operation in matrix:
        url = concrete(path, operation)
        if path.startswith("/api/auth/"):
            continue  # the login endpoint and the caller's own principal: see the tests below, auth_bridge/tests
        anonymous = call(method, url)
        if public_for_anyone(path) and method == "get":
            assert anonymous.status_code == 200, (method, url, anonymous.status_code)
            continue
        assert anonymous.status_code == 401, (method, url, anonymous.status_code)
        assert "data" not in json.loads(anonymous.content)
        response = call(method, url, **bearer(no_rights_token))
        if public_for_any_principal(path) and method == "get":
            assert response.status_code in (200, 404), (method, url, response.status_code)
        else:
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
            assert "data" not in json.loads(response.content), (method, url)


FORMATS = ("application/json", "application/xml", "text/csv")


def test_authz_matrix_holds_in_every_negotiated_format(seeded):
    """The same refusals whatever the Accept header asks for (plain JSON, XML, CSV): no format renders data
    to a caller who may not read it."""
    no_rights_token = world.login(NO_RIGHTS[0], password=NO_RIGHTS[1])
    reads = [(p, o) for m, p, o in operations(no_rights_token) if m == "get" and p != "/api/auth/token"]
    print(f"formats matrix: {len(reads)} read operations x {len(FORMATS)} formats")
    for path, operation in reads:
        if public_for_anyone(path):
            continue  # readable without logging in, in every format (checked by the matrix above)
        url = concrete(path, operation)
        for accept in FORMATS:
            anonymous = Client().get(url, HTTP_ACCEPT=accept)
            assert anonymous.status_code in (401, 406), (url, accept, anonymous.status_code)
            if public_for_any_principal(path):
                continue
            refused = Client().get(url, HTTP_ACCEPT=accept, **bearer(no_rights_token))
            assert refused.status_code in (403, 404, 406), (url, accept, refused.status_code)
            assert b"<data>" not in refused.content and b'"data"' not in refused.content, (url, accept)


def test_hidden_rows_are_missing_rows_for_a_scoped_clerk_on_every_id_operation(seeded):
    """For every operation on one row (read, relationships, related, change, delete), a row outside the
    clerk's districts answers exactly like an id that does not exist (the independent oracle picks it)."""
    from robust.oracle import ScopeOracle

    clerk = world.legacy_user("Clerk")
    oracle = ScopeOracle(clerk)
    token = world.login("Clerk")
    checked = 0
    for method, path, operation in operations(world.login("Admin")):
        resource = site.resources.get(path.split("/")[2]) if path.startswith("/api/") and "{id}" in path else None
        if resource is None:
            continue
        visible = oracle.visible(resource.model)
        if visible is None:
            continue  # public to any principal
        rows = resource.model.objects.current() if resource.versioned else resource.model.objects.all()
        hidden = rows.exclude(pk__in=visible).order_by("pk").first()  # a real current row, only not hers
        if hidden is None:
            continue
        value = getattr(hidden, resource.id_field)
        value = str(value).lower() if resource.id_field == "uuid" else str(value)
        missing = "00000000-0000-0000-0000-000000000000" if resource.id_field == "uuid" else "999999999"
        hidden_url, missing_url = (concrete(path.replace("{id}", key), operation) for key in (value, missing))
        seen, missing = call(method, hidden_url, **bearer(token)), call(method, missing_url, **bearer(token))
        assert seen.status_code == missing.status_code, (method, hidden_url, seen.status_code, missing.status_code)
        assert seen.status_code in (403, 404, 405, 428), (method, hidden_url, seen.status_code)
        checked += 1
    print(f"hidden-vs-missing: {checked} id operations for the scoped clerk")
    assert checked >= 20, checked


def test_the_matrix_can_fail_an_administrator_reads_everything(seeded):
    admin_token = world.login("Admin")
    reads = [(m, p, o) for m, p, o in operations(admin_token) if m == "get" and "related_field" not in p]
    statuses = {concrete(p, o): call(m, concrete(p, o), **bearer(admin_token)).status_code for m, p, o in reads}
    assert set(statuses.values()) <= {200, 404} and list(statuses.values()).count(200) > len(statuses) / 2, statuses


def test_login_brute_force_is_locked_out(seeded, settings):
    settings.AUTH_LOCKOUT_ATTEMPTS = 5
    client = Client()

    def attempt(password, login="Clerk"):
        return t.log_in(client, login, password)

    for n in range(5):
        assert attempt(f"guess-{n}").status_code == 401
    locked = attempt(world.PASSWORDS["Clerk"])
    assert locked.status_code == 401  # the right password no longer helps
    assert json.loads(locked.content) == json.loads(attempt("guess-x").content)  # indistinguishable
    assert attempt(world.PASSWORDS["Admin"], login="Admin").status_code == 201  # other logins unaffected


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record) + repr(record.__dict__))


@pytest.fixture
def captured():
    handler = Capture()
    loggers = [
        logging.getLogger(name)
        for name in ("", "ops.requests", "legacy.writes", "django.request", "auth_bridge", "api", "ops.errors")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_tokens_and_passwords_never_reach_logs_or_error_messages(seeded, captured):
    client = Client()
    bodies = []
    password = world.PASSWORDS["Admin"]
    wrong = "Wrong-Secret-Pw-42"
    token = world.login("Admin", client)
    bodies.append(t.log_in(client, "Admin", wrong).content)
    bodies.append(t.log_in(client, wrong, password).content)
    bodies.append(client.get("/api/insurees/", **bearer(token)).content)
    bodies.append(client.get("/api/insurees/?filter[nope]=1", **bearer(token)).content)
    bodies.append(client.get("/api/insurees/", **bearer(token[:-2] + "xx")).content)
    bodies.append(client.get("/api/insurees/", HTTP_AUTHORIZATION=f"Basic {token}").content)
    bodies.append(client.delete("/api/auth/token", **bearer(token)).content)
    bodies.append(client.get("/api/insurees/", **bearer(token)).content)  # revoked
    logged = "\n".join(captured.lines)
    assert "ops.requests" in logged or "/api/insurees/" in logged  # the capture works
    for secret in (password, wrong, token, token[:-2] + "xx"):
        assert secret not in logged
        assert all(secret.encode() not in body for body in bodies)


@pytest.mark.parametrize(
    "header_setting,proxies,expected",
    [
        ("", [], 401),  # disabled (the default): the header is ignored
        ("X-Remote-User", ["10.9.9.9"], 401),  # enabled, but the request does not come from the gateway
        ("X-Remote-User", ["127.0.0.1"], 200),  # enabled, from the gateway: proves the check can pass
    ],
)
def test_identity_header_only_when_enabled(seeded, settings, header_setting, proxies, expected):
    settings.AUTH_TRUSTED_HEADER = header_setting
    settings.AUTH_TRUSTED_PROXIES = proxies
    response = Client().get(
        "/api/auth/me", HTTP_X_REMOTE_USER="Admin", REMOTE_ADDR="127.0.0.1", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == expected, response.content
