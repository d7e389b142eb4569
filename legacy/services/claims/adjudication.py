"""Step 2 of processing, `uspProcessSingleClaimStep2` (openimis/database_ms_sqlserver, sql/migrations/
1_migration_latest.sql): reads what the price adjudication needs in a constant number of statements, values
every passed line with valuation.py, and writes the results as the procedure does.

PRODUCTLOOP runs over the distinct (product, policy) pairs of the lines still passing whose register row is
valid at the target date and whose product is current (here ordered by product, then policy; the procedure
gives no order). Its lines are those passed lines of that product and policy that are in the facility's
current price list and whose product line is current, items then services, by line id. Written per line:
PriceAdjusted, PriceValuated, DeductableAmount, ExceedCeilingAmount and, unless the price origin is relative
('R'), RemuneratedAmount (the procedure assigns ExceedCeilingAmountCategory to itself, so that column stays
as it was). Then the claim's tblClaimDedRem rows are replaced by one row with the last pair's policy and
totals (DedG/RemG plus DedIP/RemIP or DedOP/RemOP, and the category remuneration), and the claim becomes
valuated (16), or processed (8) when a line has a relative price, with AuditUserIDProcess, ProcessStamp and
DateProcessed; a review or feedback still selected (4) becomes bypassed (16).

Left for the batch run (uspBatchProcess, not built): the valuation of relative prices (status 8 -> 16:
PriceValuated/RemuneratedAmount of 'R' lines, tblClaim.Valuated) and the monthly tblBatchRun.
"""

from types import SimpleNamespace

from django.db.models import Count, Sum

from legacy.models import Claim, ClaimDedRem, InsureePolicy, Product
from legacy.routers import LEGACY_DB

from .. import clock
from . import codes, valuation
from .submission import ITEM_LINES, SERVICE_LINES

SPENT = ("ded_g", "ded_ip", "ded_op", "rem_g", "rem_ip", "rem_op")
CATEGORY_COLUMNS = {
    "S": "rem_surgery",
    "D": "rem_delivery",
    "A": "rem_antenatal",
    "H": "rem_hospitalization",
    "C": "rem_consult",
}
VALUED = ("price_adjusted", "price_valuated", "deductable_amount", "exceed_ceiling_amount")


def step2(claim, facts, lines_by_set, versions, actor):
    passed = {
        line_set: [line for line in lines if line.status == codes.PASSED and not line.rejection_reason]
        for line_set, lines in lines_by_set.items()
    }
    pairs = _pairs(passed, versions)
    products = Product.objects.using(LEGACY_DB).current().in_bulk(sorted({product for product, _ in pairs}))
    pairs = [pair for pair in pairs if pair[0] in products]
    policy_ids = sorted({policy for _, policy in pairs})
    members, spent = _members(claim, policy_ids), _spent(claim, policy_ids)
    priced = {line_set: _priced_lines(line_set, passed[line_set], versions, facts) for line_set in passed}
    hospitalization = claim.date_to is not None and claim.date_to != claim.date_from
    hf_level = facts.health_facility.level if facts.health_facility is not None else None
    last, relative = None, False
    for product_id, policy_id in pairs:
        product = products[product_id]
        inpatient = valuation.is_inpatient(product, hospitalization, hf_level)
        limits = valuation.limits_of(product, inpatient, members.get(policy_id, 0), spent(policy_id))
        column = valuation.CATEGORY_CEILINGS.get(facts.base_category)
        terms = SimpleNamespace(
            adult=facts.adult,
            inpatient=inpatient,
            category_ceiling=valuation.amount(product, column) if column else None,
        )
        running = valuation.Running()
        for line_set in (ITEM_LINES, SERVICE_LINES):
            for line, priced_line in priced[line_set]:
                if (line.product_id, line.policy_id) != (product_id, policy_id):
                    continue
                value = valuation.value_line(priced_line, limits, running, terms)
                _apply(line, value)
                relative = relative or line.price_origin == "R"
        last = (policy_id, inpatient, running)
    _write(claim, priced, last, relative, facts, actor)


def _pairs(passed, versions):
    found = set()
    for line_set, lines in passed.items():
        field = line_set.kind.field
        for line in lines:
            if line.product_id and versions.get(line_set, {}).get(getattr(line, f"{field}_id")) is not None:
                found.add((line.product_id, line.policy_id))
    return sorted(found, key=lambda pair: (pair[0], pair[1] or 0))


def _members(claim, policy_ids):
    """@PolicyMembers: insurees of the policy in force at the claim's DateTo (none without a DateTo, as
    `@ClaimDateTo BETWEEN EffectiveDate AND ExpiryDate` is never true then)."""
    if claim.date_to is None or not policy_ids:
        return {}
    rows = (
        InsureePolicy.objects.using(LEGACY_DB)
        .current()
        .filter(
            policy_id__in=policy_ids,
            effective_date__isnull=False,
            effective_date__lte=claim.date_to,
            expiry_date__gte=claim.date_to,
        )
        .order_by()
        .values("policy_id")
        .annotate(members=Count("insuree_id"))
    )
    return {row["policy_id"]: row["members"] for row in rows}


