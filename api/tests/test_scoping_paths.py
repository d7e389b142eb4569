"""Location scoping through every access path of the real API, with real legacy callers and tokens.

Lists are checked against the rows the legacy rules give each caller (`expected`); every other path
(detail, include, related, relationships, filters, sort, search, history, asOf, cursor pages, CSV) may
only ever show resources of that set, and answers 404 (never 403) for ids outside it.
"""

import csv
import io

import pytest

from api.testing import token_api
from auth_bridge import testing as t
from legacy import models as m

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

SCOPED = ("clerk", "client", "hf_admin", "outsider", "granted")


def ident(row):
    return row.uuid.lower() if getattr(row, "uuid", None) else str(row.pk)


def ids(rows):
    return {ident(row) for row in rows}


def expected(w, who):
    """{type: ids} the legacy rules admit for `who` (see auth_bridge/rules.py)."""
    a, b = w.a, w.b

    def district(side, claims, hfs, products):
        tree = side.tree
        return {
            "families": {side.family},
            "insurees": {side.head, side.member},
            "policies": {side.policy},
            "premiums": {side.premium},
            "claims": claims,
            "claim-items": {side.claim_item},
            "claim-services": {side.claim_service},
            "health-facilities": hfs,
            "officers": {side.officer},
            "locations": {tree.region, tree.district, tree.ward, tree.village},
            "products": products,
        }

    a_products = {a.product, w.national, w.region_product}
    rows = {
        "clerk": district(a, {a.claim, a.other_claim, w.visitor_claim}, {a.hf, a.other_hf}, a_products),
        "hf_admin": district(a, {a.claim, w.visitor_claim}, {a.hf, a.other_hf}, a_products),
        "outsider": district(b, {b.claim}, {b.hf}, {b.product, w.national}),
        "granted": {
            "families": {b.family},
            "insurees": {b.head, b.member},
            "policies": {b.policy},
            "premiums": {b.premium},
            "claims": {b.claim},
            "claim-items": {b.claim_item},
            "claim-services": {b.claim_service},
            "health-facilities": {b.hf},
            "officers": set(),
            "locations": set(),
            "products": {w.national},
        },
    }
    rows["client"] = rows["clerk"]
    return {type_: ids(found) for type_, found in rows[who].items()}


def listed(api, type_, query=""):
    doc = api.get(f"/api/{type_}?page[size]=500{query}")
    return {item["id"] for item in doc["data"]}


def resources_in(doc):
    """Every (type, id) a document shows: primary data, included resources and all linkage."""
    found = set()
    data = doc.get("data")
    items = data if isinstance(data, list) else [data] if data else []
    for item in items + doc.get("included", []):
        found.add((item["type"], item["id"]))
        for rel in item.get("relationships", {}).values():
            linkage = rel.get("data")
            for ident_ in linkage if isinstance(linkage, list) else [linkage] if linkage else []:
                found.add((ident_["type"], ident_["id"]))
    return found


def assert_within(doc, allowed):
    shown = {(type_, id_) for type_, id_ in resources_in(doc) if type_ in allowed}
    leaked = {(type_, id_) for type_, id_ in shown if id_ not in allowed[type_]}
    assert not leaked, leaked


def own(w, who):
    """The caller's own side of the world (the rows it may see)."""
    return w.b if who in ("outsider", "granted") else w.a


@pytest.mark.parametrize("who", SCOPED)
def test_lists_show_exactly_the_rows_the_legacy_rules_admit(scoped_world, callers, who):
    for type_, wanted in expected(scoped_world, who).items():
        assert listed(callers[who], type_) == wanted, type_


def test_administrator_lists_every_current_row_including_null_locations(scoped_world, callers):
    w, admin = scoped_world, callers["admin"]
    assert listed(admin, "families") == ids(m.Family.objects.current()) >= ids([w.a.family, w.b.family, w.null.family])
    assert ids([w.null.officer]) <= listed(admin, "officers")
    assert listed(admin, "claims") == ids(m.Claim.objects.current())


