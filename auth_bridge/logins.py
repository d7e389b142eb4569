"""The one canonical form of a login name, used by the lookup, the lockout key and the identity mappings.

What the legacy application does (openimis/web_app_vb `IMIS/Default.aspx.vb` and `IMIS_DAL/LoginDAL.vb`):
the typed name is trimmed (`txtUserName.Text.Trim`), then compared by `LoginName = @LoginName AND
ValidityTo IS NULL` with a `varchar(25)` parameter, under the database's collation: SQL Server's usual
collation ignores the case of the Latin letters a login name is made of. We apply exactly that and
nothing more: trim, at most 25 characters, ASCII letters compared without case, every other character
compared exactly. No Unicode folding: `Admın` (dotless ı) or `Admin` with a long s are other logins, never
`Admin` (the database's `UPPER()` would map them to ASCII).

Identity providers and gateways name a user exactly (`exact_match`): no trim, no case.
"""

import string

MAX_LENGTH = 25  # tblUsers.LoginName nvarchar(25), the legacy query's varchar(25) parameter
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def canonical(typed):
    """The typed login as the legacy application compares it, or None when no login can match it."""
    if not isinstance(typed, str):
        return None
    login = typed.strip()
    if not login or len(login) > MAX_LENGTH or not login.isprintable():
        return None
    return login


def key(login):
    """The comparison key of a canonical login: ASCII letters lower-cased, everything else unchanged.

    Every spelling that finds the same tblUsers row has the same key (so one failure budget per account).
    """
    return login.translate(_ASCII_LOWER)


def same_login(stored, typed):
    """Does the stored LoginName match the typed (canonical) login, as the legacy comparison does?"""
    return stored is not None and key(stored.strip()) == key(typed)


def exact_match(stored, claimed):
    """Identity claims (OIDC, gateway header) name a LoginName exactly: same characters, same case."""
    return isinstance(claimed, str) and stored == claimed
