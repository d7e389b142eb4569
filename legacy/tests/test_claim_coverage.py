"""The coverage enquiry (uspPolicyInquiry) on real rows: statuses, deductibles and ceilings left."""

import datetime
from decimal import Decimal

import pytest

from auth_bridge import testing as t
from legacy import models as m
from legacy.services.claims.coverage import enquire, policy_ceiling, status_letter

from . import claims_world as cw

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])
TODAY = datetime.date(2021, 6, 1)


def test_an_active_policy_shows_what_is_left_after_processed_claims(w=None):
    w = cw.world()
    m.Product.objects.filter(pk=w.product.pk).update(ded_insuree=50, max_insuree=1000)
    claim = cw.earlier_claim(w, datetime.date(2021, 3, 1), status=8)
    m.ClaimDedRem.objects.create(
        policy=w.policy, insuree=w.head, claim=claim, ded_g=20, rem_g=300, validity_from=t.T0, audit_user_id=1
    )
    old = t.policy(w.family, w.product, status=8, expiry_date=datetime.date(2020, 12, 31))
    (row,) = enquire(w.head, TODAY)  # the active one only
    assert (row.policy.pk, row.status, row.ded_type) == (w.policy.pk, "A", 1)
    assert (row.ded1, row.ded2, row.ceiling1, row.ceiling2) == (Decimal(30), Decimal(30), Decimal(700), Decimal(700))
    m.Policy.objects.filter(pk=w.policy.pk).update(status=4)
    assert {r.policy.pk for r in enquire(w.head, TODAY)} == {w.policy.pk, old.pk}  # no active one: all


def test_in_and_out_patient_amounts_give_ded_type_1_1():
    w = cw.world()
    m.Product.objects.filter(pk=w.product.pk).update(
        ded_ip_insuree=10, ded_op_treatment=5, max_op_policy=80, threshold=0
    )
    (row,) = enquire(w.head, TODAY)
    assert (row.ded_type, row.ded1, row.ded2, row.ceiling1, row.ceiling2) == (1.1, 10, 5, None, 80)


def test_the_small_rules():
    w = cw.world()
    ip = m.InsureePolicy.objects.get(pk=w.insuree_policy.pk)
    assert status_letter(ip, w.policy, TODAY) == "A"
    assert status_letter(ip, w.policy, datetime.date(2020, 12, 1)) == "I"
    assert status_letter(ip, w.policy, datetime.date(2022, 1, 1)) == "E"
    assert status_letter(None, w.policy, TODAY) == "I"
    product = m.Product(max_policy=100, max_policy_extra_member=10, threshold=2, member_count=5, max_ceiling_policy=120)
    assert policy_ceiling(product, "", members=4) == 120 and policy_ceiling(product, "", members=3) == 110
    assert policy_ceiling(product, "", members=1) == 100
    product.threshold = None
    assert policy_ceiling(product, "", members=4) is None  # the procedure's arithmetic with a NULL threshold
