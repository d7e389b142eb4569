"""Claims through the API: entry of claims and lines (legacy history, rules, rights, the facility scope of a
claim administrator), submission of one claim or a selection, and the refusals that write nothing."""

import datetime

import pytest

from auth_bridge import testing as t
from auth_bridge.codes import Right
from legacy import models as m
from legacy.tests import claims_world as cw
from legacy.tests import legacy_sql

from .client import Writer, counts, doc, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
CLAIM_WORK = [Right.CLAIM_READ, Right.CLAIM_ADD, Right.CLAIM_EDIT, Right.CLAIM_DELETE, Right.CLAIM_SUBMIT]


@pytest.fixture
def w():
    return cw.world()


@pytest.fixture
def clerk(w):
    """A claim administrator of the world's facility (tblUsers.HFID) with the claim entry rights."""
    return Writer.of(t.hf_user("HFClerk", "pw", w.hf, CLAIM_WORK))


def claim_doc(w, **attributes):
    values = {"code": "CL1", "dateFrom": "2021-06-01", "dateClaimed": "2021-06-02", "icdId": w.diagnosis.pk}
    return doc(
        "claims",
        values | attributes,
        {"insuree": ("insurees", w.head.uuid), "healthFacility": ("health-facilities", w.hf.uuid)},
    )


def line_doc(type_, claim_uuid, register, register_uuid, **attributes):
    return doc(type_, {"qtyProvided": 1} | attributes, {"claim": ("claims", claim_uuid), register: register_uuid})


def enter(writer, w, **attributes):
    status, document, _ = writer.post("/api/claims", claim_doc(w, **attributes))
    assert status == 201, document
    claim_uuid = document["data"]["id"]
    for type_, register, target in (
        ("claim-items", "item", ("medical-items", w.item.uuid)),
        ("claim-services", "service", ("medical-services", w.service.uuid)),
    ):
        status, line, _ = writer.post(f"/api/{type_}", line_doc(type_, claim_uuid, register, target))
        assert status == 201, line
    return m.Claim.objects.get(uuid=claim_uuid)


def test_a_claim_administrator_enters_and_submits_a_claim(clerk, w):
    claim = enter(clerk, w)
    assert (claim.status, claim.audit_user_id, claim.health_facility_id) == (2, clerk.row.pk, w.hf.pk)
    line = m.ClaimItem.objects.get(claim=claim)
    assert line.price_asked == w.item.price and line.audit_user_id == clerk.row.pk  # the listed price
    url = f"/api/claims/{claim.uuid}"
    status, document, _ = clerk.post(f"{url}/submit?include=items,services", None)
    assert status == 428  # like PATCH: the client says which version it submits
    clerk.client.credentials(HTTP_IF_MATCH=clerk.etag(url))
    status, document, _ = clerk.post(f"{url}/submit?include=items,services")
    assert status == 200, document
    assert document["data"]["attributes"]["status"] == 4
    assert {v["rejectionReason"] for v in document["meta"]["verdicts"].values()} == {0}
    assert {row["type"] for row in document["included"]} == {"claim-items", "claim-services"}
    claim.refresh_from_db()
    assert (claim.status, claim.audit_user_id_submit, claim.claim_category) == (4, clerk.row.pk, "V")


def test_entry_keeps_the_legacy_history_convention(clerk, w):
    claim = enter(clerk, w)
    url = f"/api/claims/{claim.uuid}"
    status, document, _ = clerk.patch(url, doc("claims", {"explanation": "fever"}, id=claim.uuid), clerk.etag(url))
    assert status == 200, document
    history = m.Claim.objects.get(legacy_id=claim.pk)
    assert (history.explanation, history.validity_to is not None, history.uuid != claim.uuid) == (None, True, True)
    line = m.ClaimService.objects.get(claim=claim)
    line_url = f"/api/claim-services/{line.pk}"
    status, _, _ = clerk.patch(
        line_url, doc("claim-services", {"qtyProvided": 2}, id=str(line.pk)), clerk.etag(line_url)
    )
    assert status == 200
    assert m.ClaimService.objects.get(legacy_id=line.pk).qty_provided == 1
    status, _, _ = clerk.delete(url, clerk.etag(url))
    assert status == 204
    assert not m.ClaimService.objects.current().filter(claim=claim).exists()
    assert m.Claim.objects.get(pk=claim.pk).validity_to is not None


