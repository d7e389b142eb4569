"""POST /api/operations (JSON:API atomic extension): one transaction, lids, history rows, errors pointing into
the document, per-operation If-Match, the cap, and the media type rules. Real legacy users and databases."""

import json

import pytest

from api.testing import valid
from api.writes import writes_of
from auth_bridge import codes
from auth_bridge import testing as t
from legacy.models import Family, Insuree, Policy

from .. import builders
from .client import Writer, counts

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

ATOMIC = 'application/vnd.api+json; ext="https://jsonapi.org/ext/atomic"'
HEAD = {"chfId": "070000011", "lastName": "Doe", "otherNames": "John", "dob": "1985-02-03", "gender": "M"}


def send(writer, operations, content_type=ATOMIC, accept=ATOMIC):
    body = json.dumps({"atomic:operations": operations} if isinstance(operations, list) else operations)
    response = writer.client.post("/api/operations", body, content_type=content_type, HTTP_ACCEPT=accept)
    document = valid_atomic(json.loads(response.content)) if response.content else None
    return response.status_code, document, response


def valid_atomic(document):
    """A JSON:API document of the atomic extension: its results' resource objects and its errors valid as
    JSON:API (the 1.0 schema knows no extension members), `jsonapi.ext` naming the extension."""
    assert document["jsonapi"] == {"version": "1.1", "ext": ["https://jsonapi.org/ext/atomic"]}
    assert set(document) - {"jsonapi"} in ({"atomic:results"}, {"errors"}), document
    for result in document.get("atomic:results", []):
        assert set(result) <= {"data", "meta"}
        if "data" in result:
            valid({"data": result["data"]})
    if "errors" in document:
        valid({"errors": document["errors"]})
    return document


def member(chf_id, family_ref, **attributes):
    values = {"chfId": chf_id, "lastName": "Doe", "otherNames": "Kid", "dob": "2010-05-06", **attributes}
    return {
        "op": "add",
        "data": {
            "type": "insurees",
            "attributes": values,
            "relationships": {"family": {"data": family_ref}, "gender": {"data": {"type": "genders", "id": "F"}}},
        },
    }


def enrolment(village, product):
    family = {"type": "families", "lid": "fam"}
    return [
        {
            "op": "add",
            "data": {
                "type": "families",
                "lid": "fam",
                "attributes": {"poverty": False, "head": HEAD},
                "relationships": {"location": {"data": {"type": "locations", "id": village.uuid}}},
            },
        },
        member("070000012", family),
        member("070000013", family),
        {
            "op": "add",
            "data": {
                "type": "policies",
                "lid": "pol",
                "attributes": {"enrollDate": "2021-03-01", "startDate": "2021-03-01", "status": 1, "stage": "N"},
                "relationships": {
                    "family": {"data": family},
                    "product": {"data": {"type": "products", "id": product.uuid}},
                },
            },
        },
    ]


@pytest.fixture
def genders():
    builders.gender("M", "Male")
    builders.gender("F", "Female")


def test_an_enrolment_is_one_transaction_with_lids(admin, admin_row, tree, genders):
    before = counts()
    status, document, response = send(admin, enrolment(tree.village, t.product()))
    assert status == 200, document
    assert response["Content-Type"] == ATOMIC
    assert document["jsonapi"]["ext"] == ["https://jsonapi.org/ext/atomic"]
    results = document["atomic:results"]
    assert [result["data"]["type"] for result in results] == ["families", "insurees", "insurees", "policies"]
    family = Family.objects.get(uuid=results[0]["data"]["id"])
    members = Insuree.objects.filter(family=family).order_by("chf_id")
    assert [m.chf_id for m in members] == ["070000011", "070000012", "070000013"]
    assert [m.is_head for m in members] == [True, False, False] and family.head_id == members[0].pk
    assert Policy.objects.get(uuid=results[3]["data"]["id"]).family_id == family.pk
    assert all(row.audit_user_id == admin_row.pk for row in [family, *members])
    assert counts()["tblInsuree"] == before["tblInsuree"] + 3 and counts()["tblPolicy"] == before["tblPolicy"] + 1
    etag = results[1]["meta"]["etag"]
    assert admin.etag(f"/api/insurees/{results[1]['data']['id']}") == etag


def test_an_error_rolls_back_everything_and_points_at_its_operation(admin, tree, genders):
    operations = enrolment(tree.village, t.product())
    operations[2]["data"]["attributes"]["dob"] = "not a date"
    before = counts()
    status, document, _ = send(admin, operations)
    assert status == 422, document
    assert [error["source"]["pointer"] for error in document["errors"]] == ["/atomic:operations/2/data/attributes/dob"]
    assert counts() == before  # the family and the first member are gone too


