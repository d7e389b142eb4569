"""The rules of uspProcessSingleClaimStep1's product assignment and Step2's adjudication, as pure functions
(no database): each rule, its boundary and the procedure's quirks that are kept."""

from decimal import Decimal as D
from types import SimpleNamespace as N

from legacy.services.claims import assignment as a
from legacy.services.claims import valuation as v


def product(**values):
    columns = [
        f"{name}{kind}_{level}"
        for name in ("ded", "max")
        for kind in ("", "_ip", "_op")
        for level in ("treatment", "insuree", "policy")
    ]
    extra = [f"max_policy_extra_member{k}" for k in ("", "_ip", "_op")]
    caps = [f"max_ceiling_policy{k}" for k in ("", "_ip", "_op")]
    base = dict.fromkeys(columns + extra + caps)
    return N(**{**base, "threshold": None, "ceiling_interpretation": None, **values})


def test_money_rounds_half_away_from_zero_like_a_decimal_18_2_variable():
    assert (v.money(D("1.005")), v.money(D("-1.005")), v.money(D("2.004"))) == (D("1.01"), D("-1.01"), D("2.00"))


def test_in_patient_interpretation():
    assert v.is_inpatient(product(), True, "D") and not v.is_inpatient(product(), False, "H")
    hospital = product(ceiling_interpretation="H")
    assert v.is_inpatient(hospital, False, "H") and not v.is_inpatient(hospital, True, "D")


def test_the_last_deductible_level_wins_and_carries_what_earlier_claims_took():
    spent = v.Spent({"ded_g": D("3")}, {"ded_g": D("7")})
    assert v.deductible_of(product(ded_treatment=D("5")), False, spent) == (D("5"), 0)
    assert v.deductible_of(product(ded_treatment=D("5"), ded_insuree=D("9")), False, spent) == (D("9"), D("3"))
    assert v.deductible_of(product(ded_insuree=D("9"), ded_policy=D("20")), False, spent) == (D("20"), D("7"))


def test_the_out_patient_deductible_quirk_tests_the_in_patient_column():
    spent = v.Spent({"ded_op": D("1")}, {})
    assert v.deductible_of(product(ded_op_insuree=D("6")), False, spent) == (0, 0)  # DedIPInsuree is 0
    quirk = product(ded_op_insuree=D("6"), ded_ip_insuree=D("2"))
    assert v.deductible_of(quirk, False, spent) == (D("6"), D("1"))
    assert v.deductible_of(quirk, True, v.Spent({"ded_ip": D("1")}, {})) == (D("2"), D("1"))


def test_policy_ceiling_with_extra_members_and_its_cap():
    assert v.policy_ceiling(D("100"), 3, 4, D("10"), D("0")) == D("100")
    assert v.policy_ceiling(D("100"), 6, 4, D("10"), D("0")) == D("120")  # cap 0: none
    assert v.policy_ceiling(D("100"), 6, 4, D("10"), D("110")) == D("110")
    raised = product(max_policy=D("100"), threshold=4, max_policy_extra_member=D("10"))
    ceiling = v.ceiling_of(raised, False, 6, v.Spent())
    assert ceiling == (D("120"), 0)
    assert v.ceiling_of(product(max_op_insuree=D("30")), False, 1, v.Spent({"rem_op": D("4")}, {})) == (D("30"), D("4"))


def test_price_origin_fixed_limit_and_co_sharing():
    assert v.price_adjusted("O", None, D("5"), D("4")) == D("5")
    assert v.price_adjusted("P", None, D("5"), D("4")) == v.price_adjusted("R", None, D("5"), D("4")) == D("4")
    assert v.price_adjusted("P", D("3"), D("5"), D("4")) == D("3")
    assert v.fixed_limit("F", D("2"), D("3"), D("9")) == D("6")
    assert v.fixed_limit("F", D("4"), D("3"), D("9")) == D("9")
    assert v.fixed_limit("F", D("0"), D("3"), D("9")) == 0  # the procedure's quirk
    assert v.fixed_limit("C", D("2"), D("3"), D("9")) == D("9")
    assert v.co_sharing("C", D("33.33"), D("10")) == D("3.33") and v.co_sharing("F", D("50"), D("10")) == D("10")


def test_category_ceiling_full_partial_and_exhausted():
    assert v.category_ceiling(D("5"), D("12"), D("4")) == (D("5"), 0, D("9"))
    assert v.category_ceiling(D("10"), D("12"), D("4")) == (D("8"), D("2"), D("12"))
    assert v.category_ceiling(D("10"), D("12"), D("12")) == (0, D("10"), D("12"))
    assert v.category_ceiling(D("10"), D("0"), D("40")) == (D("10"), 0, D("40"))


def test_ceiling_exclusion_by_age_and_care():
    assert v.ceiling_excluded(True, True, "H", None) and not v.ceiling_excluded(True, False, "H", None)
    assert v.ceiling_excluded(False, False, None, "N") and v.ceiling_excluded(False, True, None, "B")
    assert not v.ceiling_excluded(False, True, "B", None)


def test_value_line_deductible_then_ceiling():
    line = N(
        qty=D("2"),
        price_origin="P",
        price_approved=None,
        price_asked=D("9"),
        pl_price=D("5"),
        limitation="C",
        limitation_value=D("100"),
        exclusion_adult=None,
        exclusion_child=None,
    )
    terms = N(adult=True, inpatient=False, category_ceiling=None)
    running = v.Running()
    limits = v.Limits(deductible=D("4"), prev_deducted=D("1"), ceiling=D("8"), prev_remunerated=D("2"))
    first = v.value_line(line, limits, running, terms)
    assert (first.deducted, first.price_valuated, first.exceed_ceiling) == (D("3"), D("6"), D("1"))
    second = v.value_line(line, limits, running, terms)
    assert (second.deducted, second.price_valuated, second.exceed_ceiling) == (0, 0, D("10"))
    assert (running.deducted, running.remunerated) == (D("3"), D("6"))


def row(pk, kind, limit, **values):
    return N(pk=pk, limitation_type=kind, limit_adult=limit, limit_child=None, **values)


def test_best_candidates_and_the_unlimited_fixed_limit():
    rows = [row(1, "C", D("50")), row(2, "C", D("80")), row(3, "F", D("30")), row(4, "F", D("0")), row(5, "C", None)]
    assert a.best_co_sharing(rows, "O", True).pk == 2
    assert a.best_fixed(rows, None, True).pk == 4  # 0 is read as 10^12
    assert a.limit_columns("E", False) == ("limitation_type_e", "limit_child_e")


def test_least_cost_sharing_for_the_insuree():
    assert a.prefer_fixed(D("10"), D("0"), D("80"))  # unlimited
    assert a.prefer_fixed(D("10"), D("12"), D("80"))  # above the price
    assert not a.prefer_fixed(D("10"), D("5"), D("80"))  # own part 2 (co-sharing) < 5 (fixed)
    assert a.prefer_fixed(D("10"), D("9"), D("80"))  # own part 2 > 1
    assert not a.prefer_fixed(D("10"), D("5"), D("100"))  # full co-sharing
    assert a.claim_price(D("4"), D("6")) == D("6") and a.claim_price(D("4"), None) == D("4")
    chosen = a.assign([row(1, "C", None)], "O", True, D("4"), 100)
    assert (chosen.limitation, chosen.limitation_value) == ("C", 100)
    assert a.assign([], "O", True, D("4"), 0) is None
