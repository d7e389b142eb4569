"""Legacy right codes (`tblRoleRight.RightID`) by resource area, so views name them instead of numbers.

Use `RIGHTS["insuree"]["read"]` or the constants (`INSUREE_READ`). Product and contribution codes follow
the legacy application's rights enumeration; the others are also the modular backend's defaults.
"""

RIGHTS = {
    "family": {"read": 101001, "add": 101002, "edit": 101003, "delete": 101004},
    "insuree": {"read": 101101, "add": 101102, "edit": 101103, "delete": 101104},
    "policy": {"read": 101201, "add": 101202, "edit": 101203, "delete": 101204, "renew": 101205},
    "premium": {"read": 101301, "add": 101302, "edit": 101303, "delete": 101304},
    "claim": {
        "read": 111001,
        "add": 111002,
        "delete": 111004,
        "load": 111005,
        "print": 111006,
        "submit": 111007,
        "review": 111008,
        "feedback": 111009,
        "edit": 111010,
        "process": 111011,
        "restore": 111012,
    },
    "product": {"read": 121001, "add": 121002, "edit": 121003, "delete": 121004},
    "health_facility": {"read": 121101, "add": 121102, "edit": 121103, "delete": 121104},
    "officer": {"read": 121501, "add": 121502, "edit": 121503, "delete": 121504},
    "claim_administrator": {"read": 121601, "add": 121602, "edit": 121603, "delete": 121604},
    "user": {"read": 121701, "add": 121702, "edit": 121703, "delete": 121704},
    "location": {"read": 121901, "add": 121902, "edit": 121903, "delete": 121904, "move": 121905, "regions": 121906},
    "role": {"read": 122001, "add": 122002, "edit": 122003, "delete": 122004},
}


def required_rights(area):
    """The usual `required_rights` mapping of a view over one area: GET read, POST add, PATCH edit, DELETE delete."""
    codes = RIGHTS[area]
    return {"GET": codes["read"], "POST": codes["add"], "PATCH": codes["edit"], "DELETE": codes["delete"]}


# Named constants: FAMILY_READ, INSUREE_ADD, CLAIM_SUBMIT, HEALTH_FACILITY_EDIT, ...
globals().update(
    {f"{area}_{action}".upper(): code for area, actions in RIGHTS.items() for action, code in actions.items()}
)
ALL_RIGHTS = frozenset(code for actions in RIGHTS.values() for code in actions.values())
# "insuree.read", "claim.submit", ...: how the API names a right code to people (None for other codes)
RIGHT_NAMES = {code: f"{area}.{action}" for area, actions in RIGHTS.items() for action, code in actions.items()}


def right_label(code):
    """`101101 (insuree.read)`, or the bare code when this module does not name it."""
    name = RIGHT_NAMES.get(code)
    return f"{code} ({name})" if name else str(code)
