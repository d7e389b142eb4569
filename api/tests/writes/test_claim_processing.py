"""POST /api/claims/<id>/process: the legacy processing through the API (right 111011, If-Match, the
claim's scope, 409 for a claim not checked, 412 for a legacy edit in between), with the written amounts."""

import pytest

from auth_bridge import testing as t
from auth_bridge.codes import Right
from legacy import models as m
from legacy.services import Actor
from legacy.services.claims import submit_claim
from legacy.tests import claims_world as cw

from .client import Writer

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def w():
    return cw.world()


@pytest.fixture
def processor(w):
    return Writer.of(t.clerk("Processor", "pw", w.tree.district, [Right.CLAIM_READ, Right.CLAIM_PROCESS]))


def checked(w):
    claim = cw.claim(w)
    submit_claim(claim, Actor(1, "clerk"))
    return claim


def process(writer, claim, etag=True):
    url = f"/api/claims/{claim.uuid}"
    writer.client.credentials(**({"HTTP_IF_MATCH": writer.etag(url)} if etag else {}))
    return writer.post(f"{url}/process?include=items,services")


def test_a_checked_claim_is_processed_and_valuated(processor, w):
    claim = checked(w)
    status, document, _ = process(processor, claim)
    assert status == 200, document
    assert document["data"]["attributes"]["status"] == 16
    item = m.ClaimItem.objects.get(claim=claim)
    assert document["meta"]["valuation"][f"claim-items/{item.pk}"]["priceValuated"] == 4.0
    included = {(row["type"], row["id"]): row for row in document["included"]}
    line = included[("claim-items", str(item.pk))]
    assert line["attributes"]["remuneratedAmount"] == 4.0 and line["attributes"]["priceOrigin"] == "P"
    assert line["relationships"]["policy"]["data"]["id"] == w.policy.uuid.lower()
    claim.refresh_from_db()
    assert (claim.status, claim.audit_user_id_process) == (16, processor.row.pk)


def test_processing_needs_its_right_if_match_and_a_checked_claim(processor, w):
    claim = checked(w)
    reader = Writer.of(t.clerk("Reader", "pw", w.tree.district, [Right.CLAIM_READ]))
    assert process(reader, claim)[0] == 403
    assert process(processor, claim, etag=False)[0] == 428
    entered = cw.claim(w)
    status, document, _ = process(processor, entered)
    assert status == 409 and entered.code in document["errors"][0]["detail"]
    assert m.Claim.objects.get(pk=entered.pk).status == 2


def test_a_legacy_edit_between_read_and_process_is_412_and_nothing_is_written(processor, w):
    claim = checked(w)
    url = f"/api/claims/{claim.uuid}"
    tag = processor.etag(url)
    m.Claim.objects.filter(pk=claim.pk).update(audit_user_id=77)  # the legacy screen saved the claim
    processor.client.credentials(HTTP_IF_MATCH=tag)
    assert processor.post(f"{url}/process")[0] == 412
    assert m.Claim.objects.get(pk=claim.pk).status == 4 and not m.ClaimDedRem.objects.filter(claim=claim).exists()


def test_a_claim_of_another_district_is_404(w):
    other = t.location_tree("B")
    stranger = Writer.of(t.clerk("Stranger", "pw", other.district, [Right.CLAIM_READ, Right.CLAIM_PROCESS]))
    claim = checked(w)
    stranger.client.credentials(HTTP_IF_MATCH='"x"')
    assert stranger.post(f"/api/claims/{claim.uuid}/process")[0] == 404
    assert m.Claim.objects.get(pk=claim.pk).status == 4


def test_a_facility_may_send_its_own_claim_id_and_a_retry_is_409(w):
    import uuid

    from .client import doc

    clerk = Writer.of(t.hf_user("CidClerk", "pw", w.hf, [Right.CLAIM_READ, Right.CLAIM_ADD]))
    claim_id = str(uuid.uuid4())
    body = doc(
        "claims",
        {"code": "CID1", "dateFrom": "2021-06-01", "dateClaimed": "2021-06-02", "icdId": w.diagnosis.pk},
        {"insuree": ("insurees", w.head.uuid), "healthFacility": ("health-facilities", w.hf.uuid)},
        id=claim_id,
    )
    status, document, _ = clerk.post("/api/claims", body)
    assert status == 201 and document["data"]["id"] == claim_id, document
    body["data"]["attributes"]["code"] = "CID2"
    status, document, _ = clerk.post("/api/claims", body)
    assert status == 409 and m.Claim.objects.filter(uuid=claim_id).count() == 1
