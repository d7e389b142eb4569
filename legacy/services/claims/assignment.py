"""Which product pays a line: the product assignment of `uspProcessSingleClaimStep1` (openimis/
database_ms_sqlserver, sql/stored_procedures/uspProcessSingleClaimStep1.sql), pure functions.

Per line still passing, among the product lines (tblProductItems / tblProductServices) of products of the
family's policies in force at the target date (tblPolicy dates, status 2 or 8): the co-sharing one ('C')
with the highest limit and the fixed one ('F') with the highest limit (0 = unlimited), the limit and type
columns chosen by the claim's visit type (O: LimitationType/LimitAdult, E: ...E, R: ...R) and the
insuree's age (Adult/Child); none: reason 3. With both, "least cost sharing for the insuree" decides.
The line then records ProdID, PolicyID, PriceOrigin, Limitation and LimitationValue (step 2 reads them).
"""

from dataclasses import dataclass
from decimal import Decimal

UNLIMITED = Decimal(10) ** 12  # the procedure's `CASE Limit WHEN 0 THEN 1000000000000 ELSE Limit END`


def limit_columns(visit_type, adult):
    """(limitation type column, limit column) for `ISNULL(VisitType, 'O')` and the insuree's age."""
    suffix = {"E": "_e", "R": "_r"}.get(visit_type or "O", "")
    return f"limitation_type{suffix}", f"limit_{'adult' if adult else 'child'}{suffix}"


def _descending(value):
    """ORDER BY ... DESC on SQL Server: NULLs sort lowest, so they come last."""
    return (value is not None, value if value is not None else Decimal(0))


def best_co_sharing(rows, visit_type, adult):
    """`SELECT TOP 1 ... LimitationType = 'C' ORDER BY Limit DESC` (ties: the lowest id)."""
    type_column, limit_column = limit_columns(visit_type, adult)
    candidates = sorted((row for row in rows if getattr(row, type_column) == "C"), key=lambda row: row.pk)
    return max(candidates, key=lambda row: _descending(getattr(row, limit_column)), default=None)


def best_fixed(rows, visit_type, adult):
    """`SELECT TOP 1 ... LimitationType = 'F' ORDER BY (a limit of 0 as 10^12) DESC` (ties: the lowest id)."""
    type_column, limit_column = limit_columns(visit_type, adult)

    def key(row):
        limit = getattr(row, limit_column)
        return _descending(UNLIMITED if limit == 0 else limit)

    candidates = sorted((row for row in rows if getattr(row, type_column) == "F"), key=lambda row: row.pk)
    return max(candidates, key=key, default=None)


def claim_price(price_asked, price_approved):
    """`IF ISNULL(PriceAsked,0) > ISNULL(PriceApproved,0) THEN PriceAsked ELSE PriceApproved`."""
    return price_asked if (price_asked or 0) > (price_approved or 0) else price_approved


def _greater(left, right):
    """A SQL comparison: false when either side is NULL."""
    return left is not None and right is not None and left > right


def prefer_fixed(price, fixed_limit, co_sharing_percent):
    """With a co-sharing and a fixed candidate: the fixed one when it is unlimited or above the claimed
    price, or when co-sharing would leave the insuree more to pay than the part above the fixed limit."""
    if fixed_limit == 0 or _greater(fixed_limit, price):
        return True
    if 100 - co_sharing_percent > 0:
        own_fixed = None if price is None else price - fixed_limit
        own_co_sharing = None if price is None else (100 - co_sharing_percent) / 100 * price
        return _greater(own_co_sharing, own_fixed)
    return False


@dataclass(frozen=True)
class Assigned:
    coverage: object  # the chosen tblProductItems / tblProductServices row
    limitation: str  # 'C' co-sharing or 'F' fixed
    limitation_value: Decimal


def assign(rows, visit_type, adult, price, co_sharing_default):
    """The Assigned product line for one claim line, or None (reason 3). `co_sharing_default` is the
    procedure's ISNULL default of a co-sharing limit: 0 for items, 100 for services (as written there)."""
    co, fixed = best_co_sharing(rows, visit_type, adult), best_fixed(rows, visit_type, adult)
    _, limit_column = limit_columns(visit_type, adult)
    if co is None and fixed is None:
        return None
    fixed_limit = (getattr(fixed, limit_column) or Decimal(0)) if fixed is not None else None
    percent = getattr(co, limit_column) if co is not None else None
    percent = co_sharing_default if co is not None and percent is None else percent
    if co is not None and fixed is not None:
        chosen_fixed = prefer_fixed(price, fixed_limit, percent)
    else:
        chosen_fixed = co is None
    if chosen_fixed:
        return Assigned(fixed, "F", fixed_limit)
    return Assigned(co, "C", percent)
