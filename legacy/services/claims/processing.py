"""Claim processing: `uspProcessClaims` runs, per checked claim, `uspProcessSingleClaimStep1` (checks again,
assigns each passing line its product) and then `uspProcessSingleClaimStep2` (price adjudication, see
adjudication.py and valuation.py), from openimis/database_ms_sqlserver (sql/stored_procedures/
uspProcessSingleClaimStep1.sql, sql/migrations/1_migration_latest.sql for step 2).

Step 1 here, on the lines whose RejectionReason is still 0, in the procedure's order: 7 (no current family)
or 9 (no target date) on every such line; CHECK 1 (registers) and CHECK 2 (price list); then items, then
services, by line id: CHECK 4 (patient category) and the product assignment (assignment.py; none: 3). The
care type check is commented out in that procedure and not run. Lines with a reason get status 2; a claim
with no passing line left becomes status 1 and step 2 does not run. Like the procedures, processing writes
in place (AuditUserIDProcess and ProcessStamp record it), not as history copies. One transaction per claim;
the claim must be checked (status 4): anything else is a 409 and nothing is written.
"""

from dataclasses import dataclass

from django.db import transaction

from legacy.models import Claim, ClaimItem, ClaimService, Policy
from legacy.routers import LEGACY_DB

from .. import history
from . import adjudication, assignment, checks, codes
from . import facts as gathering
from .submission import ITEM_LINES, SERVICE_LINES, ClaimRefused, current_lines

STEP1_FIELDS = ("rejection_reason", "product_id", "policy_id", "price_origin", "limitation", "limitation_value")
CO_SHARING_DEFAULT = {ITEM_LINES: 0, SERVICE_LINES: 100}  # ISNULL(LimitAdult, 0) for items, 100 for services


@dataclass(frozen=True)
class Processed:
    """A processed claim and its lines {(type, line id): {column: value}} as written."""

    claim: object
    lines: dict


def refusal(claim):
    """Only checked claims are processed (uspProcessClaims selects ClaimStatus 4)."""
    if claim.status != codes.CHECKED:
        message = f"Claim {claim.code!r} is not checked (status {claim.status}); only status 4 is processed."
        return ClaimRefused(409, [("/data", message)])
    return None


def process_claim(target, actor, expected_etag=None):
    """Process one checked claim; returns Processed. ClaimRefused when it is not in status 4."""
    with transaction.atomic(using=LEGACY_DB):
        claim = history.lock(Claim, target, expected_etag)
        refused = refusal(claim)
        if refused:
            raise refused
        items, services = current_lines(ClaimItem, claim), current_lines(ClaimService, claim)
        facts = gathering.gather(claim, services)
        lines_by_set = {ITEM_LINES: items, SERVICE_LINES: services}
        versions, open_lines = step1(facts, lines_by_set)
        _write_step1(claim, open_lines)
        if not any(line.status == codes.PASSED for line in items + services):
            Claim.objects.using(LEGACY_DB).filter(pk=claim.pk).update(status=codes.REJECTED)
        else:
            adjudication.step2(claim, facts, lines_by_set, versions, actor)
        claim.refresh_from_db(using=LEGACY_DB)
        return Processed(claim, _written(claim))


def step1(facts, lines_by_set):
    """Set the reason, status and product assignment of the lines still passing, in memory; returns the
    register versions valid at the target date per line set (step 2 prices from them) and those lines."""
    open_lines = {
        line_set: [line for line in lines if not line.rejection_reason] for line_set, lines in lines_by_set.items()
    }
    early = checks.check_family(facts) or checks.check_target_date(facts)
    versions = {}
    if early:
        for line in (line for lines in open_lines.values() for line in lines):
            line.rejection_reason = early
    else:
        coverage = _family_coverage(facts, open_lines)
        for line_set in (ITEM_LINES, SERVICE_LINES):
            versions[line_set] = _step1_lines(line_set, open_lines[line_set], coverage[line_set], facts)
    for line in (line for lines in lines_by_set.values() for line in lines):
        if line.rejection_reason:
            line.status = codes.LINE_REJECTED
    return versions, open_lines


