"""Policies, premiums, locations and health facilities through the API, compared with legacy SQL twins."""

import datetime

import pytest

from auth_bridge import testing as t
from legacy.models import HealthFacility, Location, Policy, Premium
from legacy.testing import location
from legacy.tests import legacy_sql

from .client import assert_twins, comparable, counts, doc, make_twin, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _patch_like_legacy(writer, audit_user_id, type_, model, ours, changes, attributes, unique=None):
    unique = unique or {}
    theirs = make_twin(ours, **unique)
    url = f"/api/{type_}/{ours.uuid}"
    status, document, _ = writer.patch(url, doc(type_, attributes, id=ours.uuid), writer.etag(url))
    assert status == 200, document
    moment = model.objects.get(pk=ours.pk).validity_from
    legacy_sql.legacy_update(model, theirs.pk, changes, moment=moment, audit_user_id=audit_user_id)
    return assert_twins(model, ours.pk, theirs.pk, *unique)


def _delete_like_legacy(writer, audit_user_id, type_, model, ours, unique=None):
    unique = unique or {}
    theirs = make_twin(ours, **unique)
    url = f"/api/{type_}/{ours.uuid}"
    status, _, _ = writer.delete(url, writer.etag(url))
    assert status == 204
    moment = model.objects.get(pk=ours.pk).validity_to
    legacy_sql.legacy_delete(model, theirs.pk, moment=moment, audit_user_id=audit_user_id)
    return assert_twins(model, ours.pk, theirs.pk, *unique)


def test_policy_create_patch_delete(admin, admin_row, tree):
    fam = t.family(tree.village)
    product = t.product()
    status, document, _ = admin.post(
        "/api/policies",
        doc(
            "policies",
            {
                "enrollDate": "2021-03-01",
                "startDate": "2021-03-01",
                "expiryDate": "2022-02-28",
                "status": 1,
                "value": "100.00",
                "stage": "N",
            },
            {"family": ("families", fam.uuid), "product": ("products", product.uuid)},
        ),
    )
    assert status == 201, document
    created = Policy.objects.get(uuid=document["data"]["id"])
    assert (created.family_id, created.product_id, created.audit_user_id) == (fam.pk, product.pk, admin_row.pk)
    _patch_like_legacy(admin, admin_row.pk, "policies", Policy, created, {"status": 2}, {"status": 2})
    _delete_like_legacy(admin, admin_row.pk, "policies", Policy, t.policy(fam, product))


def test_policy_dates_are_checked(admin, tree):
    fam = t.family(tree.village)
    before = counts()
    status, document, _ = admin.post(
        "/api/policies",
        doc(
            "policies",
            {"enrollDate": "2021-03-01", "startDate": "2021-02-01"},
            {"family": ("families", fam.uuid), "product": ("products", t.product().uuid)},
        ),
    )
    assert status == 422 and pointers(document) == ["/data/attributes/startDate"]
    assert counts() == before | {"tblProduct": before["tblProduct"] + 1}


def test_premium_create_patch_delete(admin, admin_row, tree):
    policy = t.policy(t.family(tree.village), t.product())
    status, document, _ = admin.post(
        "/api/premiums",
        doc(
            "premiums",
            {"amount": "12.50", "receipt": "RC1", "payDate": "2021-01-05", "payType": "C"},
            {"policy": ("policies", policy.uuid)},
        ),
    )
    assert status == 201, document
    created = Premium.objects.get(uuid=document["data"]["id"])
    assert created.created_date == datetime.date.today() and created.audit_user_id == admin_row.pk
    _patch_like_legacy(admin, admin_row.pk, "premiums", Premium, created, {"receipt": "RC2"}, {"receipt": "RC2"})
    _delete_like_legacy(admin, admin_row.pk, "premiums", Premium, t.premium(policy))


def test_premium_amount_must_be_positive(admin, tree):
    policy = t.policy(t.family(tree.village), t.product())
    before = counts()
    status, document, _ = admin.post(
        "/api/premiums",
        doc(
            "premiums",
            {"amount": "-1", "receipt": "R9", "payDate": "2021-01-05", "payType": "C"},
            {"policy": ("policies", policy.uuid)},
        ),
    )
    assert status == 422 and pointers(document) == ["/data/attributes/amount"]
    assert counts() == before


