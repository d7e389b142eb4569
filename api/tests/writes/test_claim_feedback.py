"""Feedback delivery (uspInsertFeedback) and the `feedbacks` resource: the row the legacy writes, the
claim's FeedbackStatus 8, the refusals that write nothing, and scoping through the claim."""

import pytest

from auth_bridge import testing as t
from auth_bridge.codes import Right
from legacy import models as m
from legacy.tests import claims_world as cw

from .client import Writer

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
RIGHTS = [Right.CLAIM_READ, Right.CLAIM_FEEDBACK, Right.OFFICER_READ]


@pytest.fixture
def w():
    world = cw.world()
    world.officer = t.officer(world.tree.district)
    return world


@pytest.fixture
def officer_user(w):
    return Writer.of(t.clerk("FbOfficer", "pw", w.tree.district, RIGHTS))


def deliver(writer, claim, feedback):
    url = f"/api/claims/{claim.uuid}"
    writer.client.credentials(HTTP_IF_MATCH=writer.etag(url))
    return writer.post(f"{url}/feedback?include=feedback", {"meta": {"action": "deliver", "feedback": feedback}})


def answers(w, **values):
    return {
        "officer": w.officer.uuid,
        "careRendered": True,
        "paymentAsked": False,
        "drugPrescribed": True,
        "drugReceived": True,
        "assessment": 4,
        "feedbackDate": "2021-06-10",
    } | values


def test_a_feedback_is_delivered_as_the_legacy_writes_it(officer_user, w):
    claim = cw.claim(w, status=4, feedback_status=4)
    status, document, _ = deliver(officer_user, claim, answers(w))
    assert status == 200, document
    row = m.Feedback.objects.get(claim=claim)
    assert (row.care_rendered, row.payment_asked, row.assessment, row.officer_id) == (True, False, 4, w.officer.pk)
    assert (row.audit_user_id, row.validity_to, row.feedback_date.date().isoformat()) == (
        officer_user.row.pk,
        None,
        "2021-06-10",
    )
    claim.refresh_from_db()
    assert claim.feedback_status == 8
    assert document["data"]["relationships"]["feedback"]["data"] == [{"type": "feedbacks", "id": row.uuid}]
    (included,) = document["included"]
    assert included["attributes"]["careRendered"] is True
    status, document, _ = officer_user.get(f"/api/feedbacks/{row.uuid}?include=claim")
    assert status == 200 and document["data"]["relationships"]["claim"]["data"]["id"] == claim.uuid.lower()


def test_refusals_write_nothing(officer_user, w):
    entered = cw.claim(w)
    assert deliver(officer_user, entered, answers(w))[0] == 409  # not checked and selected
    claim = cw.claim(w, status=4, feedback_status=4)
    status, document, _ = deliver(officer_user, claim, answers(w, officer="no-such-officer", assessment=300))
    assert status == 422
    assert {e["source"]["pointer"] for e in document["errors"]} == {
        "/meta/feedback/officer",
        "/meta/feedback/assessment",
    }
    assert not m.Feedback.objects.exists()
    assert deliver(officer_user, claim, answers(w))[0] == 200
    m.Claim.objects.filter(pk=claim.pk).update(feedback_status=4)
    assert deliver(officer_user, claim, answers(w))[0] == 409  # uspInsertFeedback: "FeedBack Exists"
    assert m.Feedback.objects.count() == 1


def test_feedbacks_are_scoped_through_their_claim(officer_user, w):
    claim = cw.claim(w, status=4, feedback_status=4)
    assert deliver(officer_user, claim, answers(w))[0] == 200
    row = m.Feedback.objects.get(claim=claim)
    outsider = Writer.of(t.clerk("FbOut", "pw", t.location_tree("B").district, RIGHTS))
    assert outsider.get(f"/api/feedbacks/{row.uuid}")[0] == 404
    status, document, _ = outsider.get("/api/feedbacks")
    assert status == 200 and document["data"] == []
    no_right = Writer.of(t.clerk("FbNone", "pw", w.tree.district, [Right.FAMILY_READ]))
    assert no_right.get("/api/feedbacks")[0] == 403
    status, document, _ = officer_user.get("/api/feedbacks")
    assert [item["id"] for item in document["data"]] == [row.uuid]
