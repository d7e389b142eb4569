"""Claim submission: the legacy checks on every current line, then the claim's verdict.

`uspSubmitClaims` runs `uspSubmitSingleClaim` (sql/stored_procedures/uspSubmitSingleClaim.sql of
openimis/database_ms_sqlserver) for each selected claim in status 2 whose RowID is unchanged; this module
does the same per claim, in one transaction, with the row lock and If-Match in place of the RowID:
1. a claim without a current family (7) or target date (9) rejects every line;
2. CHECK 1 (registers) then CHECK 2 (price list) on every current line, the later one winning;
3. services, then items, that are still unrejected, in line order: CHECK 10 (care type), CHECK 4
   (patient category), then the family's covering products in the procedure's order, the first that
   passes CHECK 17 (waiting period) and CHECK 16 (quantity limit) and, for services, CHECKS 11-15/19
   (maximum claims of the claim's category; over it the whole claim is rejected) covers the line; none: 3;
4. CHECK 5 (frequency) on items, then services;
5. rejected lines get status 2 and QtyApproved 0; the claim gets status 4 when a line passed, else 1,
   with AuditUserIDSubmit, SubmitStamp and ClaimCategory, and Approved when only some lines passed.
Like the procedure, the submission updates the claim and its lines in place (no history copy:
AuditUserIDSubmit/SubmitStamp record it). Ours also sets Claimed from the current lines, which the legacy
screen computes when saving a claim (lines are separate resources here).
"""

from dataclasses import dataclass, replace

from django.db import transaction

from legacy.models import (
    Claim,
    ClaimItem,
    ClaimService,
    Item,
    PriceListItem,
    PriceListService,
    ProductItem,
    ProductService,
    Service,
)
from legacy.routers import LEGACY_DB

from .. import clock, history
from ..errors import WriteError
from . import checks, codes, earlier
from . import facts as gathering
from .entry import ITEMS, SERVICES


class ClaimRefused(WriteError):
    """A workflow step (submission, review, feedback) refused for the claim as it is: nothing was written.
    `status` is 409 or 422 for the API; `problems` are (member, message) pairs naming the claim or a line."""

    def __init__(self, status, problems):
        self.status, self.problems = status, list(problems)
        super().__init__("; ".join(message for _, message in self.problems))


@dataclass(frozen=True)
class LineSet:
    kind: object
    register: object
    price_list: object
    coverage_model: object
    hf_list: str


ITEM_LINES = LineSet(ITEMS, Item, PriceListItem, ProductItem, "pl_item_id")
SERVICE_LINES = LineSet(SERVICES, Service, PriceListService, ProductService, "pl_service_id")


@dataclass(frozen=True)
class Verdict:
    """A submitted claim and its lines' verdicts {(type, line id): (status, rejection reason)}."""

    claim: object
    lines: dict


def current_lines(model, claim):
    return list(model.objects.using(LEGACY_DB).current().filter(claim_id=claim.pk).order_by("pk"))


def refusals(claim, items, services):
    """Why a claim cannot be submitted (the legacy screen offers only entered claims with lines)."""
    if claim.status != codes.ENTERED:
        return 409, [
            ("/data", f"Claim {claim.code!r} is not entered (status {claim.status}); only status 2 is submitted.")
        ]
    if not items and not services:
        return 422, [("/data/relationships/items", f"Claim {claim.code!r} has no current item or service line.")]
    negative = [
        (f"/data/relationships/{name}", f"{type_} {line.pk} of claim {claim.code!r} has a negative quantity.")
        for name, type_, lines in (("items", "claim-items", items), ("services", "claim-services", services))
        for line in lines
        if line.qty_provided is not None and line.qty_provided < 0
    ]
    return (422, negative) if negative else (None, [])


def submit_claim(target, actor, expected_etag=None):
    """Submit one claim; returns its Verdict. ClaimRefused when it is not submittable."""
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        items, services = current_lines(ClaimItem, claim), current_lines(ClaimService, claim)
        status, problems = refusals(claim, items, services)
        if problems:
            raise ClaimRefused(status, problems)
        facts = gathering.gather(claim, services)
        reasons = {("item", line.pk): line.rejection_reason or 0 for line in items}
        reasons.update({("service", line.pk): line.rejection_reason or 0 for line in services})
        whole_claim = _check(facts, {ITEM_LINES: items, SERVICE_LINES: services}, reasons)
        return _record(claim, items, services, reasons, whole_claim, facts, actor)


