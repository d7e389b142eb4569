"""Claim entry: claims and their item/service lines while the claim is entered (status 2).

The rules of the legacy claim screen (web_app_vb ClaimForm / Claim.vb) and of the modular backend's
claim module (claim/validations.py), which protect data before any submission check runs:
- the claim code is unique among the current claims of the health facility;
- DateFrom <= DateTo <= DateClaimed, and DateClaimed is not in the future;
- a current insuree, a current health facility, current ICD codes (ICDID, ICDID1..4);
- the claim administrator (tblClaimAdmin) is a current one of the claim's facility;
- a line names a current item or service, a positive quantity and a non-negative price; without a
  price, the facility's price list price (PriceOverule) or else the register price is asked, as the
  legacy screen fills it in;
- a claim and its lines change only while the claim is entered (ClaimStatus 2); the facility of a claim
  and the claim of a line never change.
Every write keeps the legacy history convention (legacy.services.history).
"""

import datetime

from django.db import transaction

from legacy.models import (
    Claim,
    ClaimAdmin,
    ClaimItem,
    ClaimService,
    Diagnosis,
    HealthFacility,
    Insuree,
    Item,
    PriceListItem,
    PriceListService,
    Service,
)
from legacy.routers import LEGACY_DB

from .. import clock, history
from ..errors import Errors, NotCurrent, NotFound, ValidationFailed
from ..rules import current_row, merged, not_before, require_current, unique_among_current
from .codes import ENTERED

VISIT_TYPES = {"O", "E", "R"}  # other, emergency, referral (tblClaim.VisitType)
DIAGNOSIS_FIELDS = ("icd_id", "icd_id_1", "icd_id_2", "icd_id_3", "icd_id_4")


def check_claim(values, *, exclude_pk=None):
    errors = Errors()
    hf = require_current(errors, "health_facility", HealthFacility, values.get("health_facility_id"), "health facility")
    require_current(errors, "insuree", Insuree, values.get("insuree_id"), "insuree")
    if not values.get("code"):
        errors.add("code", "This field is required.")
    elif hf is not None:
        unique_among_current(errors, "code", Claim, "code", values["code"], exclude_pk, health_facility_id=hf.pk)
    for field in DIAGNOSIS_FIELDS:
        if values.get(field) is not None and current_row(Diagnosis, values[field]) is None:
            errors.add(field, "Must be a current ICD code (tblICDCodes.ICDID).")
    date_from, date_to, claimed = values.get("date_from"), values.get("date_to"), values.get("date_claimed")
    not_before(errors, "date_to", date_to, date_from, "the date from")
    not_before(errors, "date_claimed", claimed, date_to or date_from, "the treatment dates")
    if claimed is not None and claimed > datetime.date.today():
        errors.add("date_claimed", "Must not be in the future.")
    if values.get("visit_type") is not None and values["visit_type"] not in VISIT_TYPES:
        errors.add("visit_type", f"Must be one of {sorted(VISIT_TYPES)}.")
    admin_id = values.get("claim_admin_id")
    if admin_id is not None:
        admin = current_row(ClaimAdmin, admin_id)
        if admin is None or hf is not None and admin.health_facility_id != hf.pk:
            errors.add("claim_admin_id", "Must be a current claim administrator of the claim's health facility.")
    return errors


def _entered(errors, claim, field="__all__"):
    if claim is not None and claim.status != ENTERED:
        errors.add(field, f"Claim {claim.code!r} is not entered (status {claim.status}): it cannot change any more.")


def create_claim(values, actor, *, uuid=None):
    """`uuid`: a client-generated ClaimUUID (an offline facility's retry is then a 409, not a second claim)."""
    values = {"date_claimed": datetime.date.today(), **values}

    def validate(obj):
        errors = check_claim(merged(obj, {}))
        if obj.status != ENTERED:
            errors.add("status", "A new claim is entered (status 2).")
        errors.raise_if_any()

    return history.create(Claim, values, actor, validate=validate, uuid=uuid)