@pytest.mark.parametrize("who", SCOPED)
def test_rows_without_location_are_never_visible_to_scoped_callers(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    for type_, row in (
        ("families", w.null.family),
        ("insurees", w.null.head),
        ("policies", w.null.policy),
        ("premiums", w.null.premium),
        ("officers", w.null.officer),
    ):
        assert ident(row) not in listed(api, type_)
        api.get(f"/api/{type_}/{ident(row)}", status=404)


INCLUDES = [
    "insurees?include=family.location.parent,family.members,healthFacility",
    "families?include=members,head,location.parent",
    "claims?include=insuree.family.location,healthFacility.location,items,services",
    "policies?include=family.members,premiums,product.location,officer",
    "premiums?include=policy.family.head",
    "health-facilities?include=location",
    "locations?include=parent",
    "products?include=location,conversionProduct",
    "officers?include=location,substitute",
    "claim-items?include=claim.insuree,product",
]


@pytest.mark.parametrize("who", SCOPED)
@pytest.mark.parametrize("url", INCLUDES)
def test_includes_and_linkage_show_only_visible_rows(scoped_world, callers, who, url):
    doc = callers[who].get(f"/api/{url}&page[size]=500")
    assert_within(doc, expected(scoped_world, who))


@pytest.mark.parametrize("who", ["clerk", "hf_admin"])
def test_a_visible_claim_of_an_invisible_insuree_links_to_nothing(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    claim = ident(w.visitor_claim)
    doc = api.get(f"/api/claims/{claim}?include=insuree.family")
    assert doc["data"]["relationships"]["insuree"]["data"] is None and not doc.get("included")
    assert api.get(f"/api/claims/{claim}/insuree")["data"] is None
    assert api.get(f"/api/claims/{claim}/relationships/insuree")["data"] is None


@pytest.mark.parametrize("who", SCOPED)
def test_related_relationship_and_history_endpoints_of_visible_rows(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    side, allowed = own(w, who), expected(w, who)
    family = ident(side.family)
    for path in (
        "members",
        "relationships/members",
        "head",
        "relationships/head",
        "location",
        "relationships/location",
    ):
        assert_within(
            api.get(
                f"/api/families/{family}/{path}?include=family"
                if path == "members"
                else f"/api/families/{family}/{path}"
            ),
            allowed,
        )
    members = api.get(f"/api/families/{family}/members")
    assert {item["id"] for item in members["data"]} == ids([side.head, side.member])
    assert_within(api.get(f"/api/policies/{ident(side.policy)}/premiums?include=policy"), allowed)
    assert_within(api.get(f"/api/claims/{ident(side.claim)}/items"), allowed)
    t.update_legacy(side.family, poverty=True)
    history = api.get(f"/api/families/{family}/history")
    assert len(history["data"]) == 1


@pytest.mark.parametrize("who", SCOPED)
def test_out_of_scope_ids_answer_404_on_every_path(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    other = w.a if own(w, who) is w.b else w.b
    for type_, row in (
        ("families", other.family),
        ("insurees", other.member),
        ("policies", other.policy),
        ("premiums", other.premium),
        ("officers", other.officer),
        ("locations", other.tree.village),
    ):
        for path in (
            "",
            "/history",
            "/relationships/parent"
            if type_ == "locations"
            else "/relationships/family"
            if type_ in ("insurees", "policies")
            else "/history",
        ):
            doc = api.get(f"/api/{type_}/{ident(row)}{path}", status=404)
            assert doc["errors"][0]["status"] == "404"
    api.get(f"/api/families/{ident(other.family)}/members", status=404)
    api.get(f"/api/families/{ident(other.family)}/relationships/members", status=404)
    api.get(f"/api/families/{ident(other.family).upper()}", status=404)


@pytest.mark.parametrize("who", ["clerk", "hf_admin", "client"])
def test_filters_by_an_invisible_row_match_nothing(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    a, b = w.a, w.b
    assert listed(api, "insurees", f"&filter[family]={ident(b.family)}") == set()
    assert listed(api, "insurees", f"&filter[family]={ident(a.family)}") == ids([a.head, a.member])
    assert listed(api, "insurees", f"&filter[location]={ident(b.tree.district)}") == set()
    assert listed(api, "insurees", f"&filter[location]={ident(a.tree.region)}") == ids([a.head, a.member])
    assert listed(api, "insurees", f"&filter[product]={ident(b.product)}") == set()
    assert listed(api, "families", f"&filter[location]={ident(b.tree.district).upper()}") == set()
    # claims of A's HF by B's insuree: filtering or searching by that insuree must not find them
    assert listed(api, "claims", f"&filter[insuree]={ident(b.head)}") == set()
    assert listed(api, "claims", f"&filter[search]={b.head.chf_id}") == set()
    assert listed(api, "claims", f"&filter[insuree]={ident(a.head)}") == ids([a.claim])
    assert listed(api, "claims", f"&filter[search]={a.head.chf_id}") == ids([a.claim])
    assert listed(api, "claims", f"&filter[healthFacility]={ident(b.hf)}") == set()


@pytest.mark.parametrize("who", SCOPED)
def test_search_and_sort_never_add_rows(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    allowed = expected(w, who)
    for type_, sort in (
        ("insurees", "-lastName,chfId"),
        ("families", "-validFrom"),
        ("claims", "-claimed,code"),
        ("policies", "status,-enrollDate"),
        ("locations", "-locationType,name"),
    ):
        assert listed(api, type_, f"&sort={sort}") == allowed[type_], type_
    for row in (w.a.head, w.b.head, w.null.head):
        found = listed(api, "insurees", f"&filter[search]={row.chf_id}")
        assert found == ({ident(row)} & allowed["insurees"])
    assert listed(api, "families", f"&filter[search]={w.b.head.chf_id}") == ids([w.b.family]) & allowed["families"]


@pytest.mark.parametrize("who", SCOPED)
def test_as_of_and_cursor_pages_stay_in_scope(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    allowed = expected(w, who)
    assert listed(api, "insurees", "&filter[asOf]=2030-01-01") == allowed["insurees"]
    assert listed(api, "insurees", "&filter[asOf]=2019-01-01") == set()
    assert_within(api.get("/api/families?filter[asOf]=2030-01-01&include=location,members"), allowed)
    seen, url = set(), "/api/insurees?page[after]=&page[size]=1&include=family"
    while url:
        doc = api.get(url.replace("http://testserver", ""))
        assert_within(doc, allowed)
        seen |= {item["id"] for item in doc["data"]}
        url = doc["links"].get("next")
    assert seen == allowed["insurees"]


@pytest.mark.parametrize("who", SCOPED)
def test_csv_export_streams_only_visible_rows(scoped_world, callers, who):
    w, api = scoped_world, callers[who]
    allowed = expected(w, who)
    for type_ in ("insurees", "claims"):
        response = api.client.get(f"/api/{type_}?format=csv")
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert {row["id"] for row in rows} == allowed[type_]
        for row in rows:
            for column in ("family", "insuree", "healthFacility"):
                if row.get(column):
                    target = {"family": "families", "insuree": "insurees", "healthFacility": "health-facilities"}
                    assert row[column] in allowed[target[column]], (type_, column)


def test_hfid_zero_means_no_health_facility(scoped_world, callers):
    """The official demo stores HFID 0 for users without a health facility: a clerk, not a claim administrator."""
    w = scoped_world
    row = t.clerk("zero", "pw", w.a.tree.district, [111001])
    m.User.objects.filter(pk=row.pk).update(health_facility_id=0)
    assert listed(token_api("zero"), "claims") == ids([w.a.claim, w.a.other_claim, w.visitor_claim])


@pytest.mark.parametrize("who", ["clerk", "hf_admin"])
def test_browsable_api_and_other_formats_show_only_visible_rows(scoped_world, callers, who):
    w, client = scoped_world, callers[who].client
    hidden = [ident(row) for row in (w.b.head, w.b.member, w.b.family, w.null.head)]
    for url, accept in (
        ("/api/insurees?include=family", "text/html"),
        ("/api/claims?include=insuree", "text/html"),
        ("/api/insurees?format=xml", "application/xml"),
        ("/api/claims?format=json", "application/json"),
    ):
        response = client.get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
        assert ident(w.a.head) in body or ident(w.a.claim) in body
        assert not [value for value in hidden if value in body], url