def _spent(claim, policy_ids):
    """tblClaimDedRem sums of the policy's other claims, per policy, of the insuree and of everyone."""
    by_policy, by_insuree = {}, {}
    if policy_ids:
        rows = (
            ClaimDedRem.objects.using(LEGACY_DB)
            .filter(policy_id__in=policy_ids)
            .exclude(claim_id=claim.pk)
            .order_by()
            .values("policy_id", "insuree_id")
            .annotate(**{column: Sum(column) for column in SPENT})
        )
        for row in rows:
            for column in SPENT:
                value = row[column] or valuation.ZERO
                totals = by_policy.setdefault(row["policy_id"], {})
                totals[column] = totals.get(column, valuation.ZERO) + value
                if row["insuree_id"] == claim.insuree_id:
                    mine = by_insuree.setdefault(row["policy_id"], {})
                    mine[column] = mine.get(column, valuation.ZERO) + value
    return lambda policy_id: valuation.Spent(by_insuree.get(policy_id, {}), by_policy.get(policy_id, {}))


def _priced_lines(line_set, lines, versions, facts):
    """[(line, what value_line reads)] for the lines the step 2 cursor joins: in the facility's current
    price list (its PriceOverule, else the register price valid at the target date) and with a current
    product line (its ceiling exclusions)."""
    field = line_set.kind.field
    ids = sorted({getattr(line, f"{field}_id") for line in lines})
    list_id = getattr(facts.health_facility, line_set.hf_list, None)
    if not lines or list_id is None:
        return []
    listed = {}
    for row in (
        line_set.price_list.objects.using(LEGACY_DB)
        .current()
        .filter(price_list_id=list_id, **{f"{field}_id__in": ids})
        .order_by("pk")
    ):
        listed.setdefault(getattr(row, f"{field}_id"), row)
    coverage = {}
    for row in (
        line_set.coverage_model.objects.using(LEGACY_DB)
        .current()
        .filter(product_id__in=sorted({line.product_id for line in lines}), **{f"{field}_id__in": ids})
        .order_by("pk")
    ):
        coverage.setdefault((row.product_id, getattr(row, f"{field}_id")), row)
    priced = []
    for line in lines:
        register_id = getattr(line, f"{field}_id")
        version, listing = versions.get(line_set, {}).get(register_id), listed.get(register_id)
        product_line = coverage.get((line.product_id, register_id))
        if version is None or listing is None or product_line is None:
            continue
        pl_price = listing.price_overrule if listing.price_overrule is not None else version.price
        priced.append(
            (
                line,
                SimpleNamespace(
                    qty=line.qty_provided if line.qty_approved is None else line.qty_approved,
                    price_origin=line.price_origin,
                    price_approved=line.price_approved,
                    price_asked=line.price_asked,
                    pl_price=pl_price,
                    limitation=line.limitation,
                    limitation_value=line.limitation_value,
                    exclusion_adult=product_line.ceiling_exclusion_adult,
                    exclusion_child=product_line.ceiling_exclusion_child,
                ),
            )
        )
    return priced


def _apply(line, value):
    line.price_adjusted, line.price_valuated = value.price_adjusted, value.price_valuated
    line.deductable_amount, line.exceed_ceiling_amount = value.deducted, value.exceed_ceiling
    if line.price_origin != "R":
        line.remunerated_amount = value.remunerated


def _write(claim, priced, last, relative, facts, actor):
    for line_set, rows in priced.items():
        lines = [line for line, _ in rows]
        model = line_set.kind.model.objects.using(LEGACY_DB)
        for group, fields in (
            ([line for line in lines if line.price_origin == "R"], VALUED),
            ([line for line in lines if line.price_origin != "R"], (*VALUED, "remunerated_amount")),
        ):
            if group:
                model.bulk_update(group, fields)
    now = clock.now()
    ClaimDedRem.objects.using(LEGACY_DB).filter(claim_id=claim.pk).delete()
    if last is not None:
        policy_id, inpatient, running = last
        kind = "ip" if inpatient else "op"
        categories = dict.fromkeys(CATEGORY_COLUMNS.values(), valuation.ZERO)
        if facts.base_category in CATEGORY_COLUMNS:
            categories[CATEGORY_COLUMNS[facts.base_category]] = running.category
        ClaimDedRem.objects.using(LEGACY_DB).create(
            policy_id=policy_id,
            insuree_id=claim.insuree_id,
            claim_id=claim.pk,
            ded_g=running.deducted,
            rem_g=running.remunerated,
            **{f"ded_{kind}": running.deducted, f"rem_{kind}": running.remunerated},
            **categories,
            validity_from=now,
            audit_user_id=actor.audit_user_id,
        )
    claims = Claim.objects.using(LEGACY_DB).filter(pk=claim.pk)
    claims.update(
        status=codes.PROCESSED if relative else codes.VALUATED,
        audit_user_id_process=actor.audit_user_id,
        process_stamp=now,
        date_processed=now.date(),
    )
    claims.filter(feedback_status=codes.SELECTED).update(feedback_status=codes.BYPASSED)
    claims.filter(review_status=codes.SELECTED).update(review_status=codes.BYPASSED)