def test_update_and_remove_with_if_match_write_history_rows(admin, tree):
    fam = t.family(tree.village)
    ours, gone = t.insuree(fam, phone="1"), t.insuree(fam)
    etags = {row.uuid: admin.etag(f"/api/insurees/{row.uuid}") for row in (ours, gone)}
    update = {
        "op": "update",
        "ref": {"type": "insurees", "id": ours.uuid},
        "data": {"type": "insurees", "id": ours.uuid, "attributes": {"phone": "2"}},
        "meta": {"ifMatch": etags[ours.uuid]},
    }
    remove = {"op": "remove", "ref": {"type": "insurees", "id": gone.uuid}, "meta": {"ifMatch": etags[gone.uuid]}}
    status, document, _ = send(admin, [update, remove])
    assert status == 200, document
    assert document["atomic:results"][0]["data"]["attributes"]["phone"] == "2" and document["atomic:results"][1] == {}
    assert Insuree.objects.filter(legacy_id=ours.pk).get().phone == "1"  # the legacy history copy
    deleted = Insuree.objects.get(pk=gone.pk)
    assert deleted.validity_to is not None and Insuree.objects.filter(legacy_id=gone.pk).count() == 1


def test_only_removes_answer_204(admin, tree):
    fam = t.family(tree.village)
    row = t.insuree(fam)
    href = f"/api/insurees/{row.uuid}"
    status, document, _ = send(admin, [{"op": "remove", "href": href, "meta": {"ifMatch": admin.etag(href)}}])
    assert status == 204 and document is None
    assert Insuree.objects.get(pk=row.pk).validity_to is not None


@pytest.mark.parametrize("stale", [False, True])
def test_if_match_is_required_per_operation(admin, tree, settings, stale):
    settings.API_REQUIRE_IF_MATCH = True
    fam = t.family(tree.village)
    first, second = t.insuree(fam), t.insuree(fam)
    ok = {"ifMatch": admin.etag(f"/api/insurees/{first.uuid}")}
    operations = [
        {"op": "update", "ref": {"type": "insurees", "id": first.uuid}, "data": _phone(first, "9"), "meta": ok},
        {"op": "update", "ref": {"type": "insurees", "id": second.uuid}, "data": _phone(second, "9")},
    ]
    if stale:
        operations[1]["meta"] = {"ifMatch": '"0000"'}
    before = counts()
    status, document, _ = send(admin, operations)
    assert status == (412 if stale else 428), document
    assert document["errors"][0]["source"] == {"pointer": "/atomic:operations/1/meta/ifMatch"}
    assert counts() == before


def _phone(row, phone):
    return {"type": "insurees", "id": row.uuid, "attributes": {"phone": phone}}


def test_if_match_may_be_left_out_when_not_required(admin, tree, settings):
    settings.API_REQUIRE_IF_MATCH = False
    row = t.insuree(t.family(tree.village))
    status, document, _ = send(admin, [{"op": "update", "data": _phone(row, "7")}])
    assert status == 200 and document["atomic:results"][0]["data"]["attributes"]["phone"] == "7"


def test_an_update_of_an_earlier_add_by_lid(admin, tree, genders, settings):
    settings.API_REQUIRE_IF_MATCH = False
    fam = t.family(tree.village)
    add = member("070000099", {"type": "families", "id": fam.uuid})
    add["data"]["lid"] = "kid"
    update = {"op": "update", "data": {"type": "insurees", "lid": "kid", "attributes": {"phone": "5"}}}
    status, document, _ = send(admin, [add, update])
    assert status == 200, document
    assert Insuree.objects.current().get(chf_id="070000099").phone == "5"
    assert Insuree.objects.filter(chf_id="070000099", legacy_id__isnull=False).count() == 1  # history of the update


def test_the_cap_is_413(admin, tree, settings, genders):
    settings.API_ATOMIC_MAX_OPERATIONS = 2
    fam = {"type": "families", "id": t.family(tree.village).uuid}
    before = counts()
    status, document, _ = send(admin, [member(f"07000002{n}", fam) for n in range(3)])
    assert status == 413 and document["errors"][0]["source"] == {"pointer": "/atomic:operations"}
    assert counts() == before
    assert send(admin, [member(f"07000002{n}", fam) for n in range(2)])[0] == 200


