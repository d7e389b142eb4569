"""Policies, premiums, locations and health facilities: the basic legacy rules that protect data."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS

from legacy.models import HealthFacility, InsureePolicy, Location, Policy, Premium
from legacy.services import ValidationFailed, delete
from legacy.services.locations import (
    create_health_facility,
    create_location,
    delete_location,
    update_health_facility,
    update_location,
)
from legacy.services.policies import create_policy, create_premium, delete_policy, update_policy

from .domain import ACTOR, family_with_head, location_tree, product
from .rows import current_row

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

DAY = datetime.timedelta(days=1)


def _counts(*models):
    return [model.objects.count() for model in models]


def _policy_values(family, prod, **overrides):
    return {
        "family": family.pk,
        "product": prod.pk,
        "enroll_date": datetime.date(2024, 1, 10),
        "start_date": datetime.date(2024, 2, 1),
        "expiry_date": datetime.date(2025, 1, 31),
        "effective_date": datetime.date(2024, 2, 1),
        "value": Decimal("100.00"),
        **overrides,
    }


def _refused(call, *args):
    with pytest.raises(ValidationFailed) as refused:
        call(*args)
    return set(refused.value.errors)


def test_policies_need_a_current_family_and_product_and_ordered_dates():
    family, _ = family_with_head()
    prod = product()
    policy = create_policy(_policy_values(family, prod), ACTOR)
    assert policy.is_current and policy.audit_user_id == 7
    counts = _counts(Policy)
    disordered = _policy_values(
        family, prod, start_date=datetime.date(2024, 1, 9), effective_date=None, expiry_date=datetime.date(2024, 1, 1)
    )
    assert _refused(create_policy, disordered, ACTOR) == {"start_date", "expiry_date"}
    assert _refused(create_policy, _policy_values(family, prod, effective_date=datetime.date(2026, 1, 1)), ACTOR) == {
        "effective_date"
    }
    assert _refused(
        create_policy,
        _policy_values(family, prod, enroll_date=datetime.date(2019, 1, 1), start_date=datetime.date(2019, 2, 1)),
        ACTOR,
    ) == {"enroll_date"}
    delete(prod, ACTOR)
    other_family, _ = family_with_head()
    delete(other_family, ACTOR)
    assert _refused(create_policy, _policy_values(other_family, prod), ACTOR) == {"family", "product"}
    assert _counts(Policy) == counts


def test_policy_changes_keep_dates_in_order():
    family, _ = family_with_head()
    policy = create_policy(_policy_values(family, product()), ACTOR)
    counts = _counts(Policy)
    assert _refused(update_policy, policy, {"expiry_date": policy.start_date - DAY}, ACTOR) == {
        "expiry_date",
        "effective_date",
    }
    assert _counts(Policy) == counts
    changed = update_policy(policy, {"expiry_date": policy.expiry_date + DAY}, ACTOR)
    assert changed.expiry_date == policy.expiry_date + DAY and Policy.objects.history_of(policy).count() == 1


def test_premiums_need_a_current_policy_a_positive_amount_and_a_past_payment():
    family, _ = family_with_head()
    policy = create_policy(_policy_values(family, product()), ACTOR)
    values = {
        "policy": policy.pk,
        "amount": Decimal("50.00"),
        "receipt": "R-1",
        "pay_date": datetime.date(2024, 1, 12),
        "pay_type": "C",
    }
    premium = create_premium(values, ACTOR)
    assert premium.created_date == datetime.date.today() and premium.amount == Decimal("50.00")
    counts = _counts(Premium)
    assert _refused(
        create_premium, {**values, "amount": Decimal("0"), "pay_date": datetime.date.today() + DAY}, ACTOR
    ) == {"amount", "pay_date"}
    assert _refused(create_premium, {**values, "receipt": ""}, ACTOR) == {"receipt"}
    assert _counts(Premium) == counts
    link = current_row(InsureePolicy)
    InsureePolicy.objects.filter(pk=link.pk).update(policy_id=policy.pk)
    deleted = delete_policy(policy, ACTOR)
    for row in (Premium.objects.get(pk=premium.pk), InsureePolicy.objects.get(pk=link.pk)):
        assert row.validity_to == deleted.validity_to and row.legacy_id is None
    assert _refused(create_premium, values, ACTOR) == {"policy"}


def test_locations_form_a_tree_of_current_rows():
    tree = location_tree()
    assert [row.parent_id for row in tree] == [None, tree.region.pk, tree.district.pk, tree.ward.pk]
    counts = _counts(Location)
    assert _refused(create_location, {"type": "V", "code": "VX", "name": "x", "parent": tree.region.pk}, ACTOR) == {
        "parent"
    }
    assert _refused(create_location, {"type": "R", "code": "RX", "name": "x", "parent": tree.region.pk}, ACTOR) == {
        "parent"
    }
    assert _refused(create_location, {"type": "X", "code": tree.village.code, "name": ""}, ACTOR) == {
        "type",
        "code",
        "name",
    }
    assert _refused(update_location, tree.ward, {"type": "V"}, ACTOR) == {"type", "parent"}
    assert _counts(Location) == counts
    renamed = update_location(tree.ward, {"name": "Renamed"}, ACTOR)
    assert renamed.name == "Renamed" and Location.objects.history_of(renamed).get().name == tree.ward.name


def test_locations_in_use_cannot_be_deleted():
    tree = location_tree()
    family_with_head(tree.village)
    counts = _counts(Location)
    for row in tree:
        assert _refused(delete_location, row, ACTOR) == {NON_FIELD_ERRORS}
    assert _counts(Location) == counts
    spare = create_location({"type": "V", "code": "VS", "name": "Spare", "parent": tree.ward.pk}, ACTOR)
    assert not delete_location(spare, ACTOR).is_current


def test_health_facilities_belong_to_a_current_district():
    tree = location_tree()
    values = {
        "code": "HF1",
        "name": "Clinic",
        "legal_form": "G",
        "level": "H",
        "care_type": "B",
        "location": tree.district.pk,
    }
    facility = create_health_facility(values, ACTOR)
    counts = _counts(HealthFacility)
    assert _refused(
        create_health_facility, {**values, "location": tree.village.pk, "level": "Z", "care_type": "Q"}, ACTOR
    ) == {"location", "level", "care_type", "code"}
    assert _refused(update_health_facility, facility, {"location": tree.ward.pk}, ACTOR) == {"location"}
    assert _counts(HealthFacility) == counts
    assert _refused(delete_location, tree.district, ACTOR) == {NON_FIELD_ERRORS}
