"""Families: created with their head in one request and one transaction, changed and deleted the legacy way."""

import datetime

import pytest

from auth_bridge import testing as t
from legacy.models import Family, Insuree
from legacy.tests import legacy_sql

from .. import builders
from .client import assert_twins, comparable, counts, doc, make_twin, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

HEAD = {
    "chfId": "700000001",
    "lastName": "Head",
    "otherNames": "Anna",
    "dob": "1980-05-06",
    "phone": "+255 7",
    "gender": "F",
}


def test_post_creates_the_family_and_its_head_like_the_legacy_app(admin, admin_row, tree):
    builders.gender("F", "Female")
    before = counts()

    status, document, response = admin.post(
        "/api/families",
        doc(
            "families",
            {"poverty": True, "familyAddress": "Road 1", "head": HEAD},
            {"location": ("locations", tree.village.uuid)},
        ),
    )

    assert status == 201, document
    family = Family.objects.get(uuid=document["data"]["id"])
    head = Insuree.objects.get(pk=family.head_id)
    assert counts() == before | {"tblFamilies": before["tblFamilies"] + 1, "tblInsuree": before["tblInsuree"] + 1}
    assert response["ETag"] == admin.etag(f"/api/families/{family.uuid}")
    assert document["data"]["relationships"]["head"]["data"] == {"type": "insurees", "id": head.uuid}
    moment = family.validity_from
    # the same rows the legacy application inserts (family with InsureeID 0, head, then the link)
    theirs_family = legacy_sql.legacy_insert(
        Family,
        {
            "uuid": "A" * 8 + family.uuid[8:],
            "head": 0,
            "location": tree.village.pk,
            "poverty": True,
            "family_address": "Road 1",
            "is_offline": False,
            "validity_from": moment,
            "audit_user_id": admin_row.pk,
        },
    )
    theirs_head = legacy_sql.legacy_insert(
        Insuree,
        {
            "uuid": "B" * 8 + head.uuid[8:],
            "family": theirs_family,
            "chf_id": "700000002",
            "last_name": "Head",
            "other_names": "Anna",
            "dob": datetime.date(1980, 5, 6),
            "phone": "+255 7",
            "gender": "F",
            "is_head": True,
            "validity_from": moment,
            "audit_user_id": admin_row.pk,
            "card_issued": False,
            "is_offline": False,
            "vulnerability": False,
        },
    )
    legacy_sql.update_in_place(Family, theirs_family, {"head": theirs_head})
    assert comparable(family, "head_id") == comparable(Family.objects.get(pk=theirs_family), "head_id")
    assert comparable(head, "family_id", "chf_id") == comparable(
        Insuree.objects.get(pk=theirs_head), "family_id", "chf_id"
    )
    assert (family.audit_user_id, head.audit_user_id, head.validity_from) == (admin_row.pk, admin_row.pk, moment)
    assert family.uuid == family.uuid.lower() and head.uuid == head.uuid.lower()


@pytest.mark.parametrize(
    "head, pointer",
    [
        ({**HEAD, "chfId": None}, "/data/attributes/head/chfId"),
        ({**HEAD, "dob": "tomorrow"}, "/data/attributes/head/dob"),
        ({**HEAD, "lastName": "x" * 101}, "/data/attributes/head/lastName"),
        ({**HEAD, "gender": "Q"}, "/data/attributes/head/gender"),
        ({**HEAD, "isHead": False}, "/data/attributes/head/isHead"),
        ({**HEAD, "shoeSize": 9}, "/data/attributes/head/shoeSize"),
        ("Anna", "/data/attributes/head"),
    ],
)
def test_a_bad_head_writes_neither_family_nor_head(admin, tree, head, pointer):
    builders.gender("F", "Female")
    before = counts()
    status, document, _ = admin.post(
        "/api/families", doc("families", {"head": head}, {"location": ("locations", tree.village.uuid)})
    )
    assert status in (404, 422), document
    assert pointer in pointers(document)
    assert counts() == before


def test_a_family_needs_a_current_village(admin, tree):
    builders.gender("F", "Female")
    before = counts()
    status, document, _ = admin.post(
        "/api/families", doc("families", {"head": HEAD}, {"location": ("locations", tree.ward.uuid)})
    )
    assert status == 422, document
    assert "/data/relationships/location" in pointers(document)
    assert counts() == before


def test_patch_changes_the_family_the_legacy_way(admin, admin_row, tree):
    ours = t.family(tree.village, poverty=False)
    theirs = make_twin(ours)
    url = f"/api/families/{ours.uuid}"
    status, document, _ = admin.patch(url, doc("families", {"poverty": True}, id=ours.uuid), admin.etag(url))
    assert status == 200, document
    moment = Family.objects.get(pk=ours.pk).validity_from
    legacy_sql.legacy_update(Family, theirs.pk, {"poverty": True}, moment=moment, audit_user_id=admin_row.pk)
    assert_twins(Family, ours.pk, theirs.pk)


def test_head_cannot_be_changed_by_patch(admin, tree):
    fam = t.family(tree.village)
    url = f"/api/families/{fam.uuid}"
    before = counts()
    status, document, _ = admin.patch(url, doc("families", {"head": HEAD}, id=fam.uuid), admin.etag(url))
    assert status == 422 and pointers(document) == ["/data/attributes/head"]
    status, document, _ = admin.patch(
        url, doc("families", id=fam.uuid, relationships={"head": ("insurees", fam.head.uuid)}), admin.etag(url)
    )
    assert status == 422 and pointers(document) == ["/data/relationships/head"]
    assert counts() == before


def test_delete_removes_the_family_with_its_members(admin, admin_row, tree):
    fam = t.family(tree.village)
    member = t.insuree(fam)
    url = f"/api/families/{fam.uuid}"
    status, _, _ = admin.delete(url, admin.etag(url))
    assert status == 204
    family = Family.objects.get(pk=fam.pk)
    assert family.validity_to is not None and family.audit_user_id == admin_row.pk
    for person in (fam.head, member):
        row = Insuree.objects.get(pk=person.pk)
        assert row.validity_to == family.validity_to
        assert Insuree.objects.filter(legacy_id=person.pk).count() == 1
    assert admin.get(url)[0] == 404


def test_a_clerk_creates_only_in_their_districts(clerk, tree, other_tree):
    builders.gender("F", "Female")
    before = counts()
    status, document, _ = clerk.post(
        "/api/families", doc("families", {"head": HEAD}, {"location": ("locations", other_tree.village.uuid)})
    )
    assert status == 404 and pointers(document) == ["/data/relationships/location"]
    assert counts() == before
    status, document, _ = clerk.post(
        "/api/families", doc("families", {"head": HEAD}, {"location": ("locations", tree.village.uuid)})
    )
    assert status == 201, document
