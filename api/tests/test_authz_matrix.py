"""The authorization matrix through the real API: each resource x method x kind of caller.

Callers log in with POST /api/auth/token (legacy users) or use the token printed by create_api_client.
GET: anonymous 401, no right 403, the resource's right alone 200 (own district) / 404 (other district),
every right but this one 403, administrator 200 everywhere, guardian grant 200 on the granted rows only.
Writes: where a resource has the write action, anonymous 401, no right / read right only 403, a writer of
the other district 404 (the write gate); where it has none, 405 for everyone. Successful writes, If-Match and
grants with `change` are covered by api/tests/writes.
"""

import pytest

from api.testing import token_api
from api.urls import site
from auth_bridge import codes
from auth_bridge import testing as t

from .conftest import READ_RIGHTS

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def row_of(w, attr):
    """A resource's row in district A and in district B, or (row, None) for public catalogues."""
    pick = {
        "locations": lambda s: s.tree.village,
        "claim-items": lambda s: s.claim_item,
        "claim-services": lambda s: s.claim_service,
        "health-facilities": lambda s: s.hf,
        "medical-items": lambda s: s.claim_item.item,
        "medical-services": lambda s: s.claim_service.service,
    }.get(attr, lambda s: getattr(s, attr))
    return pick(w.a), pick(w.b)


def ident(row):
    return row.uuid.lower() if getattr(row, "uuid", None) else str(row.pk)


# type, attribute of the world side, read right, granted to "granted" (grants on B's family and HF)
RESOURCES = [
    ("insurees", "member", 101101, True),
    ("families", "family", 101001, True),
    ("policies", "policy", 101201, True),
    ("premiums", "premium", 101301, True),
    ("claims", "claim", 111001, True),
    ("claim-items", "claim-items", 111001, True),
    ("claim-services", "claim-services", 111001, True),
    ("health-facilities", "health-facilities", 121101, True),
    ("locations", "locations", 121901, False),
    ("products", "product", 121001, False),
    ("officers", "officer", 121501, False),
]
PUBLIC = [("medical-items", "medical-items", 121001), ("medical-services", "medical-services", 121001)]


AREAS = {
    "insurees": "insuree",
    "families": "family",
    "policies": "policy",
    "premiums": "premium",
    "locations": "location",
    "health-facilities": "health_facility",
    "claims": "claim",
    "claim-items": "claim",
    "claim-services": "claim",
}
WRITES = (("post", "create", True), ("patch", "partial_update", False), ("delete", "destroy", False))


def has_action(type_, action):
    return hasattr(site.viewset(site.resources[type_]), action)


def only_right(name, right, district):
    return token_api(t.clerk(name, "pw", district, [right]).login_name)


@pytest.mark.parametrize("type_,attr,right,granted", RESOURCES, ids=[r[0] for r in RESOURCES])
def test_matrix(scoped_world, callers, type_, attr, right, granted):
    w = scoped_world
    a_row, b_row = row_of(w, attr)
    a_url, b_url, list_url = f"/api/{type_}/{ident(a_row)}", f"/api/{type_}/{ident(b_row)}", f"/api/{type_}"

    for url in (list_url, a_url, f"{a_url}/history"):
        assert callers["anonymous"].get(url, status=401)["errors"][0]["status"] == "401"
        assert callers["norights"].get(url, status=403)["errors"][0]["status"] == "403"
    others = [code for code in READ_RIGHTS if code != right]
    callers_without = token_api(t.clerk("without", "pw", w.a.tree.district, others).login_name)
    callers_without.get(list_url, status=403)
    callers_without.get(a_url, status=403)

    holder = only_right("holder", right, w.a.tree.district)
    assert ident(a_row) in {item["id"] for item in holder.get(f"{list_url}?page[size]=500")["data"]}
    assert holder.get(a_url)["data"]["id"] == ident(a_row)
    holder.get(b_url, status=404)  # out of district: 404, never 403
    callers["outsider"].get(a_url, status=404)
    assert callers["outsider"].get(b_url)["data"]["id"] == ident(b_row)

    admin = callers["admin"]
    assert admin.get(a_url)["data"]["id"] == ident(a_row) and admin.get(b_url)["data"]["id"] == ident(b_row)

    grantee = callers["granted"]
    grantee.get(a_url, status=404)
    if granted:
        assert grantee.get(b_url)["data"]["id"] == ident(b_row)
    else:
        grantee.get(b_url, status=404)

    writer_b = None
    if type_ in AREAS:  # every right of the area, in the other district
        writer_b = token_api(
            t.clerk("writerB", "pw", w.b.tree.district, list(codes.required_rights(AREAS[type_]).values())).login_name
        )
    for method, action, on_list in WRITES:
        url = list_url if on_list else a_url

        def send(who, method=method, url=url):
            return getattr(who.client, method)(url, {}, format="json").status_code

        if not has_action(type_, action):
            for who in ("anonymous", "norights", "admin", "granted"):
                assert send(callers[who]) == 405, (method, who)
            continue
        assert send(callers["anonymous"]) == 401, method
        for who in (callers["norights"], holder, callers["granted"]):
            assert send(who) == 403, method
        if not on_list:
            assert send(writer_b) == 404, method  # a row outside the write gate does not exist


@pytest.mark.parametrize("type_,attr,right", PUBLIC, ids=[r[0] for r in PUBLIC])
def test_public_catalogues_need_the_right_but_no_district(scoped_world, callers, type_, attr, right):
    a_row, b_row = row_of(scoped_world, attr)
    url = f"/api/{type_}/{ident(b_row)}"
    callers["anonymous"].get(url, status=401)
    callers["norights"].get(url, status=403)
    assert callers["clerk"].get(url)["data"]["id"] == ident(b_row)
    assert callers["granted"].get(url)["data"]["id"] == ident(b_row)


def test_reference_lists_need_only_a_principal(scoped_world, callers):
    callers["anonymous"].get("/api/genders", status=401)
    for who in ("norights", "clerk", "granted", "client"):
        callers[who].get("/api/genders")


def test_users_and_roles(scoped_world, callers):
    clerk = callers["clerk"]
    logins = {item["attributes"]["loginName"] for item in clerk.get("/api/users?page[size]=500")["data"]}
    assert {"clerkA", "hfA", "norights"} <= logins and not logins & {"clerkB", "Admin", "granted"}
    admin_logins = {
        item["attributes"]["loginName"] for item in callers["admin"].get("/api/users?page[size]=500")["data"]
    }
    assert {"clerkA", "clerkB", "Admin", "granted"} <= admin_logins
    callers["norights"].get("/api/users", status=403)
    callers["norights"].get("/api/roles", status=403)
    assert (
        clerk.get("/api/roles")["meta"]["pagination"]["count"]
        == callers["admin"].get("/api/roles")["meta"]["pagination"]["count"]
        > 0
    )
