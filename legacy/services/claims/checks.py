"""The submission checks of the legacy database, one function per check, each returning the line's
rejection reason (0 = passes).

The counts of CHECKS 5, 11-15/19 and 16 read `facts.earlier` (earlier.py), gathered once per submission.

Source: `uspSubmitSingleClaim` (openimis/database_ms_sqlserver, sql/stored_procedures/
uspSubmitSingleClaim.sql), which `uspSubmitClaims` runs for every submitted claim; the check numbers
below are the procedure's own (`CHECK 1`, ...). Counts of earlier claims read only current claims past
entry (ClaimStatus > 2) and their current lines that passed (RejectionReason 0), as the procedure does.
"""

from . import codes
from .earlier import within
from .facts import add_months, waiting_months


def check_family(facts):
    """PREPARE PHASE: the claim's insuree is current and has a current family, else every line gets 7."""
    return 0 if facts.family_id else codes.NO_FAMILY


def check_target_date(facts):
    """PREPARE PHASE: ISNULL(DateTo, DateFrom) must exist, else every line gets 9."""
    return 0 if facts.target_date is not None else codes.NO_TARGET_DATE


def check_registers(version):
    """CHECK 1: the item/service has a register version valid at the target date (@DTBL_ITEMS)."""
    return 0 if version is not None else codes.NOT_IN_REGISTERS


def check_price_list(register_id, listed_ids):
    """CHECK 2: the item/service is in the facility's price list (tblHF.PLItemID / PLServiceID ->
    tblPLItemsDetail / tblPLServicesDetail) at the target date."""
    return 0 if register_id in listed_ids else codes.NOT_IN_PRICE_LIST


def check_care_type(care_type, facts):
    """CHECK 10: an in-patient item/service (I) needs a stay of several days at a facility that is not
    out-patient only; an out-patient one (O) a one-day claim at a facility that is not in-patient only."""
    if care_type == "I" and (facts.hf_care_type == "O" or facts.single_day):
        return codes.CARE_TYPE
    if care_type == "O" and (facts.hf_care_type == "I" or not facts.single_day):
        return codes.CARE_TYPE
    return 0


def check_patient_category(patient_category, facts):
    """CHECK 4: `(ItemPatCat & @PatientMask) <> @PatientMask` (sex and adult/child bits) rejects the line."""
    return 0 if patient_category & facts.patient_mask == facts.patient_mask else codes.PATIENT_CATEGORY


def check_waiting_period(insuree_policy, coverage_row, facts):
    """CHECK 17: for a new policy (stage N) or an insuree added after the policy started, the target date
    must not fall within the product's waiting period (months after the insuree's effective date)."""
    policy = insuree_policy.policy
    if policy.stage == "N" or policy.effective_date < insuree_policy.effective_date:
        end = add_months(insuree_policy.effective_date, waiting_months(coverage_row, facts))
        if end is not None and facts.target_date < end:
            return codes.WAITING_PERIOD
    return 0


def check_quantity_limit(kind, register_id, insuree_policy, coverage_row, facts):
    """CHECK 16: the quantity already provided to the insuree within the insuree's cover (LimitNoAdult /
    LimitNoChild of the product's line) must be below the limit; this claim's own quantity is not added."""
    limit = coverage_row.limit_no_adult if facts.adult else coverage_row.limit_no_child
    if limit is None or limit <= -1:
        return 0
    provided = sum(
        (line.qty_provided for line in facts.earlier.of(kind, register_id) if within(line.target_date, insuree_policy)),
        start=0,
    )
    return codes.MAX_QUANTITY if int(provided) >= limit else 0


CATEGORY_LIMITS = {  # base category -> (tblProduct column, rejection reason)
    "C": ("max_no_consultation", codes.MAX_CONSULTATIONS),
    "S": ("max_no_surgery", codes.MAX_SURGERIES),
    "D": ("max_no_delivery", codes.MAX_DELIVERIES),
    "A": ("max_no_antenatal", codes.MAX_ANTENATAL),
    "H": ("max_no_hospitalization", codes.MAX_HOSPITAL_ADMISSIONS),
    "V": ("max_no_visits", codes.MAX_VISITS),
}
CATEGORY_REASONS = frozenset(reason for _, reason in CATEGORY_LIMITS.values())


def check_category_maximum(insuree_policy, facts):
    """CHECKS 11-15, 19 (services only): the product's maximum number of claims of the claim's category
    (MaxNoConsultation, MaxNoSurgery, MaxNoDelivery, MaxNoAntenatal, MaxNoHospitalizaion, MaxNoVisits)
    within the insuree's cover. Over it, the whole claim is rejected with that reason."""
    column, reason = CATEGORY_LIMITS[facts.base_category]
    limit = getattr(insuree_policy.policy.product, column)
    if limit is None or limit <= -1:
        return 0
    count = sum(
        1
        for day, category in facts.earlier.categories
        if within(day, insuree_policy) and (category or "V") == facts.base_category
    )
    return reason if count >= limit else 0


def check_frequency(kind, line, frequency, facts):
    """CHECK 5: an item/service with a frequency (days) passed to the same insuree on an earlier claim
    whose target date is less than that many days from this one rejects the line."""
    if not frequency or frequency <= 0:
        return 0
    for earlier in facts.earlier.of(kind, getattr(line, f"{kind.field}_id")):
        if earlier.status == codes.PASSED and abs((earlier.target_date - facts.target_date).days) < frequency:
            return codes.FREQUENCY
    return 0
