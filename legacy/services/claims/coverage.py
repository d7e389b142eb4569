"""The coverage enquiry of the legacy "enquire" screen: `uspPolicyInquiry` (openimis/database_ms_sqlserver,
sql/stored_procedures/uspPolicyInquiry.sql), as rows per policy of the insuree's family.

Per current policy of the insuree's current family (current product; the insuree's own tblInsureePolicy
row for its dates): the status letter (I idle, A active, S suspended, E expired; the insuree's own cover
decides first), the product's deductibles and ceilings less what processed claims took (tblClaimDedRem:
DedG/RemG of the insuree for the insuree-level amounts, of the whole policy for the policy-level ones; the
policy ceiling raised by MaxPolicyExtraMember per member over Threshold, up to MaxCeilingPolicy), reduced
to Ded1/Ded2 and Ceiling1/Ceiling2 with DedType 1 (general) or 1.1 (in-/out-patient). When a policy is
active only the active ones are shown, else those that expired within two calendar years when there are
more than one, else all. The procedure's quirks are kept: an amount is NULL when the insuree (or family)
has expenditure rows but none on that policy, and DedType carries over from the previous policy.

`shown` restricts the policies to those the caller may read (and whose product it may read): the API passes
its read gates, so nothing about a policy or product outside the caller's rights and scope is answered.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from legacy.models import ClaimDedRem, Insuree, InsureePolicy, Policy
from legacy.routers import LEGACY_DB

KINDS = ("", "_op", "_ip")  # general, out-patient, in-patient columns of tblProduct (DedInsuree, DedOPInsuree, ...)


@dataclass(frozen=True)
class Coverage:
    policy: object
    product: object
    effective_date: datetime.date | None
    expiry_date: datetime.date | None
    status: str
    ded_type: float | None
    ded1: Decimal | None
    ded2: Decimal | None
    ceiling1: Decimal | None
    ceiling2: Decimal | None


def status_letter(insuree_policy, policy, today):
    """The Status column: the insuree's own cover first, then the policy status (1 I, 2 A, 4 S, else E)."""
    effective = insuree_policy.effective_date if insuree_policy else None
    expiry = insuree_policy.expiry_date if insuree_policy else None
    if effective is None or today < effective:
        return "I"
    if expiry is None or not effective <= today <= expiry:
        return "E"
    return {1: "I", 2: "A", 4: "S"}.get(policy.status, "E")


def policy_ceiling(product, kind, members):
    """MaxPolicy (MaxOPPolicy, MaxIPPolicy) raised for members over Threshold, capped by MaxCeilingPolicy."""
    base = getattr(product, f"max{kind}_policy")
    extra_per_member = getattr(product, f"max_policy_extra_member{kind}") or 0
    if product.threshold is None or base is None:
        return None
    extra = (min(product.member_count, members) - product.threshold) * extra_per_member
    total = max(extra, 0) + base
    cap = getattr(product, f"max_ceiling_policy{kind}")
    return cap if cap is not None and total > cap else total


def _sums(rows, column):
    return {policy_id: total for policy_id, total in rows.values_list("policy_id").annotate(total=Sum(column))}


