"""Submission of claims through legacy.services.claims: each rejection reason of uspSubmitSingleClaim is
triggered by one changed fact, and the world as built passes (real rows on the test database)."""

import datetime
from decimal import Decimal

import pytest

from auth_bridge import testing as t
from legacy import models as m
from legacy.services import Actor
from legacy.services.claims import ClaimRefused, codes, submit_claim
from legacy.services.claims.facts import add_months, base_category, is_adult, patient_mask

from . import claims_world as cw

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
ACTOR = Actor(9, "checker")


@pytest.fixture
def w():
    return cw.world()


def reasons(claim):
    items = m.ClaimItem.objects.current().filter(claim=claim).order_by("pk")
    services = m.ClaimService.objects.current().filter(claim=claim).order_by("pk")
    return [line.rejection_reason for line in items], [line.rejection_reason for line in services]


def submitted(claim):
    submit_claim(claim, ACTOR)
    claim.refresh_from_db()
    return claim


def test_the_world_passes_and_the_claim_is_checked(w):
    claim = submitted(cw.claim(w))
    assert reasons(claim) == ([0], [0])
    assert claim.status == codes.CHECKED
    assert (claim.audit_user_id_submit, claim.claim_category) == (9, "V")
    assert claim.submit_stamp is not None and claim.claimed == Decimal("14.00")
    assert claim.approved is None  # only set when some lines were rejected
    assert claim.validity_from == t.T0 and not m.Claim.objects.filter(legacy_id=claim.pk).exists()  # in place


def test_a_rejected_line_sets_approved_to_the_passed_lines(w):
    stranger = t.item(price=7)
    cw.listed(w.hf, item=stranger)
    claim = submitted(cw.claim(w, items=(w.item, stranger)))
    assert reasons(claim) == ([0, codes.NOT_COVERED], [0])
    line = m.ClaimItem.objects.get(claim=claim, item=stranger)
    assert (line.status, line.qty_approved) == (codes.LINE_REJECTED, 0)
    assert claim.status == codes.CHECKED and claim.approved == Decimal("14.00")


def test_no_current_family_rejects_every_line_with_7(w):
    m.Family.objects.filter(pk=w.family.pk).update(validity_to=datetime.datetime(2021, 1, 1))
    claim = submitted(cw.claim(w))
    assert reasons(claim) == ([codes.NO_FAMILY], [codes.NO_FAMILY])
    assert claim.status == codes.REJECTED


def test_not_in_registers_is_1(w):
    m.Item.objects.filter(pk=w.item.pk).update(validity_to=datetime.datetime(2021, 2, 1))  # deleted before
    assert reasons(submitted(cw.claim(w)))[0] == [codes.NOT_IN_REGISTERS]


def test_a_register_version_valid_at_the_target_date_counts(w):
    values = {f.attname: getattr(w.item, f.attname) for f in m.Item._meta.concrete_fields if not f.primary_key}
    m.Item.objects.create(**{**values, "uuid": t.new_uuid()})  # the item as it was before September
    m.Item.objects.filter(pk=w.item.pk).update(validity_from=datetime.datetime(2021, 9, 1))
    assert reasons(submitted(cw.claim(w)))[0] == [codes.NOT_IN_REGISTERS]  # the copy is no history row yet
    m.Item.objects.filter(legacy_id__isnull=True).exclude(pk=w.item.pk).filter(code=w.item.code).update(
        legacy_id=w.item.pk, validity_to=datetime.datetime(2021, 9, 1)
    )
    assert reasons(submitted(cw.claim(w)))[0] == [0]


def test_not_in_the_price_list_is_2(w):
    m.PriceListService.objects.filter(service=w.service).delete()
    assert reasons(submitted(cw.claim(w)))[1] == [codes.NOT_IN_PRICE_LIST]


def test_not_covered_by_a_product_of_a_valid_policy_is_3(w):
    m.Policy.objects.filter(pk=w.policy.pk).update(status=4)  # suspended
    assert reasons(submitted(cw.claim(w))) == ([codes.NOT_COVERED], [codes.NOT_COVERED])


def test_patient_category_is_4(w):
    m.Service.objects.filter(pk=w.service.pk).update(patient_category=2 + 4 + 8)  # women only
    assert reasons(submitted(cw.claim(w)))[1] == [codes.PATIENT_CATEGORY]


def test_frequency_is_5(w):
    m.Item.objects.filter(pk=w.item.pk).update(frequency=30)
    cw.earlier_claim(w, datetime.date(2021, 5, 10))
    assert reasons(submitted(cw.claim(w)))[0] == [codes.FREQUENCY]
    assert reasons(submitted(cw.claim(w, day=datetime.date(2021, 7, 15))))[0] == [0]


def test_care_type_is_10(w):
    m.Item.objects.filter(pk=w.item.pk).update(care_type="I")  # in-patient item on a one-day claim
    m.Service.objects.filter(pk=w.service.pk).update(care_type="O")
    m.HealthFacility.objects.filter(pk=w.hf.pk).update(care_type="I")
    assert reasons(submitted(cw.claim(w))) == ([codes.CARE_TYPE], [codes.CARE_TYPE])


