"""Processing of checked claims (uspProcessSingleClaimStep1 + Step2) on real rows: the world's claim is
valuated as the procedure values it, and each adjudication rule moves the amounts it governs."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from auth_bridge import testing as t
from legacy import models as m
from legacy.services import Actor
from legacy.services.claims import ClaimRefused, codes, submit_claim
from legacy.services.claims.processing import process_claim

from . import claims_world as cw

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
ACTOR = Actor(9, "processor")


@pytest.fixture
def w():
    return cw.world()


def checked(w, **values):
    claim = cw.claim(w, **values)
    submit_claim(claim, ACTOR)
    claim.refresh_from_db()
    assert claim.status == codes.CHECKED
    return claim


def processed(claim):
    result = process_claim(claim, Actor(11, "processor"))
    claim.refresh_from_db()
    return claim, result


def amounts(claim, model=m.ClaimItem):
    line = model.objects.current().get(claim=claim)
    return (
        line.price_adjusted,
        line.price_valuated,
        line.deductable_amount,
        line.exceed_ceiling_amount,
        line.remunerated_amount,
    )


def test_a_checked_claim_is_valuated_at_the_price_list_price(w):
    claim, result = processed(checked(w))
    assert claim.status == codes.VALUATED  # no relative price: the procedure goes straight to 16
    assert (claim.audit_user_id_process, claim.date_processed) == (11, claim.process_stamp.date())
    assert claim.validity_from == t.T0 and not m.Claim.objects.filter(legacy_id=claim.pk).exists()  # in place
    assert amounts(claim) == (D("4.00"), D("4.00"), 0, 0, D("4.00"))
    assert amounts(claim, m.ClaimService) == (D("10.00"), D("10.00"), 0, 0, D("10.00"))
    line = m.ClaimItem.objects.get(claim=claim)
    assert (line.product_id, line.policy_id, line.price_origin, line.limitation) == (
        w.product.pk,
        w.policy.pk,
        "P",
        "C",
    )
    row = m.ClaimDedRem.objects.get(claim=claim)
    assert (row.policy_id, row.insuree_id, row.ded_g, row.rem_g, row.rem_op, row.rem_ip) == (
        w.policy.pk,
        w.head.pk,
        0,
        D("14.00"),
        D("14.00"),
        None,
    )
    assert result.lines[("claim-items", line.pk)]["price_valuated"] == D("4.00")


def test_a_relative_price_leaves_the_claim_processed_for_the_batch(w):
    m.ProductService.objects.filter(product=w.product).update(price_origin="R")
    claim, _ = processed(checked(w))
    assert claim.status == codes.PROCESSED
    assert amounts(claim, m.ClaimService) == (D("10.00"), D("10.00"), 0, 0, None)  # remunerated by the batch


def test_the_own_price_origin_pays_the_asked_price(w):
    m.ProductItem.objects.filter(product=w.product).update(price_origin="O")
    claim = checked(w)
    m.ClaimItem.objects.filter(claim=claim).update(price_asked=D("3.50"))
    claim, _ = processed(claim)
    assert amounts(claim)[:2] == (D("3.50"), D("3.50"))


def test_co_sharing_pays_the_percentage(w):
    m.ProductItem.objects.filter(product=w.product).update(limit_adult=D("80"))
    claim, _ = processed(checked(w))
    assert amounts(claim) == (D("4.00"), D("3.20"), 0, 0, D("3.20"))


def test_a_fixed_limit_caps_the_value(w):
    m.ProductService.objects.filter(product=w.product).update(limitation_type="F", limit_adult=D("6"))
    claim, _ = processed(checked(w))
    assert amounts(claim, m.ClaimService)[:2] == (D("10.00"), D("6.00"))
    assert m.ClaimService.objects.get(claim=claim).limitation == "F"


def test_the_treatment_deductible_is_taken_first_items_then_services(w):
    m.Product.objects.filter(pk=w.product.pk).update(ded_treatment=D("5"))
    claim, _ = processed(checked(w))
    assert amounts(claim) == (D("4.00"), 0, D("4.00"), 0, 0)
    assert amounts(claim, m.ClaimService) == (D("10.00"), D("9.00"), D("1.00"), 0, D("9.00"))
    assert m.ClaimDedRem.objects.get(claim=claim).ded_g == D("5.00")


def test_the_insuree_deductible_counts_what_earlier_claims_took(w):
    m.Product.objects.filter(pk=w.product.pk).update(ded_insuree=D("10"))
    earlier = cw.earlier_claim(w, datetime.date(2021, 3, 1), status=16)
    m.ClaimDedRem.objects.create(
        policy=w.policy, insuree=w.head, claim=earlier, ded_g=D("8"), validity_from=t.T0, audit_user_id=1
    )
    claim, _ = processed(checked(w))
    assert amounts(claim)[1:3] == (D("2.00"), D("2.00"))
    assert amounts(claim, m.ClaimService)[1:3] == (D("10.00"), 0)


def test_the_ceiling_caps_the_remuneration_and_records_the_excess(w):
    m.Product.objects.filter(pk=w.product.pk).update(max_treatment=D("12"))
    claim, _ = processed(checked(w))
    assert amounts(claim, m.ClaimService) == (D("10.00"), D("8.00"), 0, D("2.00"), D("8.00"))


def test_a_ceiling_exclusion_spares_the_line(w):
    m.Product.objects.filter(pk=w.product.pk).update(max_treatment=D("12"))
    m.ProductService.objects.filter(product=w.product).update(ceiling_exclusion_adult="N")
    claim, _ = processed(checked(w))
    assert amounts(claim, m.ClaimService)[1:4] == (D("10.00"), 0, 0)


def test_the_category_ceiling_of_a_consultation(w):
    m.Service.objects.filter(pk=w.service.pk).update(category="C")
    m.Product.objects.filter(pk=w.product.pk).update(max_amount_consultation=D("12"))
    claim, _ = processed(checked(w))
    assert amounts(claim, m.ClaimService)[1] == D("8.00")  # the item's 4 counted first
    assert m.ClaimDedRem.objects.get(claim=claim).rem_consult == D("12.00")


def test_a_selected_review_and_feedback_are_bypassed(w):
    claim = checked(w)
    m.Claim.objects.filter(pk=claim.pk).update(review_status=codes.SELECTED, feedback_status=codes.SELECTED)
    claim, _ = processed(claim)
    assert (claim.review_status, claim.feedback_status) == (codes.BYPASSED, codes.BYPASSED)


def test_step_one_checks_again_and_a_claim_without_cover_is_rejected(w):
    claim = checked(w)
    m.ProductItem.objects.filter(product=w.product).update(validity_to=datetime.datetime(2021, 5, 1))
    m.ProductService.objects.filter(product=w.product).update(validity_to=datetime.datetime(2021, 5, 1))
    claim, _ = processed(claim)
    assert claim.status == codes.REJECTED and not m.ClaimDedRem.objects.filter(claim=claim).exists()
    assert {line.rejection_reason for line in m.ClaimItem.objects.filter(claim=claim)} == {codes.NOT_COVERED}


def test_earlier_rejections_stay_and_the_rest_is_valuated(w):
    stranger = t.item(price=7)
    cw.listed(w.hf, item=stranger)
    claim, _ = processed(checked(w, items=(w.item, stranger)))
    rejected = m.ClaimItem.objects.get(claim=claim, item=stranger)
    assert (rejected.status, rejected.rejection_reason, rejected.price_valuated) == (2, codes.NOT_COVERED, None)
    assert claim.status == codes.VALUATED


def test_only_checked_claims_are_processed_and_nothing_changes(w):
    claim = cw.claim(w)
    with pytest.raises(ClaimRefused) as refused:
        process_claim(claim, ACTOR)
    assert refused.value.status == 409 and "not checked" in str(refused.value)
    claim.refresh_from_db()
    assert claim.status == codes.ENTERED and claim.audit_user_id_process is None


def test_processing_reads_a_constant_number_of_statements(w):
    def statements(items):
        claim = checked(w, items=items)
        with CaptureQueriesContext(connections["legacy"]) as queries:
            process_claim(claim, ACTOR)
        return len(queries)

    more = []
    for price in (5, 6, 7):
        item = t.item(price=price)
        cw.coverage(w.product, item=item), cw.listed(w.hf, item=item)
        more.append(item)
    assert statements((w.item,)) == statements((w.item, *more))