def enquire(insuree, today=None, shown=None):
    """The coverage rows of a current insuree (uspPolicyInquiry with its CHFID); `shown`: a Q or queryset
    filter on tblPolicy limiting the policies enquired (None: all of the family's)."""
    today = today or datetime.date.today()
    policies = (
        Policy.objects.using(LEGACY_DB)
        .current()
        .select_related("product")
        .filter(family_id=insuree.family_id, family__validity_to__isnull=True, product__validity_to__isnull=True)
    )
    if shown is not None:
        policies = policies.filter(shown)
    policies = list(policies.order_by("product_id", "pk"))
    own = {
        row.policy_id: row
        for row in InsureePolicy.objects.using(LEGACY_DB).current().filter(insuree_id=insuree.pk).order_by("pk")
    }
    members = Insuree.objects.using(LEGACY_DB).current().filter(family_id=insuree.family_id).count()
    spent = ClaimDedRem.objects.using(LEGACY_DB)
    insuree_rows = spent.filter(insuree_id=insuree.pk)
    family_rows = spent.filter(policy__family_id=insuree.family_id)
    by_insuree = insuree_rows.filter(validity_to__isnull=True).exists()
    by_family = spent.filter(
        insuree__family_id=insuree.family_id, insuree__validity_to__isnull=True, validity_to__isnull=True
    ).exists()
    insuree_sums = {
        (name, kind): _sums(insuree_rows, f"{name}{kind or '_g'}") for name in ("ded", "rem") for kind in KINDS
    }
    family_sums = {
        (name, kind): _sums(family_rows, f"{name}{kind or '_g'}") for name in ("ded", "rem") for kind in KINDS
    }
    rows, ded_type = [], None
    for policy in policies:
        amounts = _amounts(policy, members, by_insuree, by_family, insuree_sums, family_sums)
        ded_type, chosen = _reduce(amounts, ded_type)
        ip = own.get(policy.pk)
        rows.append(
            Coverage(
                policy=policy,
                product=policy.product,
                effective_date=ip.effective_date if ip else None,
                expiry_date=ip.expiry_date if ip else None,
                status=status_letter(ip, policy, today),
                ded_type=ded_type,
                **chosen,
            )
        )
    return _shown(rows, today)


def _amounts(policy, members, by_insuree, by_family, insuree_sums, family_sums):
    product, amounts = policy.product, {}
    for kind in KINDS:
        amounts[("ded", "insuree", kind)] = getattr(product, f"ded{kind}_insuree")
        amounts[("max", "insuree", kind)] = getattr(product, f"max{kind}_insuree")
        amounts[("ded", "treatment", kind)] = getattr(product, f"ded{kind}_treatment")
        amounts[("max", "treatment", kind)] = getattr(product, f"max{kind}_treatment")
        amounts[("ded", "policy", kind)] = getattr(product, f"ded{kind}_policy")
        amounts[("max", "policy", kind)] = policy_ceiling(product, kind, members)
        if by_insuree:  # the procedure's subquery yields NULL for a policy without rows of the insuree
            for name, total in (("ded", "ded"), ("max", "rem")):
                used = insuree_sums[(total, kind)].get(policy.pk)
                base = amounts[(name, "insuree", kind)]
                amounts[(name, "insuree", kind)] = None if used is None or base is None else base - used
        if by_family:
            used = family_sums[("ded", kind)].get(policy.pk)
            base = amounts[("ded", "policy", kind)]
            amounts[("ded", "policy", kind)] = None if used is None or base is None else base - used
            base = amounts[("max", "policy", kind)]
            taken = family_sums[("rem", kind)].get(policy.pk) or 0
            amounts[("max", "policy", kind)] = None if base is None else base - taken
    return amounts


def _first(amounts, name, kind):
    for level in ("insuree", "treatment", "policy"):
        if amounts[(name, level, kind)] is not None:
            return amounts[(name, level, kind)]
    return None


def _reduce(amounts, ded_type):
    """Ded1/Ded2/Ceiling1/Ceiling2 and DedType, as the procedure's cursor sets them."""
    values = {}
    for name, first, second in (("ded", "ded1", "ded2"), ("max", "ceiling1", "ceiling2")):
        values[first], values[second] = _first(amounts, name, ""), None
        if values[first] is not None:
            ded_type = 1
        else:
            values[first], values[second] = _first(amounts, name, "_ip"), _first(amounts, name, "_op")
            if values[first] is not None or values[second] is not None:
                ded_type = 1.1
    if ded_type == 1:
        values["ded2"], values["ceiling2"] = values["ded1"], values["ceiling1"]
    for ceiling in ("ceiling1", "ceiling2"):
        if values[ceiling] is not None and values[ceiling] < 0:
            values[ceiling] = Decimal(0)
    return ded_type, values


def _shown(rows, today):
    active = [row for row in rows if row.status == "A"]
    if active:
        return active
    recent = [row for row in rows if row.expiry_date is not None and today.year - row.expiry_date.year <= 2]
    return recent if len(recent) > 1 else rows
