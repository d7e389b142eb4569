"""Insurees through the API: the rows the legacy application would write, and nothing on failure."""

import pytest

from auth_bridge import testing as t
from legacy.models import Insuree, InsureePolicy
from legacy.tests import legacy_sql

from .. import builders
from .client import assert_twins, counts, doc, make_twin, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_patch_writes_what_a_legacy_update_writes(admin, admin_row, tree):
    fam = t.family(tree.village)
    ours = t.insuree(fam, phone="+255 100")
    theirs = make_twin(ours, chf_id="T" + ours.chf_id[:11])
    url = f"/api/insurees/{ours.uuid.upper()}"

    status, document, response = admin.patch(
        url, doc("insurees", {"phone": "+255 999", "lastName": "Changed"}, id=ours.uuid), admin.etag(url)
    )

    assert status == 200, document
    assert document["data"]["attributes"]["phone"] == "+255 999"
    current = Insuree.objects.get(pk=ours.pk)
    assert response["ETag"] == admin.etag(url)
    assert current.validity_from > ours.validity_from and current.audit_user_id == admin_row.pk
    legacy_sql.legacy_update(
        Insuree,
        theirs.pk,
        {"phone": "+255 999", "last_name": "Changed"},
        moment=current.validity_from,
        audit_user_id=admin_row.pk,
    )
    current, history = assert_twins(Insuree, ours.pk, theirs.pk, "chf_id")
    assert (history.validity_from, history.audit_user_id, history.validity_to, history.phone) == (
        ours.validity_from,
        ours.audit_user_id,
        current.validity_from,
        "+255 100",
    )
    assert current.uuid == ours.uuid and current.phone == "+255 999"

    status, versions, _ = admin.get(f"{url}/history")
    assert status == 200
    assert [v["id"] for v in versions["data"]] == [history.uuid]
    assert versions["data"][0]["attributes"]["phone"] == "+255 100"


def test_post_adds_a_member_to_a_family(admin, admin_row, tree):
    fam = t.family(tree.village)
    gender = builders.gender("F", "Female")
    before = Insuree.objects.count()

    status, document, response = admin.post(
        "/api/insurees",
        doc(
            "insurees",
            {"chfId": "555000111", "lastName": "New", "otherNames": "Member", "dob": "2001-02-03"},
            {"family": ("families", fam.uuid), "gender": ("genders", gender.code)},
        ),
    )

    assert status == 201, document
    row = Insuree.objects.get(uuid=document["data"]["id"])
    assert Insuree.objects.count() == before + 1
    assert response["Location"].endswith(f"/api/insurees/{row.uuid}")
    assert response["ETag"] == admin.etag(f"/api/insurees/{row.uuid}")
    assert row.uuid == row.uuid.lower() and row.legacy_id is None and row.validity_to is None
    assert (row.family_id, row.is_head, row.gender_id, row.audit_user_id) == (fam.pk, False, "F", admin_row.pk)
    assert document["data"]["relationships"]["family"]["data"] == {"type": "families", "id": fam.uuid.lower()}


def test_delete_writes_what_a_legacy_delete_writes(admin, admin_row, tree):
    fam = t.family(tree.village)
    ours = t.insuree(fam)
    theirs = make_twin(ours, chf_id="T" + ours.chf_id[:11])
    policy = t.policy(fam, t.product())
    link = t.insuree_policy(ours, policy)
    url = f"/api/insurees/{ours.uuid}"

    status, _, _ = admin.delete(url, admin.etag(url))

    assert status == 204
    deleted = Insuree.objects.get(pk=ours.pk)
    assert deleted.validity_from == deleted.validity_to and deleted.audit_user_id == admin_row.pk
    legacy_sql.legacy_delete(Insuree, theirs.pk, moment=deleted.validity_to, audit_user_id=admin_row.pk)
    assert_twins(Insuree, ours.pk, theirs.pk, "chf_id")
    assert InsureePolicy.objects.get(pk=link.pk).validity_to == deleted.validity_to  # coverage ends too
    assert admin.get(url)[0] == 404


def test_a_head_cannot_be_deleted_while_the_family_exists(admin, tree):
    fam = t.family(tree.village)
    url = f"/api/insurees/{fam.head.uuid}"
    before = counts()

    status, document, _ = admin.delete(url, admin.etag(url))

    assert status == 409
    assert "head" in document["errors"][0]["detail"]
    assert counts() == before


@pytest.mark.parametrize(
    "attributes, pointer",
    [
        ({"dob": 12}, "/data/attributes/dob"),
        ({"dob": "2001-02-31"}, "/data/attributes/dob"),
        ({"lastName": "x" * 101}, "/data/attributes/lastName"),
        ({"chfId": "1234567890123"}, "/data/attributes/chfId"),
        ({"phone": ["a"]}, "/data/attributes/phone"),
        ({"vulnerability": "yes"}, "/data/attributes/vulnerability"),
        ({"nickname": "Jo"}, "/data/attributes/nickname"),
        ({"validFrom": "2020-01-01T00:00:00"}, "/data/attributes/validFrom"),
        ({"auditUserId": 5}, "/data/attributes/auditUserId"),
        ({"legacyId": 5}, "/data/attributes/legacyId"),
        ({"isHead": True}, "/data/attributes/isHead"),
        ({"lastName": None}, "/data/attributes/lastName"),
        ({"lastName": "a\x00b"}, "/data/attributes/lastName"),
        ({"marital": 2**40}, "/data/attributes/marital"),
    ],
)
def test_bad_values_are_422_with_a_pointer_and_write_nothing(admin, tree, attributes, pointer):
    fam = t.family(tree.village)
    member = t.insuree(fam)
    url = f"/api/insurees/{member.uuid}"
    before = counts()

    status, document, _ = admin.patch(url, doc("insurees", attributes, id=member.uuid), admin.etag(url))

    assert status == 422, document
    assert pointers(document) == [pointer]
    assert counts() == before


def test_create_errors_point_at_every_problem(admin, tree):
    before = counts()
    status, document, _ = admin.post("/api/insurees", doc("insurees", {"lastName": "Lonely", "dob": "2999-01-01"}))
    assert status == 422
    assert set(pointers(document)) >= {"/data/relationships/family"}
    assert counts() == before

    fam = t.family(tree.village)
    status, document, _ = admin.post(
        "/api/insurees",
        doc(
            "insurees",
            {"chfId": fam.head.chf_id, "lastName": "Twin", "otherNames": "X", "dob": "2999-01-01"},
            {"family": ("families", fam.uuid)},
        ),
    )
    assert status == 422
    assert pointers(document) == ["/data/attributes/chfId", "/data/attributes/dob"]
    assert counts() == before | {"tblFamilies": before["tblFamilies"] + 1, "tblInsuree": before["tblInsuree"] + 1}


def test_moving_a_member_to_a_family_of_another_district_is_404_for_a_clerk(clerk, tree, other_tree):
    fam = t.family(tree.village)
    member = t.insuree(fam)
    elsewhere = t.family(other_tree.village)
    url = f"/api/insurees/{member.uuid}"
    before = counts()

    status, document, _ = clerk.patch(
        url, doc("insurees", id=member.uuid, relationships={"family": ("families", elsewhere.uuid)}), clerk.etag(url)
    )

    assert status == 404
    assert pointers(document) == ["/data/relationships/family"]
    assert counts() == before
