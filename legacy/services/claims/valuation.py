"""The price adjudication of a processed claim, one function per step of `uspProcessSingleClaimStep2`
(openimis/database_ms_sqlserver, sql/migrations/1_migration_latest.sql, and Scripts/StoredProcedure/
dbo.uspProcessSingleClaimStep2.StoredProcedure.sql), pure: no database here (processing.py reads and writes).

Per product and policy the claim's lines were assigned to (PRODUCTLOOP): the product's deductible and ceiling
(general first, then in-/out-patient), then per passed line (CLAIMITEMLOOP, then CLAIMSERVICELOOP): the price
by its origin, the fixed limit, the deductible still to take, co-sharing, the ceiling of the claim's category,
the ceiling exclusion of the product line, and the ceiling. Every amount is a decimal(18,2) variable in the
procedure, so each assignment is rounded to cents here too. The procedure's quirks are kept and named.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
CATEGORY_CEILINGS = {  # @BaseCategory -> tblProduct column of its ceiling (MaxAmount*)
    "S": "max_amount_surgery",
    "D": "max_amount_delivery",
    "A": "max_amount_antenatal",
    "H": "max_amount_hospitalization",
    "C": "max_amount_consultation",
}


def money(value):
    """Assignment to a decimal(18,2) variable: SQL Server rounds half away from zero."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def amount(product, column):
    """`ISNULL(<column>, 0)` of the PRODUCTLOOP cursor."""
    return getattr(product, column) or ZERO


def is_inpatient(product, hospitalization, hf_level):
    """`(@CeilingInterpretation = 'I' AND @Hospitalization = 1) OR (@CeilingInterpretation = 'H' AND
    @HFLevel = 'H')`, the interpretation defaulting to 'I'."""
    interpretation = product.ceiling_interpretation or "I"
    return (interpretation == "I" and hospitalization) or (interpretation == "H" and hf_level == "H")


def policy_ceiling(base, members, threshold, extra_per_member, cap):
    """`MaxPolicy` raised by `MaxPolicyExtraMember` per member over `Threshold`; over `MaxCeilingPolicy`
    (0: no cap) it is that cap. Members are the policy's insurees in force at the claim's DateTo."""
    if members > threshold:
        ceiling = money(base + (members - threshold) * extra_per_member)
        return cap if ceiling > cap and cap != 0 else ceiling
    return base


@dataclass(frozen=True)
class Spent:
    """What earlier claims took from a policy (tblClaimDedRem of other claims): `insuree[column]` sums the
    claim's insuree's rows, `policy[column]` all rows of the policy; columns ded_g, ded_ip, rem_op, ..."""

    insuree: dict = field(default_factory=dict)
    policy: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    deductible: Decimal
    prev_deducted: Decimal
    ceiling: Decimal
    prev_remunerated: Decimal


def _last(options):
    """The procedure's `IF x <> 0 SET ...` blocks in sequence: the last option with a non-zero test wins."""
    chosen = (ZERO, ZERO)
    for test, value, prev in options:
        if test != 0:
            chosen = (value, prev)
    return chosen


def deductible_of(product, inpatient, spent):
    """FIRST CHECK GENERAL, then NOW CHECK FOR IP DEDUCTABLES: (deductible, deducted by earlier claims).

    Treatment, then insuree (earlier claims of the insuree on the policy), then policy (all claims on it).
    Quirk kept: the out-patient branch tests DedIPInsuree/DedIPPolicy but takes DedOPInsuree/DedOPPolicy."""
    ins, pol = spent.insuree, spent.policy
    value = _last(
        (
            (amount(product, "ded_treatment"), amount(product, "ded_treatment"), ZERO),
            (amount(product, "ded_insuree"), amount(product, "ded_insuree"), ins.get("ded_g", ZERO)),
            (amount(product, "ded_policy"), amount(product, "ded_policy"), pol.get("ded_g", ZERO)),
        )
    )
    if value[0] != 0:
        return value
    if inpatient:
        return _last(
            (
                (amount(product, "ded_ip_treatment"), amount(product, "ded_ip_treatment"), ZERO),
                (amount(product, "ded_ip_insuree"), amount(product, "ded_ip_insuree"), ins.get("ded_ip", ZERO)),
                (amount(product, "ded_ip_policy"), amount(product, "ded_ip_policy"), pol.get("ded_ip", ZERO)),
            )
        )
    return _last(
        (
            (amount(product, "ded_op_treatment"), amount(product, "ded_op_treatment"), ZERO),
            (amount(product, "ded_ip_insuree"), amount(product, "ded_op_insuree"), ins.get("ded_op", ZERO)),
            (amount(product, "ded_ip_policy"), amount(product, "ded_op_policy"), pol.get("ded_op", ZERO)),
        )
    )


