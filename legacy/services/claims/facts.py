"""What the submission checks read, gathered once per claim with a constant number of queries.

The shapes follow the PREPARE PHASE of `uspSubmitSingleClaim` (openimis/database_ms_sqlserver,
sql/stored_procedures/uspSubmitSingleClaim.sql): the target date, the insuree's current family, the
patient mask, the base category, the register versions valid at the target date (@DTBL_ITEMS,
@DTBL_SERVICES), the facility's price lists and the coverage offered by the family's policies.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from legacy.models import Family, HealthFacility, Insuree, InsureePolicy, Item, Service
from legacy.routers import LEGACY_DB

from .. import clock


def as_moment(day):
    """SQL Server compares a date with a datetime as that date at midnight."""
    return datetime.datetime.combine(day, datetime.time())


def valid_at(row, moment, now):
    """`@TargetDate BETWEEN ValidityFrom AND ISNULL(ValidityTo, GETDATE())`, on any version of a row."""
    start = row.validity_from.replace(tzinfo=None) if timezone.is_aware(row.validity_from) else row.validity_from
    end = row.validity_to or now
    end = end.replace(tzinfo=None) if timezone.is_aware(end) else end
    return start <= moment <= end


@dataclass(frozen=True)
class Facts:
    claim: object
    target_date: datetime.date | None
    family_id: int | None
    insuree: object | None
    adult: bool
    patient_mask: int
    hf_care_type: str
    health_facility: object
    single_day: bool
    base_category: str
    now: datetime.datetime
    policies: list = field(default_factory=list)  # InsureePolicy rows valid at the target date
    earlier: object = None  # earlier.Earlier: the insuree's earlier claims and lines (submission only)


def target_date(claim):
    """`ISNULL(DateTo, DateFrom)`: the day a claim counts for."""
    return claim.date_to or claim.date_from


def is_adult(dob, day):
    """`DATEDIFF(YY, DOB, @TargetDate) >= 18`: year boundaries crossed, not full years."""
    return day.year - dob.year >= 18


def patient_mask(gender, adult):
    """Bits of tblItems.ItemPatCat / tblServices.ServPatCat: 1 man (M, O), 2 woman, 4 adult, 8 child."""
    return (1 if gender in ("M", "O") else 2) + (4 if adult else 8)


def base_category(service_categories, single_day):
    """The claim category (tblClaim.ClaimCategory): S surgery, D delivery, A antenatal, H hospitalisation,
    C consultation, V visit, in this order of precedence (uspSubmitSingleClaim, @BaseCategory)."""
    for category in ("S", "D", "A"):
        if category in service_categories:
            return category
    if not single_day:
        return "H"
    return "C" if "C" in service_categories else "V"


def gather(claim, services):
    """The Facts of `claim`; `services` are its current service lines (for the base category)."""
    day = target_date(claim)
    single_day = (claim.date_to or claim.date_from) == claim.date_from
    service_ids = [line.service_id for line in services]
    categories = set(
        Service.objects.using(LEGACY_DB).current().filter(pk__in=service_ids).values_list("category", flat=True)
    )
    insuree = Insuree.objects.using(LEGACY_DB).current().filter(pk=claim.insuree_id).first()
    family_id = None
    if insuree is not None and insuree.family_id:
        family_id = Family.objects.using(LEGACY_DB).current().filter(pk=insuree.family_id).values_list("pk", flat=True)
        family_id = next(iter(family_id), None)
    adult = insuree is not None and day is not None and is_adult(insuree.dob, day)
    hf = HealthFacility.objects.using(LEGACY_DB).filter(pk=claim.health_facility_id).first()
    facts = Facts(
        claim=claim,
        target_date=day,
        family_id=family_id,
        insuree=insuree,
        adult=adult,
        patient_mask=patient_mask(insuree.gender_id if insuree else None, adult),
        hf_care_type=(hf.care_type if hf is not None else None) or "B",
        health_facility=hf,
        single_day=single_day,
        base_category=base_category(categories, single_day),
        now=clock.now(),
        policies=_policies(claim, family_id, day),
    )
    return facts


def _policies(claim, family_id, day):
    """Current tblInsureePolicy rows of the insuree whose current policy of the family is active (2) or
    expired (8) and, like the insuree's own cover, in force at the target date; with policy and product."""
    if family_id is None or day is None:
        return []
    return list(
        InsureePolicy.objects.using(LEGACY_DB)
        .current()
        .select_related("policy", "policy__product")
        .filter(
            insuree_id=claim.insuree_id,
            effective_date__lte=day,
            expiry_date__gte=day,
            policy__validity_to__isnull=True,
            policy__family_id=family_id,
            policy__status__in=(2, 8),
            policy__effective_date__lte=day,
            policy__expiry_date__gte=day,
            policy__product__validity_to__isnull=True,
        )
        .order_by("pk")
    )


def register_versions(model, ids, day):
    """{entity id: the register row valid at `day`} for tblItems/tblServices (@DTBL_ITEMS/@DTBL_SERVICES).

    Per entity, among its current or deleted row and its history rows (as LegacyID), the version with the
    latest ValidityFrom on or before the day counts; an entity whose latest such version is its deleted
    row is not in the registers.
    """
    ids = sorted(set(ids))
    rows = model.objects.using(LEGACY_DB).filter(Q(pk__in=ids, legacy_id__isnull=True) | Q(legacy_id__in=ids))
    latest = {}
    for row in rows.order_by("validity_from", "pk"):
        if row.validity_from.date() <= day:
            latest[row.legacy_id or row.pk] = row
    return {entity: row for entity, row in latest.items() if row.validity_to is None or row.legacy_id is not None}


def listed(price_list_model, list_id, field, ids, day, now):
    """Ids of items/services the facility's price list holds at `day` (CHECK 2)."""
    if list_id is None:
        return set()
    rows = price_list_model.objects.using(LEGACY_DB).filter(price_list_id=list_id, **{f"{field}_id__in": ids})
    moment = as_moment(day)
    return {getattr(row, f"{field}_id") for row in rows if valid_at(row, moment, now)}


def coverage(coverage_model, field, ids, facts):
    """{item/service id: [(insuree policy, product coverage row)]} in the legacy cursor's order: by the
    insuree's effective date plus the waiting period (adult or child) in months."""
    products = {ip.policy.product_id for ip in facts.policies}
    if not products or not ids:
        return {}
    moment = as_moment(facts.target_date)
    rows = [
        row
        for row in coverage_model.objects.using(LEGACY_DB)
        .filter(product_id__in=sorted(products), **{f"{field}_id__in": sorted(set(ids))})
        .order_by("pk")
        if valid_at(row, moment, facts.now)
    ]
    found = {}
    for row in rows:
        for ip in facts.policies:
            if ip.policy.product_id == row.product_id:
                found.setdefault(getattr(row, f"{field}_id"), []).append((ip, row))
    for candidates in found.values():
        candidates.sort(
            key=lambda pair: (add_months(pair[0].effective_date, waiting_months(pair[1], facts) or 0), pair[1].pk)
        )
    return found


def waiting_months(coverage_row, facts):
    return coverage_row.waiting_period_adult if facts.adult else coverage_row.waiting_period_child


def add_months(day, months):
    """`DATEADD(m, months, day)` (the day clamped to the month's end); NULL months -> NULL."""
    if months is None or day is None:
        return None
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


REGISTERS = {"item": Item, "service": Service}
