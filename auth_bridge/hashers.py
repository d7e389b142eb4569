"""The legacy password hash: UPPER(HEX(SHA-256(UTF-8(password + PrivateKey)))).

The legacy application compares case-sensitively with the exact password; the modular backend strips
trailing white space and ignores the hex case. We accept both so users of either front end can log in.
"""

import hmac

from legacy.passwords import legacy_password_hash as legacy_hash


def check_legacy_password(password, stored_password, private_key):
    """Constant-time check against both legacy variants. Never raises on odd input."""
    if not stored_password or password is None:
        return False
    stored = stored_password.strip().upper()
    exact = hmac.compare_digest(legacy_hash(password, private_key), stored)
    stripped = hmac.compare_digest(legacy_hash(password.rstrip(), private_key), stored)
    return exact | stripped  # both always computed: no timing difference between the variants


def dummy_check(password):
    """Spend the same work as a real check, so unknown logins take as long as wrong passwords."""
    check_legacy_password(password or "", "0" * 64, "dummy-private-key")
