"""Policies and premiums, with the basic legacy rules that protect data.

Policy: a current family and a current product valid at the enrolment date; dates in order
(enrolment <= start <= expiry, effective within start..expiry); a current officer when given.
Premium: a current policy, a positive amount, a payment date not in the future.
Deleting a policy also deletes its current premiums and insuree-policy links (nothing may hang off a
deleted policy).
"""

import datetime
from decimal import Decimal

from django.db import transaction

from legacy.models import Family, InsureePolicy, Officer, Policy, Premium, Product
from legacy.routers import LEGACY_DB

from . import clock, history
from .errors import Errors
from .rules import not_before, on_create, on_update, require_current

POLICY_STATUSES = {1, 2, 4, 8, 16}  # idle, active, suspended, expired, ready
POLICY_STAGES = {"N", "R"}  # new, renewal


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def check_policy(values):
    errors = Errors()
    require_current(errors, "family", Family, values.get("family_id"), "family")
    product = require_current(errors, "product", Product, values.get("product_id"), "product")
    if values.get("officer_id") is not None:
        require_current(errors, "officer", Officer, values["officer_id"], "enrolment officer")
    enroll, start = values.get("enroll_date"), values.get("start_date")
    effective, expiry = values.get("effective_date"), values.get("expiry_date")
    if (
        product is not None
        and enroll is not None
        and not (_as_date(product.date_from) <= enroll <= _as_date(product.date_to))
    ):
        errors.add("enroll_date", "The product is not on sale at this enrolment date.")
    not_before(errors, "start_date", start, enroll, "the enrolment date")
    not_before(errors, "expiry_date", expiry, start, "the start date")
    not_before(errors, "effective_date", effective, start, "the start date")
    if effective is not None and expiry is not None and effective > expiry:
        errors.add("effective_date", "Must not be after the expiry date.")
    if values.get("status") is not None and values["status"] not in POLICY_STATUSES:
        errors.add("status", f"Must be one of {sorted(POLICY_STATUSES)}.")
    if values.get("stage") is not None and values["stage"] not in POLICY_STAGES:
        errors.add("stage", f"Must be one of {sorted(POLICY_STAGES)}.")
    if values.get("value") is not None and values["value"] < 0:
        errors.add("value", "Must not be negative.")
    return errors


def create_policy(values, actor, *, uuid=None):
    return history.create(Policy, values, actor, validate=on_create(check_policy), uuid=uuid)


def update_policy(target, changes, actor, expected_etag=None):
    return history.update(target, changes, actor, expected_etag, model=Policy, validate=on_update(check_policy))


def delete_policy(target, actor, expected_etag=None):
    with transaction.atomic(using=LEGACY_DB):
        policy = history.lock(Policy, target, expected_etag)
        moment = clock.moment_after(policy.validity_from, clock.now())
        for model in (Premium, InsureePolicy):
            for row in model.objects.using(LEGACY_DB).current().filter(policy_id=policy.pk).order_by("pk"):
                history.delete(row, actor, now=moment)
        return history.delete(history.Locked(policy), actor, now=moment)


def check_premium(values):
    errors = Errors()
    require_current(errors, "policy", Policy, values.get("policy_id"), "policy")
    if values.get("amount") is not None and values["amount"] <= Decimal(0):
        errors.add("amount", "Must be positive.")
    if values.get("pay_date") is not None and values["pay_date"] > datetime.date.today():
        errors.add("pay_date", "Must not be in the future.")
    return errors


def create_premium(values, actor, *, uuid=None):
    values = {"created_date": datetime.date.today(), **values}
    return history.create(Premium, values, actor, validate=on_create(check_premium), uuid=uuid)


def update_premium(target, changes, actor, expected_etag=None):
    return history.update(target, changes, actor, expected_etag, model=Premium, validate=on_update(check_premium))


def delete_premium(target, actor, expected_etag=None):
    return history.delete(target, actor, expected_etag, model=Premium)
