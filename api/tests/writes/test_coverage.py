"""GET /api/insurees/<id or CHFID>/coverage through the read gate and the insuree read right; a policy or
product the caller may not read is never part of the answer."""

import pytest

from auth_bridge import testing as t
from auth_bridge.codes import Right
from legacy.tests import claims_world as cw

from .client import Writer

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
ENQUIRY = [Right.INSUREE_READ, Right.POLICY_READ, Right.PRODUCT_READ]


def test_coverage_by_uuid_and_by_chfid_within_the_callers_scope():
    w = cw.world()
    clerk = Writer.of(t.clerk("CovA", "pw", w.tree.district, ENQUIRY))
    for key in (w.head.uuid.upper(), w.head.chf_id):
        status, document, _ = clerk.get(f"/api/insurees/{key}/coverage")
        assert status == 200, document
        (row,) = document["data"]
        assert (row["type"], row["id"], row["attributes"]["productCode"]) == (
            "coverages",
            w.policy.uuid,
            w.product.code,
        )
        assert row["relationships"]["product"]["data"]["id"] == w.product.uuid
    outsider = Writer.of(t.clerk("CovB", "pw", t.location_tree("B").district, ENQUIRY))
    assert outsider.get(f"/api/insurees/{w.head.chf_id}/coverage")[0] == 404  # not visible: no oracle
    no_right = Writer.of(t.clerk("CovC", "pw", w.tree.district, [Right.FAMILY_READ]))
    assert no_right.get(f"/api/insurees/{w.head.uuid}/coverage")[0] == 403


def test_policies_and_products_the_caller_may_not_read_are_not_shown():
    w = cw.world()
    elsewhere = t.product(t.location_tree("B").district)  # a product of another region's district
    t.policy(w.family, elsewhere, status=2, effective_date=w.policy.effective_date, expiry_date=w.policy.expiry_date)
    clerk = Writer.of(t.clerk("CovD", "pw", w.tree.district, ENQUIRY))
    status, document, _ = clerk.get(f"/api/insurees/{w.head.uuid}/coverage")
    assert status == 200 and [row["id"] for row in document["data"]] == [w.policy.uuid]
    admin = Writer.of(t.admin("CovAdmin", "pw"))
    assert len(admin.get(f"/api/insurees/{w.head.uuid}/coverage")[1]["data"]) == 2
    for rights in ([Right.INSUREE_READ], [Right.INSUREE_READ, Right.POLICY_READ]):
        reader = Writer.of(t.clerk(f"CovE{len(rights)}", "pw", w.tree.district, rights))
        status, document, _ = reader.get(f"/api/insurees/{w.head.uuid}/coverage")
        assert (status, document["data"]) == (200, [])  # no policy or product right: nothing about them
