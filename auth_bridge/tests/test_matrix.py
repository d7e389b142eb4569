"""The authorization matrix: each area x method x kind of caller, through real tokens and DRF views."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.grants import grant
from auth_bridge.models import ApiClient
from auth_bridge.tokens import issue_token

from .conftest import side as _side
from .probe import AREAS

pytestmark = [pytest.mark.django_db(databases=["default", "legacy"]), pytest.mark.urls("auth_bridge.tests.probe")]

READ_ONLY = {area: codes.RIGHTS[area]["read"] for area in AREAS}
ATTR = {
    "family": "family",
    "insuree": "member",
    "policy": "policy",
    "premium": "premium",
    "claim": "claim",
    "product": "product",
    "health_facility": "hf",
    "officer": "officer",
}


def login(login_name, password="pw"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {t.token_login(login_name, password)}")
    return client


@pytest.fixture
def callers(world):
    t.clerk("reader", "pw", world.a.tree.district, list(READ_ONLY.values()))
    t.legacy_user("norights", "pw", districts=[world.a.tree.district], roles=[t.role()])
    all_rights = [code for area in AREAS for code in codes.required_rights(area).values()]
    t.clerk("outsider", "pw", world.b.tree.district, all_rights)
    user = get_user_model().objects.create(username="granted")
    ApiClient.objects.create(user=user, rights=all_rights)
    for attr in ATTR.values():
        grant(user, "view", getattr(world.b, attr))
    grant(user, "change", world.b.claim)
    granted = APIClient()
    granted.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(user)[0]}")
    return {
        "anonymous": APIClient(),
        "norights": login("norights"),
        "reader": login("reader"),
        "outsider": login("outsider"),
        "admin": login("Admin", "admin123"),
        "granted": granted,
    }


@pytest.mark.parametrize("area", sorted(ATTR))
def test_matrix(world, callers, area):
    a_row, b_row = getattr(world.a, ATTR[area]), getattr(world.b, ATTR[area])
    list_url, a_url, b_url = f"/probe/{area}", f"/probe/{area}/{a_row.pk}", f"/probe/{area}/{b_row.pk}"

    for method in ("get", "post"):
        assert getattr(callers["anonymous"], method)(list_url).status_code == 401
        assert getattr(callers["norights"], method)(list_url).status_code == 403
    assert callers["anonymous"].get(a_url).status_code == 401

    reader = callers["reader"]
    assert a_row.pk in reader.get(list_url).json() and b_row.pk not in reader.get(list_url).json()
    assert reader.get(a_url).status_code == 200 and reader.get(b_url).status_code == 404
    for method in ("post", "patch", "delete"):
        url = list_url if method == "post" else a_url
        assert getattr(reader, method)(url, {}, format="json").status_code == 403

    outsider = callers["outsider"]
    assert outsider.get(a_url).status_code == 404 and outsider.patch(a_url, {}, format="json").status_code == 404
    assert outsider.delete(a_url).status_code == 404 and outsider.get(b_url).status_code == 200
    assert a_row.pk not in outsider.get(list_url).json()

    admin = callers["admin"]
    assert {a_row.pk, b_row.pk} <= set(admin.get(list_url).json())
    assert admin.get(a_url).status_code == 200 and admin.delete(b_url).status_code == 204

    granted = callers["granted"]
    assert granted.get(b_url).status_code == 200 and granted.get(a_url).status_code == 404
    assert a_row.pk not in granted.get(list_url).json()
    expected_patch = 200 if area == "claim" else 404  # only the claim carries a `change` grant
    assert granted.patch(b_url, {}, format="json").status_code == expected_patch


def test_locations_users_and_roles_through_views(world, callers):
    reader = callers["reader"]
    assert set(reader.get("/probe/location").json()) == {
        world.a.tree.region.pk,
        world.a.tree.district.pk,
        world.a.tree.ward.pk,
        world.a.tree.village.pk,
    }
    assert reader.get(f"/probe/location/{world.b.tree.village.pk}").status_code == 404
    assert world.clerk.pk in reader.get("/probe/user").json()
    assert reader.get(f"/probe/user/{world.admin.pk}").status_code == 404
    assert len(reader.get("/probe/role").json()) == len(callers["admin"].get("/probe/role").json()) > 0


def test_a_request_costs_a_constant_number_of_queries(world, callers):
    reader = callers["reader"]

    def cost():
        with (
            CaptureQueriesContext(connections["default"]) as state,
            CaptureQueriesContext(connections["legacy"]) as legacy,
        ):
            assert reader.get("/probe/insuree").status_code == 200
        return len(state) + len(legacy)

    before = cost()  # (with the token row, which the worker then remembers for up to 2 s)
    for _ in range(5):
        _side(world.a.tree)
    assert before - 1 <= cost() <= before <= 9, before
