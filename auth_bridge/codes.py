"""Legacy right codes (`tblRoleRight.RightID`) by resource area, so views name them instead of numbers.

Use `Right.INSUREE_READ` or `RIGHTS["insuree"]["read"]` (the same value, by area). Product and contribution codes follow
the legacy application's rights enumeration; the others are also the modular backend's defaults.
"""

from enum import IntEnum


class Right(IntEnum):
    """A legacy right code, named AREA_ACTION (`Right.INSUREE_READ == 101101`)."""

    FAMILY_READ = 101001
    FAMILY_ADD = 101002
    FAMILY_EDIT = 101003
    FAMILY_DELETE = 101004
    INSUREE_READ = 101101
    INSUREE_ADD = 101102
    INSUREE_EDIT = 101103
    INSUREE_DELETE = 101104
    POLICY_READ = 101201
    POLICY_ADD = 101202
    POLICY_EDIT = 101203
    POLICY_DELETE = 101204
    POLICY_RENEW = 101205
    PREMIUM_READ = 101301
    PREMIUM_ADD = 101302
    PREMIUM_EDIT = 101303
    PREMIUM_DELETE = 101304
    CLAIM_READ = 111001
    CLAIM_ADD = 111002
    CLAIM_DELETE = 111004
    CLAIM_LOAD = 111005
    CLAIM_PRINT = 111006
    CLAIM_SUBMIT = 111007
    CLAIM_REVIEW = 111008
    CLAIM_FEEDBACK = 111009
    CLAIM_EDIT = 111010
    CLAIM_PROCESS = 111011
    CLAIM_RESTORE = 111012
    PRODUCT_READ = 121001
    PRODUCT_ADD = 121002
    PRODUCT_EDIT = 121003
    PRODUCT_DELETE = 121004
    HEALTH_FACILITY_READ = 121101
    HEALTH_FACILITY_ADD = 121102
    HEALTH_FACILITY_EDIT = 121103
    HEALTH_FACILITY_DELETE = 121104
    OFFICER_READ = 121501
    OFFICER_ADD = 121502
    OFFICER_EDIT = 121503
    OFFICER_DELETE = 121504
    CLAIM_ADMINISTRATOR_READ = 121601
    CLAIM_ADMINISTRATOR_ADD = 121602
    CLAIM_ADMINISTRATOR_EDIT = 121603
    CLAIM_ADMINISTRATOR_DELETE = 121604
    USER_READ = 121701
    USER_ADD = 121702
    USER_EDIT = 121703
    USER_DELETE = 121704
    LOCATION_READ = 121901
    LOCATION_ADD = 121902
    LOCATION_EDIT = 121903
    LOCATION_DELETE = 121904
    LOCATION_MOVE = 121905
    LOCATION_REGIONS = 121906
    ROLE_READ = 122001
    ROLE_ADD = 122002
    ROLE_EDIT = 122003
    ROLE_DELETE = 122004


def _by_area():
    """{area: {action: Right}} from the names: `HEALTH_FACILITY_EDIT` is area `health_facility`, action `edit`."""
    areas = {}
    for right in Right:
        area, _, action = right.name.lower().rpartition("_")
        areas.setdefault(area, {})[action] = right
    return areas


RIGHTS = _by_area()


def required_rights(area):
    """The usual `required_rights` mapping of a view over one area: GET read, POST add, PATCH edit, DELETE delete."""
    codes = RIGHTS[area]
    return {"GET": codes["read"], "POST": codes["add"], "PATCH": codes["edit"], "DELETE": codes["delete"]}


ALL_RIGHTS = frozenset(Right)
# "insuree.read", "claim.submit", ...: how the API names a right code to people (None for other codes)
RIGHT_NAMES = {int(code): f"{area}.{action}" for area, actions in RIGHTS.items() for action, code in actions.items()}


def right_label(code):
    """`101101 (insuree.read)`, or the bare code when this module does not name it."""
    name = RIGHT_NAMES.get(int(code))
    return f"{int(code)} ({name})" if name else str(int(code))