def test_location_create_patch_delete(admin, admin_row, tree):
    status, document, _ = admin.post(
        "/api/locations",
        doc(
            "locations",
            {"code": "AV2", "name": "Second village", "locationType": "V"},
            {"parent": ("locations", tree.ward.uuid)},
        ),
    )
    assert status == 201, document
    created = Location.objects.get(uuid=document["data"]["id"])
    assert (created.parent_id, created.type, created.audit_user_id) == (tree.ward.pk, "V", admin_row.pk)
    theirs = legacy_sql.legacy_insert(
        Location,
        {  # what the legacy application inserts
            "uuid": "c" * 8 + created.uuid[8:],
            "code": "TWIN0",
            "name": "Second village",
            "type": "V",
            "parent": tree.ward.pk,
            "validity_from": created.validity_from,
            "audit_user_id": admin_row.pk,
        },
    )
    assert comparable(created, "code") == comparable(Location.objects.get(pk=theirs), "code")
    _patch_like_legacy(
        admin,
        admin_row.pk,
        "locations",
        Location,
        created,
        {"name": "Renamed"},
        {"name": "Renamed"},
        unique={"code": "TWIN1"},
    )
    _delete_like_legacy(admin, admin_row.pk, "locations", Location, location("V", tree.ward), unique={"code": "TWIN2"})


def test_a_location_in_use_cannot_be_deleted(admin, tree):
    url = f"/api/locations/{tree.ward.uuid}"
    before = counts()
    status, document, _ = admin.delete(url, admin.etag(url))
    assert status == 409 and pointers(document) == ["/data"]
    assert counts() == before


def test_a_scoped_clerk_writes_no_region_or_district(clerk, tree):
    before = counts()
    status, document, _ = clerk.post(
        "/api/locations",
        doc(
            "locations",
            {"code": "AD2", "name": "New district", "locationType": "D"},
            {"parent": ("locations", tree.region.uuid)},
        ),
    )
    assert status == 404 and pointers(document) == ["/data/relationships/parent"]
    url = f"/api/locations/{tree.region.uuid}"
    status, _, _ = clerk.patch(url, doc("locations", {"name": "Mine now"}, id=tree.region.uuid), clerk.etag(url))
    assert status == 404
    assert counts() == before
    status, document, _ = clerk.post(
        "/api/locations",
        doc(
            "locations",
            {"code": "AV3", "name": "New village", "locationType": "V"},
            {"parent": ("locations", tree.ward.uuid)},
        ),
    )
    assert status == 201, document


def test_health_facility_create_patch_delete(admin, admin_row, tree):
    status, document, _ = admin.post(
        "/api/health-facilities",
        doc(
            "health-facilities",
            {"code": "HF1", "name": "Clinic", "legalForm": "G", "level": "H", "careType": "B"},
            {"location": ("locations", tree.district.uuid)},
        ),
    )
    assert status == 201, document
    created = HealthFacility.objects.get(uuid=document["data"]["id"])
    assert (created.location_id, created.audit_user_id) == (tree.district.pk, admin_row.pk)
    _patch_like_legacy(
        admin,
        admin_row.pk,
        "health-facilities",
        HealthFacility,
        created,
        {"phone": "123"},
        {"phone": "123"},
        unique={"code": "TWIN3"},
    )
    _delete_like_legacy(
        admin,
        admin_row.pk,
        "health-facilities",
        HealthFacility,
        t.health_facility(tree.district),
        unique={"code": "TWIN4"},
    )


def test_health_facility_level_is_checked(admin, tree):
    before = counts()
    status, document, _ = admin.post(
        "/api/health-facilities",
        doc(
            "health-facilities",
            {"code": "HF2", "name": "Clinic", "legalForm": "G", "level": "X", "careType": "B"},
            {"location": ("locations", tree.district.uuid)},
        ),
    )
    assert status == 422 and pointers(document) == ["/data/attributes/level"]
    assert counts() == before