def _step1_lines(line_set, lines, coverage, facts):
    field = line_set.kind.field
    ids = [getattr(line, f"{field}_id") for line in lines]
    versions = gathering.register_versions(line_set.register, ids, facts.target_date)
    hf_list = getattr(facts.health_facility, line_set.hf_list, None)
    listed = gathering.listed(line_set.price_list, hf_list, field, ids, facts.target_date, facts.now)
    for line, register_id in zip(lines, ids, strict=True):
        line.rejection_reason = checks.check_registers(versions.get(register_id)) or checks.check_price_list(
            register_id, listed
        )
    for line, register_id in zip(lines, ids, strict=True):
        if line.rejection_reason:
            continue
        reason = checks.check_patient_category(versions[register_id].patient_category, facts)
        if reason:
            line.rejection_reason = reason
            continue
        price = assignment.claim_price(line.price_asked, line.price_approved)
        rows = coverage["rows"].get(register_id, [])
        chosen = assignment.assign(rows, facts.claim.visit_type, facts.adult, price, CO_SHARING_DEFAULT[line_set])
        if chosen is None:
            line.rejection_reason = codes.NOT_COVERED
            continue
        line.product_id = chosen.coverage.product_id
        line.policy_id = coverage["policies"][chosen.coverage.product_id]
        line.price_origin = chosen.coverage.price_origin
        line.limitation, line.limitation_value = chosen.limitation, chosen.limitation_value
        if line_set is ITEM_LINES:
            line.price_adjusted = None  # the item UPDATE sets PriceAdjusted = @PriceAdjusted, never assigned
    return versions


def _family_coverage(facts, open_lines):
    """Per line set: the current product lines of the products of the family's policies in force at the
    target date by tblPolicy's dates (status 2 or 8), {register id: [rows]}, and {product: the policy
    taken for it} (the procedure's TOP 1 without an order: here the lowest PolicyID)."""
    day = facts.target_date
    policies = {}
    for policy_id, product_id in (
        Policy.objects.using(LEGACY_DB)
        .current()
        .filter(
            family_id=facts.family_id,
            status__in=(2, 8),
            effective_date__lte=day,
            expiry_date__gte=day,
            product__validity_to__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "product_id")
    ):
        policies.setdefault(product_id, policy_id)
    found = {}
    for line_set, lines in open_lines.items():
        field = line_set.kind.field
        ids = sorted({getattr(line, f"{field}_id") for line in lines})
        rows = {}
        if policies and ids:
            for row in (
                line_set.coverage_model.objects.using(LEGACY_DB)
                .current()
                .filter(product_id__in=sorted(policies), **{f"{field}_id__in": ids})
                .order_by("pk")
            ):
                rows.setdefault(getattr(row, f"{field}_id"), []).append(row)
        found[line_set] = {"rows": rows, "policies": policies}
    return found


def _write_step1(claim, open_lines):
    """The UPDATEs of step 1 (per-line values in one statement per kind), then UPDATECLAIMDETAILS."""
    for line_set, lines in open_lines.items():
        model = line_set.kind.model
        fields = [*STEP1_FIELDS, "status"] + (["price_adjusted"] if line_set is ITEM_LINES else [])
        if lines:
            model.objects.using(LEGACY_DB).bulk_update(lines, fields)
        model.objects.using(LEGACY_DB).filter(claim_id=claim.pk).exclude(rejection_reason=0).exclude(
            rejection_reason__isnull=True
        ).update(status=codes.LINE_REJECTED)


def _written(claim):
    columns = (
        "status",
        "rejection_reason",
        "price_adjusted",
        "price_valuated",
        "deductable_amount",
        "exceed_ceiling_amount",
        "remunerated_amount",
    )
    return {
        (type_, line.pk): {column: getattr(line, column) for column in columns}
        for type_, model in (("claim-items", ClaimItem), ("claim-services", ClaimService))
        for line in current_lines(model, claim)
    }