def ceiling_of(product, inpatient, members, spent):
    """FIRST CHECK GENERAL, then NOW CHECK FOR IP CEILINGS: (ceiling, remunerated by earlier claims)."""
    ins, pol = spent.insuree, spent.policy
    threshold = product.threshold or 0
    for kind, rem in (("", "rem_g"), ("_ip" if inpatient else "_op", "rem_ip" if inpatient else "rem_op")):
        base = amount(product, f"max{kind}_policy")
        policy_value = policy_ceiling(
            base,
            members,
            threshold,
            amount(product, f"max_policy_extra_member{kind}"),
            amount(product, f"max_ceiling_policy{kind}"),
        )
        value = _last(
            (
                (amount(product, f"max{kind}_treatment"), amount(product, f"max{kind}_treatment"), ZERO),
                (amount(product, f"max{kind}_insuree"), amount(product, f"max{kind}_insuree"), ins.get(rem, ZERO)),
                (base, policy_value, pol.get(rem, ZERO)),
            )
        )
        if value[0] != 0:
            return value
    return (ZERO, ZERO)


def limits_of(product, inpatient, members, spent):
    deductible, prev_deducted = deductible_of(product, inpatient, spent)
    ceiling, prev_remunerated = ceiling_of(product, inpatient, members, spent)
    return Limits(deductible, prev_deducted, ceiling, prev_remunerated)


def price_adjusted(price_origin, price_approved, price_asked, pl_price):
    """PRICE ORIGIN: 'O' (own price) pays `ISNULL(PriceApproved, PriceAsked)`; price list 'P' and relative
    'R' pay `ISNULL(PriceApproved, PLPrice)`, PLPrice being `ISNULL(PriceOverule, register price)`."""
    if price_origin == "O":
        return price_asked if price_approved is None else price_approved
    return pl_price if price_approved is None else price_approved


def fixed_limit(limitation, limitation_value, qty, work):
    """`@Limitation = 'F'`: at most quantity x LimitationValue. Quirk kept: a fixed limit of 0 (which step 1
    reads as "no limit") caps the value at 0 here."""
    if limitation == "F" and limitation_value is not None and money(qty * limitation_value) < work:
        return money(qty * limitation_value)
    return work


def co_sharing(limitation, limitation_value, work):
    """`@Limitation = 'C'`: the scheme pays LimitationValue percent."""
    if limitation == "C" and limitation_value is not None:
        return money(limitation_value / 100 * work)
    return work


def category_ceiling(work, ceiling, remunerated_before):
    """The ceiling of the claim's category (MaxAmountSurgery, ... for S, D, A, H, C; none for V): returns
    (work left, ExceedCeilingAmountCategory, the category's running total). Earlier claims count 0: the
    procedure's sums over tblClaimDedRem are commented out."""
    if not ceiling or ceiling <= 0:
        return work, ZERO, remunerated_before
    if work + remunerated_before <= ceiling:
        return work, ZERO, remunerated_before + work
    if remunerated_before >= ceiling:
        return ZERO, work, remunerated_before
    exceed = money(work + remunerated_before - ceiling)
    return work - exceed, exceed, remunerated_before + work - exceed


def ceiling_excluded(adult, inpatient, exclusion_adult, exclusion_child):
    """CeilingExclusionAdult/Child of the product line: B (both), H (hospital, i.e. in-patient) or N (non
    hospital) exempt the line from the ceiling."""
    exclusion = exclusion_adult if adult else exclusion_child
    return exclusion in ("B", "H") if inpatient else exclusion in ("B", "N")


@dataclass(frozen=True)
class LineValue:
    price_adjusted: Decimal
    price_valuated: Decimal
    deducted: Decimal
    exceed_ceiling: Decimal
    exceed_ceiling_category: Decimal
    remunerated: Decimal


@dataclass
class Running:
    """@Deducted, @Remunerated and @Remunerated<Category> of one PRODUCTLOOP iteration."""

    deducted: Decimal = ZERO
    remunerated: Decimal = ZERO
    category: Decimal = ZERO


def value_line(line, limits, running, terms):
    """One line of CLAIMITEMLOOP / CLAIMSERVICELOOP; updates `running`.

    `line`: qty, price_origin, price_approved, price_asked, pl_price, limitation, limitation_value,
    exclusion_adult, exclusion_child; `terms`: adult, inpatient, category_ceiling (None for visits)."""
    adjusted = price_adjusted(line.price_origin, line.price_approved, line.price_asked, line.pl_price)
    work = fixed_limit(line.limitation, line.limitation_value, line.qty, money(line.qty * adjusted))
    deducted = ZERO
    left = limits.deductible - limits.prev_deducted - running.deducted
    if left > 0:
        if left >= work:  # the whole line goes to the deductible (GOTO NextItem)
            running.deducted += work
            return LineValue(adjusted, ZERO, work, ZERO, ZERO, ZERO)
        deducted, work = left, work - left
        running.deducted += left
    work = co_sharing(line.limitation, line.limitation_value, work)
    exceed_category = ZERO
    if terms.category_ceiling is not None:
        work, exceed_category, running.category = category_ceiling(work, terms.category_ceiling, running.category)
    if ceiling_excluded(terms.adult, terms.inpatient, line.exclusion_adult, line.exclusion_child):
        return LineValue(adjusted, work, deducted, ZERO, exceed_category, work)
    if limits.ceiling > 0:
        room = limits.ceiling - limits.prev_remunerated - running.remunerated
        if room <= 0:
            return LineValue(adjusted, ZERO, deducted, work, exceed_category, ZERO)
        paid = min(room, work)
        running.remunerated += paid
        return LineValue(adjusted, paid, deducted, work - paid, exceed_category, paid)
    running.remunerated += work
    return LineValue(adjusted, work, deducted, ZERO, exceed_category, work)