@pytest.mark.parametrize(
    ("category", "column", "reason", "date_to"),
    [
        ("C", "max_no_consultation", codes.MAX_CONSULTATIONS, None),
        ("S", "max_no_surgery", codes.MAX_SURGERIES, None),
        ("D", "max_no_delivery", codes.MAX_DELIVERIES, None),
        ("A", "max_no_antenatal", codes.MAX_ANTENATAL, None),
        (None, "max_no_hospitalization", codes.MAX_HOSPITAL_ADMISSIONS, datetime.date(2021, 6, 3)),
        (None, "max_no_visits", codes.MAX_VISITS, None),
    ],
)
def test_category_maxima_reject_the_whole_claim(w, category, column, reason, date_to):
    m.Service.objects.filter(pk=w.service.pk).update(category=category)
    m.Product.objects.filter(pk=w.product.pk).update(**{column: 1})
    earlier = cw.earlier_claim(w, datetime.date(2021, 3, 1))
    m.Claim.objects.filter(pk=earlier.pk).update(claim_category=category or ("H" if date_to else "V"))
    claim = submitted(cw.claim(w, date_to=date_to))
    assert reasons(claim) == ([reason], [reason]) and claim.status == codes.REJECTED
    m.Product.objects.filter(pk=w.product.pk).update(**{column: 2})
    assert reasons(submitted(cw.claim(w, date_to=date_to))) == ([0], [0])


def test_quantity_limit_is_16(w):
    m.ProductItem.objects.filter(item=w.item).update(limit_no_adult=1)
    cw.earlier_claim(w, datetime.date(2021, 3, 1))
    assert reasons(submitted(cw.claim(w)))[0] == [codes.MAX_QUANTITY]


def test_waiting_period_is_17(w):
    m.Policy.objects.filter(pk=w.policy.pk).update(stage="N")
    m.ProductService.objects.filter(service=w.service).update(waiting_period_adult=6)
    assert reasons(submitted(cw.claim(w)))[1] == [codes.WAITING_PERIOD]
    assert reasons(submitted(cw.claim(w, day=datetime.date(2021, 7, 1))))[1] == [0]


def test_only_entered_claims_with_lines_are_submitted_and_nothing_changes(w):
    claim = cw.claim(w, status=codes.CHECKED)
    with pytest.raises(ClaimRefused) as refused:
        submit_claim(claim, ACTOR)
    assert refused.value.status == 409 and claim.code in refused.value.problems[0][1]
    empty = t.claim(w.head, w.hf, icd_id=w.diagnosis.pk)
    with pytest.raises(ClaimRefused) as refused:
        submit_claim(empty, ACTOR)
    assert refused.value.status == 422
    negative = cw.claim(w)
    m.ClaimItem.objects.filter(claim=negative).update(qty_provided=-1)
    with pytest.raises(ClaimRefused) as refused:
        submit_claim(negative, ACTOR)
    assert refused.value.problems[0][0] == "/data/relationships/items"
    negative.refresh_from_db()
    assert (negative.status, negative.submit_stamp) == (codes.ENTERED, None)


def test_the_small_rules():
    assert is_adult(datetime.date(2003, 12, 31), datetime.date(2021, 1, 1))  # DATEDIFF(YY) counts years crossed
    assert not is_adult(datetime.date(2004, 1, 1), datetime.date(2021, 12, 31))
    assert patient_mask("M", True) == 5 and patient_mask("F", False) == 10 and patient_mask(None, True) == 6
    assert base_category({"C", "S"}, True) == "S" and base_category({"C"}, False) == "H"
    assert base_category({"C"}, True) == "C" and base_category(set(), True) == "V"
    assert add_months(datetime.date(2021, 1, 31), 1) == datetime.date(2021, 2, 28) and add_months(None, 1) is None


def test_limits_frequency_and_maxima_read_a_constant_number_of_statements(w):
    """CHECKS 5, 11-15/19 and 16 count earlier claims in three statements per submission, however many
    limited lines the claim has (the procedure's cursors query per line)."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    m.Product.objects.filter(pk=w.product.pk).update(max_no_visits=5)

    def limited_item():
        item = t.item(price=3, frequency=30)
        cw.coverage(w.product, item=item, limit_no_adult=5), cw.listed(w.hf, item=item)
        return item

    few, many = [limited_item()], [limited_item() for _ in range(4)]
    cw.earlier_claim(w, datetime.date(2021, 5, 20), items=(few[0], *many))

    def statements(items):
        claim = cw.claim(w, items=items)
        with CaptureQueriesContext(connections["legacy"]) as queries:
            submit_claim(claim, ACTOR)
        return len(queries), reasons(claim)

    (small, small_reasons), (large, large_reasons) = statements(few), statements(many)
    assert small == large
    assert small_reasons[0] == [codes.FREQUENCY] and large_reasons[0] == [codes.FREQUENCY] * 4
