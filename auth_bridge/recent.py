"""What a worker remembers of the state database across requests, for a few seconds at most.

Only the token rows (`tokens.find_token`): a list request then reads no state-database row to
authenticate. Every entry is dropped `AUTH_TOKEN_CACHE_SECONDS` (default 2, at most 5) after it was read,
and all entries of this process at once when this process saves or deletes a token, a user, a group
membership, a legacy link, an API client or an object grant (`forget_all`), so a change made through this
process counts at once and one made elsewhere (another worker, a management command) within that bound.
"""

import threading
import time

from django.conf import settings

MAX_SECONDS = 5  # the bound a revoked token or a deactivated user must be refused within (issue 20)
_ENTRIES = 10_000  # kept per process at most (all dropped when over)
_lock = threading.Lock()
_tokens = {}  # key_hash -> (clock() when it was read, ApiToken)
clock = time.monotonic  # tests may stop it


def seconds():
    """`AUTH_TOKEN_CACHE_SECONDS`, clamped to [0, MAX_SECONDS]."""
    return max(0.0, min(float(getattr(settings, "AUTH_TOKEN_CACHE_SECONDS", 2)), MAX_SECONDS))


def token(key_hash):
    """The token row read for `key_hash` less than `seconds()` ago, else None."""
    entry = _tokens.get(key_hash)
    if entry is None or clock() - entry[0] >= seconds():
        return None
    return entry[1]


def keep(key_hash, row):
    if seconds() <= 0:
        return
    with _lock:
        if len(_tokens) >= _ENTRIES:
            _tokens.clear()
        _tokens[key_hash] = (clock(), row)


def forget(key_hash):
    with _lock:
        _tokens.pop(key_hash, None)


def forget_all(*args, **kwargs):
    """Drop every remembered row (also a signal receiver: any arguments)."""
    with _lock:
        _tokens.clear()


def connect_signals():
    """Saves and deletes made through this process drop what it remembers (called by the app's `ready`)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from guardian.models import GroupObjectPermission, UserObjectPermission

    from .models import ApiClient, ApiToken, LegacyLink

    user = get_user_model()
    for model in (user, ApiToken, LegacyLink, ApiClient, UserObjectPermission, GroupObjectPermission):
        post_save.connect(forget_all, sender=model, dispatch_uid=f"recent-save-{model._meta.label}")
        post_delete.connect(forget_all, sender=model, dispatch_uid=f"recent-delete-{model._meta.label}")
    m2m_changed.connect(forget_all, sender=user.groups.through, dispatch_uid="recent-groups")
