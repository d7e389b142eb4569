"""GET /api/insurees/<id or CHFID>/coverage through the read gate and the insuree read right."""

import pytest

from auth_bridge import testing as t
from auth_bridge.codes import Right
from legacy.tests import claims_world as cw

from .client import Writer

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_coverage_by_uuid_and_by_chfid_within_the_callers_scope():
    w = cw.world()
    clerk = Writer.of(t.clerk("CovA", "pw", w.tree.district, [Right.INSUREE_READ]))
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
    outsider = Writer.of(t.clerk("CovB", "pw", t.location_tree("B").district, [Right.INSUREE_READ]))
    assert outsider.get(f"/api/insurees/{w.head.chf_id}/coverage")[0] == 404  # not visible: no oracle
    no_right = Writer.of(t.clerk("CovC", "pw", w.tree.district, [Right.FAMILY_READ]))
    assert no_right.get(f"/api/insurees/{w.head.uuid}/coverage")[0] == 403
