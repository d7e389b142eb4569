import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from api.testing import Api, token_api
from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.accounts import django_user_for
from auth_bridge.grants import grant


@pytest.fixture
def admin(db):
    return get_user_model().objects.create(username="admin", is_superuser=True, is_staff=True)  # no hashing


@pytest.fixture
def api(admin):
    client = APIClient()
    client.force_authenticate(admin)
    return Api(client)


@pytest.fixture
def nobody_api(db):
    user = get_user_model().objects.create(username="clerk")
    client = APIClient()
    client.force_authenticate(user)
    return Api(client)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """`builders.world()` committed once per module (read-only tests), removed afterwards."""
    from . import builders

    with django_db_blocker.unblock():
        with transaction.atomic(using="legacy"):
            rows = builders.world()
        yield rows
        builders.empty_legacy_tables()


# --- Real legacy callers (auth_bridge.testing) over two districts, for scoping and authz tests ---------
READ_RIGHTS = sorted(actions["read"] for actions in codes.RIGHTS.values())


@pytest.fixture
def scoped_world(fresh_rights):
    """Districts A and B (auth_bridge.testing.two_districts) plus a second HF in A with a claim, and a
    claim of B's head treated at A's HF (a visitor: the claim is A's, the insuree is not)."""
    w = t.two_districts()
    w.a.other_hf = t.health_facility(w.a.tree.district)
    w.a.other_claim = t.claim(w.a.member, w.a.other_hf)
    w.visitor_claim = t.claim(w.b.head, w.a.hf)
    return w


@pytest.fixture
def callers(scoped_world):
    """Every kind of caller, as token clients (client: its printed token)."""
    w = scoped_world
    t.clerk("clerkA", "pw", w.a.tree.district, READ_RIGHTS)
    t.clerk("clerkB", "pw", w.b.tree.district, READ_RIGHTS)
    t.hf_user("hfA", "pw", w.a.hf, READ_RIGHTS)
    t.admin()
    t.legacy_user("norights", "pw", districts=[w.a.tree.district], roles=[t.role("Nothing")])
    granted = t.legacy_user("granted", "pw", roles=[t.role("Reporting", rights=READ_RIGHTS)])  # no district
    for row in (w.b.family, w.b.hf):
        grant(django_user_for(granted), "view", row)
    out = io.StringIO()
    call_command(
        "create_api_client",
        "reporter",
        "--rights",
        ",".join(map(str, READ_RIGHTS)),
        "--district",
        w.a.tree.district.code,
        stdout=out,
        stderr=io.StringIO(),
    )
    reporter = APIClient()
    reporter.credentials(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
    return {
        "anonymous": Api(APIClient()),
        "norights": token_api("norights"),
        "clerk": token_api("clerkA"),
        "outsider": token_api("clerkB"),
        "hf_admin": token_api("hfA"),
        "admin": token_api("Admin", "admin123"),
        "granted": token_api("granted"),
        "client": Api(reporter),
    }