def test_the_patient_may_be_named_by_chfid_inside_the_gate(clerk, w):
    document = claim_doc(w)
    document["data"]["relationships"]["insuree"]["data"]["id"] = w.head.chf_id
    status, answer, _ = clerk.post("/api/claims", document)
    assert status == 201, answer
    assert m.Claim.objects.get(uuid=answer["data"]["id"]).insuree_id == w.head.pk
    stranger = t.family(t.location_tree("B").village).head  # another district: not visible to the clerk
    document["data"]["relationships"]["insuree"]["data"]["id"] = stranger.chf_id
    document["data"]["attributes"]["code"] = "CL7"
    status, answer, _ = clerk.post("/api/claims", document)
    assert status == 404 and pointers(answer) == ["/data/relationships/insuree"]


def test_entry_rules_answer_422_naming_the_member_and_write_nothing(clerk, w):
    enter(clerk, w)
    before = counts()
    status, document, _ = clerk.post(
        "/api/claims", claim_doc(w, dateTo="2021-05-01", icdId=w.diagnosis.pk + 999, visitType="X", claimAdminId=5)
    )
    assert status == 422
    assert pointers(document) == [
        "/data/attributes/claimAdminId",
        "/data/attributes/code",  # CL1 is taken at this facility
        "/data/attributes/dateTo",
        "/data/attributes/icdId",
        "/data/attributes/visitType",
    ]
    status, document, _ = clerk.post("/api/claims", claim_doc(w, code="CL2", status=4))
    assert status == 422 and pointers(document) == ["/data/attributes/status"]
    claim = m.Claim.objects.current().get(code="CL1")
    status, document, _ = clerk.post(
        "/api/claim-items", line_doc("claim-items", claim.uuid, "item", ("medical-items", w.item.uuid), qtyProvided=-2)
    )
    assert status == 422 and pointers(document) == ["/data/attributes/qtyProvided"]
    assert counts() == before


def test_a_claim_administrator_writes_only_for_its_own_facility(clerk, w):
    other = t.health_facility(w.tree.district)
    document = claim_doc(w)
    document["data"]["relationships"]["healthFacility"]["data"]["id"] = other.uuid
    status, answer, _ = clerk.post("/api/claims", document)
    assert status == 404 and pointers(answer) == ["/data/relationships/healthFacility"]
    foreign = cw.claim(w)
    m.Claim.objects.filter(pk=foreign.pk).update(health_facility=other)
    status, _, _ = clerk.post(f"/api/claims/{foreign.uuid}/submit")
    assert status == 404


def test_rights_of_entry_and_submission(w):
    reader = Writer.of(t.hf_user("HFReader", "pw", w.hf, [Right.CLAIM_READ, Right.CLAIM_ADD]))
    claim = cw.claim(w)
    url = f"/api/claims/{claim.uuid}"
    assert reader.post("/api/claims", claim_doc(w, code="CL9"))[0] == 201
    assert reader.patch(url, doc("claims", {"explanation": "x"}, id=claim.uuid), reader.etag(url))[0] == 403
    assert reader.delete(url, reader.etag(url))[0] == 403
    reader.client.credentials(HTTP_IF_MATCH=reader.etag(url))
    assert reader.post(f"{url}/submit")[0] == 403


def test_submitting_what_cannot_be_submitted_is_4xx_naming_the_claim(clerk, w):
    checked = cw.claim(w, status=4)
    empty = t.claim(w.head, w.hf, icd_id=w.diagnosis.pk)
    before = counts()
    for claim, expected, pointer in ((checked, 409, "/data"), (empty, 422, "/data/relationships/items")):
        url = f"/api/claims/{claim.uuid}"
        clerk.client.credentials(HTTP_IF_MATCH=clerk.etag(url))
        status, document, _ = clerk.post(f"{url}/submit")
        assert status == expected and pointers(document) == [pointer]
        assert claim.code in document["errors"][0]["detail"]
    assert counts() == before
    assert m.Claim.objects.get(pk=empty.pk).submit_stamp is None