def update_claim(target, changes, actor, expected_etag=None):
    def validate(current, clean):
        errors = Errors()
        _entered(errors, current)
        if clean.get("health_facility_id", current.health_facility_id) != current.health_facility_id:
            errors.add("health_facility", "The health facility of a claim cannot change.")
        errors.raise_if_any()
        check_claim(merged(current, clean), exclude_pk=current.pk).raise_if_any()

    return history.update(target, changes, actor, expected_etag, model=Claim, validate=validate)


def delete_claim(target, actor, expected_etag=None):
    """Delete an entered claim and its current lines (nothing may hang off a deleted claim)."""
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        errors = Errors()
        _entered(errors, claim)
        errors.raise_if_any()
        moment = clock.moment_after(claim.validity_from, clock.now())
        for model in (ClaimItem, ClaimService):
            for row in model.objects.using(LEGACY_DB).current().filter(claim_id=claim.pk).order_by("pk"):
                history.delete(row, actor, now=moment)
        return history.delete(claim, actor, now=moment)


class LineKind:
    """What differs between item and service lines: the model, the register and the price list."""

    def __init__(self, model, register, price_list, field, hf_price_list):
        self.model, self.register, self.price_list = model, register, price_list
        self.field, self.hf_price_list = field, hf_price_list

    def listed_price(self, claim, register_id):
        """The price the legacy screen fills in: the facility's price list price, else the register's."""
        hf = current_row(HealthFacility, claim.health_facility_id)
        list_id = getattr(hf, self.hf_price_list, None) if hf is not None else None
        listed = (
            self.price_list.objects.using(LEGACY_DB)
            .current()
            .filter(price_list_id=list_id, **{f"{self.field}_id": register_id})
            .order_by("pk")
            .first()
            if list_id is not None
            else None
        )
        if listed is not None and listed.price_overrule is not None:
            return listed.price_overrule
        return self.register.objects.using(LEGACY_DB).get(pk=register_id).price


ITEMS = LineKind(ClaimItem, Item, PriceListItem, "item", "pl_item_id")
SERVICES = LineKind(ClaimService, Service, PriceListService, "service", "pl_service_id")


def check_line(kind, values, claim):
    errors = Errors()
    if claim is None:
        errors.add("claim", "Must be a current claim.")
    _entered(errors, claim, "claim")
    require_current(errors, kind.field, kind.register, values.get(f"{kind.field}_id"), f"medical {kind.field}")
    quantity, price = values.get("qty_provided"), values.get("price_asked")
    if quantity is not None and quantity <= 0:
        errors.add("qty_provided", "Must be positive.")
    if price is not None and price < 0:
        errors.add("price_asked", "Must not be negative.")
    return errors


def _locked_claim(claim_id):
    """The line's claim, locked: a concurrent submission cannot miss or half-see the line."""
    if claim_id is None:
        return None
    try:
        return history.lock(Claim, claim_id)
    except (NotFound, NotCurrent):
        return None


def create_line(kind, values, actor):
    with transaction.atomic(using=LEGACY_DB):
        claim = _locked_claim(values.get("claim"))
        check_line(kind, {f"{kind.field}_id": values.get(kind.field), **values}, claim).raise_if_any()
        if values.get("price_asked") is None:
            values = {**values, "price_asked": kind.listed_price(claim, values[kind.field])}
        return history.create(kind.model, values, actor)


def update_line(kind, target, changes, actor, expected_etag=None):
    def validate(current, clean):
        if clean.get("claim_id", current.claim_id) != current.claim_id:
            raise ValidationFailed({"claim": ["The claim of a line cannot change."]})
        check_line(kind, merged(current, clean), _locked_claim(current.claim_id)).raise_if_any()

    return history.update(target, changes, actor, expected_etag, model=kind.model, validate=validate)


def delete_line(kind, target, actor, expected_etag=None):
    def validate(current):
        errors = Errors()
        _entered(errors, _locked_claim(current.claim_id), "claim")
        errors.raise_if_any()

    return history.delete(target, actor, expected_etag, model=kind.model, validate=validate)