def _check(facts, lines_by_set, reasons):
    """Fill `reasons` for every line; returns a whole-claim reason (11-15, 19) or None."""
    early = checks.check_family(facts) or checks.check_target_date(facts)
    if early:
        reasons.update(dict.fromkeys(reasons, early))
        return None
    ids = {
        line_set.kind: [getattr(line, f"{line_set.kind.field}_id") for line in lines]
        for line_set, lines in lines_by_set.items()
    }
    facts = replace(facts, earlier=earlier.gather(facts, ids))
    versions, coverage = {}, {}
    for line_set, lines in lines_by_set.items():
        field = line_set.kind.field
        ids = [getattr(line, f"{field}_id") for line in lines]
        versions[line_set] = gathering.register_versions(line_set.register, ids, facts.target_date)
        hf_list = getattr(facts.health_facility, line_set.hf_list, None)
        listed = gathering.listed(line_set.price_list, hf_list, field, ids, facts.target_date, facts.now)
        coverage[line_set] = gathering.coverage(line_set.coverage_model, field, ids, facts)
        for line, register_id in zip(lines, ids, strict=True):
            key = (field, line.pk)
            reasons[key] = checks.check_registers(versions[line_set].get(register_id)) or reasons[key]
            reasons[key] = checks.check_price_list(register_id, listed) or reasons[key]
    for line_set in (SERVICE_LINES, ITEM_LINES):
        whole = _check_lines(line_set, lines_by_set[line_set], versions[line_set], coverage[line_set], facts, reasons)
        if whole:
            return whole
    for line_set in (ITEM_LINES, SERVICE_LINES):
        field = line_set.kind.field
        for line in lines_by_set[line_set]:
            version = versions[line_set].get(getattr(line, f"{field}_id"))
            if reasons[(field, line.pk)] == 0 and version is not None:
                reasons[(field, line.pk)] = checks.check_frequency(line_set.kind, line, version.frequency, facts)
    return None


def _check_lines(line_set, lines, versions, coverage, facts, reasons):
    field = line_set.kind.field
    for line in lines:
        key, register_id = (field, line.pk), getattr(line, f"{field}_id")
        if reasons[key] != 0:
            continue
        version = versions[register_id]
        reason = checks.check_care_type(version.care_type, facts) or checks.check_patient_category(
            version.patient_category, facts
        )
        if reason:
            reasons[key] = reason
            continue
        reason, whole = _covered(line_set, register_id, coverage.get(register_id, []), facts)
        if whole:
            return whole
        reasons[key] = reason
    return None


def _covered(line_set, register_id, candidates, facts):
    """(reason, whole-claim reason): the first covering product that passes wins; else the first fault."""
    if not candidates:
        return codes.NOT_COVERED, None
    fault = 0
    for insuree_policy, coverage_row in candidates:
        reason = checks.check_waiting_period(insuree_policy, coverage_row, facts) or checks.check_quantity_limit(
            line_set.kind, register_id, insuree_policy, coverage_row, facts
        )
        if reason:
            fault = fault or reason
            continue
        if line_set is SERVICE_LINES:
            whole = checks.check_category_maximum(insuree_policy, facts)
            if whole:
                return whole, whole
        return 0, None
    return fault, None


def _record(claim, items, services, reasons, whole_claim, facts, actor):
    """Write the verdicts in place, as the procedure's UPDATECLAIM section does."""
    for model, field in ((ClaimItem, "item"), (ClaimService, "service")):
        rows = model.objects.using(LEGACY_DB).filter(claim_id=claim.pk)
        if whole_claim:
            rows.update(status=codes.LINE_REJECTED, qty_approved=0, rejection_reason=whole_claim)
            continue
        by_reason = {}
        for (kind, pk), reason in reasons.items():
            if kind == field and reason:
                by_reason.setdefault(reason, []).append(pk)
        for reason, pks in sorted(by_reason.items()):  # one statement per reason, not per line
            rows.filter(pk__in=pks).update(rejection_reason=reason)
        rows.exclude(rejection_reason=0).exclude(rejection_reason__isnull=True).update(
            status=codes.LINE_REJECTED, qty_approved=0
        )
    lines = current_lines(ClaimItem, claim) + current_lines(ClaimService, claim)
    passed = [line for line in lines if line.status == codes.PASSED]
    values = {
        "status": codes.CHECKED if passed else codes.REJECTED,
        "audit_user_id_submit": actor.audit_user_id,
        "submit_stamp": clock.now(),
        "claim_category": facts.base_category,
        "claimed": sum((line.qty_provided * line.price_asked for line in items + services), start=0),
    }
    if passed and len(passed) < len(lines):
        values["approved"] = sum((line.qty_provided * line.price_asked for line in passed), start=0)
    type(claim).objects.using(LEGACY_DB).filter(pk=claim.pk).update(**values)
    claim.refresh_from_db(using=LEGACY_DB)
    verdicts = {
        ("claim-items" if isinstance(line, ClaimItem) else "claim-services", line.pk): (
            line.status,
            line.rejection_reason,
        )
        for line in lines
    }
    return Verdict(claim, verdicts)