@pytest.mark.parametrize(
    "operations, status, pointer",
    [
        ({"data": []}, 400, ""),
        ({"atomic:operations": []}, 400, "/atomic:operations"),
        ({"atomic:operations": [{"op": "add"}], "data": {}}, 400, "/data"),
        ([{"op": "move"}], 400, "/atomic:operations/0/op"),
        ([{"op": "remove", "ref": {"type": "insurees"}}], 400, "/atomic:operations/0/ref"),
        ([{"op": "add", "data": {"type": "nothings"}}], 400, "/atomic:operations/0/data/type"),
        ([{"op": "add", "data": {"type": "genders"}}], 403, "/atomic:operations/0/data/type"),
        ([{"op": "remove", "ref": {"type": "families", "id": "x", "relationship": "members"}}], 403, None),
        ([{"op": "remove", "href": "/api/families/x/relationships/members"}], 403, "/atomic:operations/0/href"),
        ([{"op": "add", "ref": {"type": "insurees", "id": "x"}, "data": {"type": "insurees"}}], 400, None),
        ([member("1", {"type": "families", "lid": "nope"})], 404, "/atomic:operations/0/data/relationships/family"),
        ([{"op": "remove", "ref": {"type": "insurees", "id": "00000000-0000-0000-0000-000000000000"}}], 404, None),
        ([{"op": "add", "data": {"type": "insurees", "attributes": []}}], 400, None),
        ([{"op": "add", "data": {"type": "insurees", "id": "not-a-uuid"}}], 400, "/atomic:operations/0/data/id"),
    ],
)
def test_malformed_documents(admin, tree, genders, operations, status, pointer):
    before = counts()
    got, document, _ = send(admin, operations)
    assert got == status, document
    source = document["errors"][0].get("source", {})
    assert "pointer" in source and source["pointer"].startswith("/atomic:operations" if pointer is None else pointer)
    assert counts() == before


def test_rights_and_scope_are_those_of_the_resource_urls(reader, clerk, tree, other_tree, genders):
    mine = {"type": "families", "id": t.family(tree.village).uuid}
    theirs = {"type": "families", "id": t.family(other_tree.village).uuid}
    status, document, _ = send(reader, [member("070000031", mine)])
    assert status == 403  # no right of any operation: refused before the document is read
    adder = Writer.of(t.clerk("Adder", "pw", tree.district, [codes.RIGHTS["insuree"]["add"]]))
    status, document, _ = send(adder, [member("070000031", mine), member("070000034", mine)])
    assert status == 200, document
    removal = {"op": "remove", "ref": {"type": "insurees", "id": document["atomic:results"][0]["data"]["id"]}}
    status, document, _ = send(adder, [member("070000035", mine), removal])
    assert status == 403 and document["errors"][0]["source"] == {"pointer": "/atomic:operations/1"}
    before = counts()
    status, document, _ = send(clerk, [member("070000032", mine), member("070000033", theirs)])
    assert status == 404, document
    assert document["errors"][0]["source"] == {"pointer": "/atomic:operations/1/data/relationships/family"}
    assert counts() == before


def test_read_only_mode_is_405(admin, settings):
    settings.LEGACY_READ_ONLY = True
    assert send(admin, [{"op": "add", "data": {"type": "insurees"}}])[0] == 405


@pytest.mark.parametrize(
    "content_type, accept, status",
    [
        ("application/vnd.api+json", ATOMIC, 415),
        ('application/vnd.api+json; ext="https://example.com/ext/other"', ATOMIC, 415),
        ('application/vnd.api+json; ext="https://jsonapi.org/ext/atomic https://example.com/x"', ATOMIC, 415),
        ("application/json", ATOMIC, 415),
        (ATOMIC, 'application/vnd.api+json; ext="https://example.com/ext/other"', 406),
        (ATOMIC, "application/vnd.api+json; charset=utf-8", 406),
        (ATOMIC, "text/html", 406),
        (ATOMIC + '; profile="https://example.com/profile"', "application/vnd.api+json", 200),
        (ATOMIC, 'application/vnd.api+json; ext="https://jsonapi.org/ext/atomic"; profile="https://x/y"', 200),
        (ATOMIC, "*/*", 200),
    ],
)
def test_negotiation(admin, tree, genders, content_type, accept, status):
    fam = {"type": "families", "id": t.family(tree.village).uuid}
    got, document, response = send(admin, [member("070000041", fam)], content_type, accept)
    assert got == status, document
    if status != 200:
        assert document["errors"][0]["status"] == str(status)
    assert response["Content-Type"] == ATOMIC


def test_every_writable_type_is_offered_from_its_declaration(admin):
    from api.urls import site

    schema = admin.client.get("/api/schema?format=json").json()
    operation = schema["paths"]["/api/operations/"]["post"]
    request = operation["requestBody"]["content"][ATOMIC]["schema"]
    add = request["properties"]["atomic:operations"]["items"]["oneOf"][0]
    types = add["properties"]["data"]["properties"]["type"]["enum"]
    assert set(types) == {type_ for type_, resource in site.resources.items() if writes_of(resource) is not None}
    assert {"200", "400", "409", "412", "413", "428"} <= set(operation["responses"])
