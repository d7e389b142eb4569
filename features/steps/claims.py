"""Claim entry, submission and review through the API (claims.feature)."""

from types import SimpleNamespace

from behave import given, then, when

from auth_bridge import testing as t
from auth_bridge.codes import Right
from features import world as w
from legacy import models as m
from legacy.tests import claims_world as cw

ENTRY = [Right.CLAIM_READ, Right.CLAIM_ADD, Right.CLAIM_EDIT, Right.CLAIM_SUBMIT]
REVIEW = [Right.CLAIM_READ, Right.CLAIM_REVIEW, Right.CLAIM_PROCESS]


def _claim(context):
    return m.Claim.objects.get(pk=context.world.claim.pk)


def _post(context, who, url, body=None):
    someone = w.person(context, who)
    tag = w.get(context, someone, url.rsplit("/", 1)[0])["ETag"]
    return w.request(context, someone, "POST", url, body, HTTP_IF_MATCH=tag)


@given("district {district} has a health facility with an insured patient")
def step_facility(context, district):
    place = w.district(context, district)
    context.world.claims = cw.world(SimpleNamespace(district=place.row, village=place.village))


@given("{name} is the claim administrator of that facility")
def step_claim_admin(context, name):
    login, password = name.lower(), f"{name}-secret"
    w.add_person(context, name, login, password).row = t.hf_user(login, password, context.world.claims.hf, ENTRY)


@given("{name} is a medical officer of district {district}")
def step_medical_officer(context, name, district):
    login, password = name.lower(), f"{name}-secret"
    row = t.legacy_user(
        login,
        password,
        districts=[w.district(context, district).row],
        roles=[t.role(f"{name} role", rights=REVIEW, is_system=16)],
    )
    w.add_person(context, name, login, password).row = row


@when('{who} enters claim "{code}" for the patient with the covered item and service')
def step_enter(context, who, code):
    world, someone = context.world.claims, w.person(context, who)
    body = {
        "data": {
            "type": "claims",
            "attributes": {
                "code": code,
                "dateFrom": "2021-06-01",
                "dateClaimed": "2021-06-02",
                "icdId": world.diagnosis.pk,
            },
            "relationships": {
                "insuree": {"data": {"type": "insurees", "id": world.head.uuid}},
                "healthFacility": {"data": {"type": "health-facilities", "id": world.hf.uuid}},
            },
        }
    }
    response = w.request(context, someone, "POST", "/api/claims", body)
    assert response.status_code == 201, response.content[:400]
    claim_id = response.json()["data"]["id"]
    for type_, name, target in (
        ("claim-items", "item", ("medical-items", world.item.uuid)),
        ("claim-services", "service", ("medical-services", world.service.uuid)),
    ):
        line = {
            "data": {
                "type": type_,
                "attributes": {"qtyProvided": 1},
                "relationships": {
                    "claim": {"data": {"type": "claims", "id": claim_id}},
                    name: {"data": {"type": target[0], "id": target[1]}},
                },
            }
        }
        answer = w.request(context, someone, "POST", f"/api/{type_}", line)
        assert answer.status_code == 201, answer.content[:400]
    context.world.claim = m.Claim.objects.get(uuid=claim_id)


@then("the claim is entered with status 2 and her UserID as AuditUserID")
def step_entered(context):
    claim = _claim(context)
    assert (claim.status, claim.audit_user_id) == (2, context.world.actor.row.pk)


@when("{who} submits the claim")
def step_submit(context, who):
    context.world.response = _post(context, who, f"/api/claims/{context.world.claim.uuid}/submit")


@then("the claim is checked (status 4) and both lines passed")
def step_checked(context):
    response = context.world.response
    assert response.status_code == 200, response.content[:400]
    verdicts = response.json()["meta"]["verdicts"]
    assert sorted(v["status"] for v in verdicts.values()) == [1, 1], verdicts
    assert _claim(context).status == 4


@when("{who} selects the claim for review")
def step_select(context, who):
    url = f"/api/claims/{context.world.claim.uuid}/review"
    response = _post(context, who, url, {"meta": {"action": "select"}})
    assert response.status_code == 200, response.content[:400]


@when("{who} approves the service at {price} and rejects the item")
def step_review(context, who, price):
    claim = context.world.claim
    item = m.ClaimItem.objects.current().get(claim=claim)
    service = m.ClaimService.objects.current().get(claim=claim)
    lines = [
        {"type": "claim-items", "id": str(item.pk), "rejected": True, "justification": "not needed"},
        {"type": "claim-services", "id": str(service.pk), "priceApproved": price},
    ]
    response = _post(context, who, f"/api/claims/{claim.uuid}/review", {"meta": {"action": "deliver", "lines": lines}})
    assert response.status_code == 200, response.content[:400]


@then("the claim's review is delivered (8) with the item rejected by the reviewer and {amount} approved")
def step_reviewed(context, amount):
    claim = _claim(context)
    item = m.ClaimItem.objects.current().get(claim=claim)
    assert (claim.review_status, str(claim.approved)) == (8, amount), (claim.review_status, claim.approved)
    assert (item.status, item.rejection_reason) == (2, -1)
    assert claim.audit_user_id_review == context.world.actor.row.pk


@when("{who} processes the claim")
def step_process(context, who):
    context.world.response = _post(context, who, f"/api/claims/{context.world.claim.uuid}/process")


@then("the claim is valuated (16) and the service is remunerated {amount}, the item nothing")
def step_valuated(context, amount):
    response = context.world.response
    assert response.status_code == 200, response.content[:400]
    claim = _claim(context)
    service = m.ClaimService.objects.current().get(claim=claim)
    item = m.ClaimItem.objects.current().get(claim=claim)
    assert (claim.status, claim.audit_user_id_process) == (16, context.world.actor.row.pk)
    assert (str(service.remunerated_amount), item.remunerated_amount) == (amount, None)


@given("another facility of district {district} has an entered claim")
def step_other_claim(context, district):
    world = context.world.claims
    other = t.health_facility(w.district(context, district).row)
    context.world.claim = cw.claim(world)
    m.Claim.objects.filter(pk=context.world.claim.pk).update(health_facility=other)


@when("{who} submits that claim")
def step_submit_other(context, who):
    someone = w.person(context, who)
    url = f"/api/claims/{context.world.claim.uuid}/submit"
    context.world.response = w.request(context, someone, "POST", url, HTTP_IF_MATCH='"x"')


@then("she is told there is no such claim, and it stays entered")
def step_not_found(context):
    assert context.world.response.status_code == 404, context.world.response.content[:300]
    assert _claim(context).status == 2