def test_a_legacy_edit_between_read_and_submit_is_412(clerk, w):
    claim = cw.claim(w)
    url = f"/api/claims/{claim.uuid}"
    tag = clerk.etag(url)
    legacy_sql.legacy_update(
        m.Claim, claim.pk, {"explanation": "edited"}, moment=datetime.datetime.now(), audit_user_id=3
    )
    clerk.client.credentials(HTTP_IF_MATCH=tag)
    status, _, response = clerk.post(f"{url}/submit")
    assert status == 412 and response["ETag"] == clerk.etag(url)
    assert m.Claim.objects.get(pk=claim.pk).status == 2


def test_a_selection_is_submitted_claim_by_claim(clerk, w):
    first, second = cw.claim(w), cw.claim(w, items=(t.item(),))
    selection = {
        "data": [
            {"type": "claims", "id": row.uuid, "meta": {"etag": clerk.etag(f"/api/claims/{row.uuid}")}}
            for row in (first, second)
        ]
    }
    status, document, _ = clerk.post("/api/claims/submit", selection)
    assert status == 200, document
    assert [row["attributes"]["status"] for row in document["data"]] == [4, 4]
    second_item = m.ClaimItem.objects.get(claim=second)
    assert document["meta"]["verdicts"][f"claim-items/{second_item.pk}"] == {
        "status": 2,
        "rejectionReason": 2,
    }  # not listed
    status, document, _ = clerk.post("/api/claims/submit", selection)
    assert status == 409 and pointers(document) == ["/data/0"]


@pytest.fixture
def officer(w):
    """A medical officer of the facility's district: review and feedback rights."""
    rights = [Right.CLAIM_READ, Right.CLAIM_REVIEW, Right.CLAIM_FEEDBACK]
    return Writer.of(t.clerk("Officer", "pw", w.tree.district, rights))


def _act(writer, claim, endpoint, meta):
    url = f"/api/claims/{claim.uuid}"
    writer.client.credentials(HTTP_IF_MATCH=writer.etag(url))
    return writer.post(f"{url}/{endpoint}", {"meta": meta})


def test_a_medical_officer_reviews_a_checked_claim(officer, w):
    claim = cw.claim(w, status=4)
    item, service = m.ClaimItem.objects.get(claim=claim), m.ClaimService.objects.get(claim=claim)
    status, document, _ = _act(officer, claim, "review", {"action": "deliver", "lines": []})
    assert status == 422  # no lines
    status, document, _ = _act(
        officer, claim, "review", {"action": "deliver", "lines": [{"type": "claim-items", "id": str(item.pk)}]}
    )
    assert status == 409 and claim.code in document["errors"][0]["detail"]  # not selected yet
    assert _act(officer, claim, "review", {"action": "select"})[0] == 200
    lines = [
        {"type": "claim-items", "id": str(item.pk), "rejected": True},
        {"type": "claim-services", "id": str(service.pk), "qtyApproved": 1, "priceApproved": "7.50"},
    ]
    status, document, _ = _act(officer, claim, "review", {"action": "deliver", "lines": lines})
    assert status == 200, document
    claim.refresh_from_db()
    item.refresh_from_db()
    assert (claim.review_status, claim.approved, claim.status) == (8, 7.5, 4)
    assert (item.status, item.rejection_reason, item.audit_user_id_review) == (2, -1, officer.row.pk)
    assert not m.Claim.objects.filter(legacy_id=claim.pk).exists()  # recorded in the review columns


def test_review_and_feedback_need_their_rights_and_a_checked_claim(clerk, officer, w):
    claim = cw.claim(w)
    assert _act(clerk, claim, "review", {"action": "select"})[0] == 403
    status, document, _ = _act(officer, claim, "feedback", {"action": "select"})
    assert status == 409  # entered, not checked
    m.Claim.objects.filter(pk=claim.pk).update(status=4)
    assert _act(officer, claim, "feedback", {"action": "bypass"})[0] == 200
    assert m.Claim.objects.get(pk=claim.pk).feedback_status == 16
    assert _act(officer, claim, "review", {"action": "promote"})[0] == 422
