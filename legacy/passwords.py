"""How the legacy application stores passwords (tblUsers.StoredPassword / PrivateKey).

StoredPassword = UPPER(HEX(SHA-256(UTF-8(password + PrivateKey)))); PrivateKey is the salt. The legacy
application makes the salt from 256 random characters of a-zA-Z0-9 and compares case-sensitively, so
the hash is always written upper-case.
"""

import hashlib
import secrets
import string

_SALT_ALPHABET = string.ascii_letters + string.digits


def legacy_password_hash(password, private_key):
    return hashlib.sha256((password + (private_key or "")).encode("utf-8")).hexdigest().upper()


def new_private_key():
    return "".join(secrets.choice(_SALT_ALPHABET) for _ in range(256))


def seed_private_key(login_name):
    """The salt the official SQL seed scripts use: upper-hex SHA-256 of the login name."""
    return hashlib.sha256(login_name.encode("utf-8")).hexdigest().upper()
