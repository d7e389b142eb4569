"""Totals of page-number lists, remembered for `API_COUNT_CACHE_SECONDS` (default 10; 0: count every page).

Counting the rows of a list costs a scan of every one of them (on PostgreSQL even with an index), so on
a large table `meta.pagination.count` costs more than the page itself: a client walking a million
insurees page by page would count them once per page. The total is remembered under a key made from
the COUNT statement itself, whose SQL and parameters carry the caller's scope (districts, grants) and
filters: two requests share a total only when they count exactly the same rows.

Only the total may be that old, never the rows; and `api.pagination` corrects it wherever the page
proves it wrong (the last page counts exactly; a next page is known from the page's own rows).

Each process keeps the totals it read or stored in memory too, until the moment the shared entry was
stored plus the same seconds, so a remembered total costs no statement and is never older than when it
is read from the shared cache alone.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet

_ENTRIES = 10_000  # totals kept per process at most (dropped all at once when over)
_lock = threading.Lock()
_local = {}  # key -> (wall-clock time the total stops being valid, total)
clock = time.time  # wall clock: the shared entry's time is compared across processes; tests may stop it


class RememberedTotal:
    """The remembered total of one COUNT statement (its key is worked out once)."""

    def __init__(self, count_queryset):
        self.seconds = getattr(settings, "API_COUNT_CACHE_SECONDS", 10)
        self.key = _key(count_queryset) if self.seconds > 0 else None

    def get(self):
        """The total this statement gave within the last seconds, else None."""
        if self.key is None:
            return None
        now = clock()
        entry = _local.get(self.key)
        if entry is not None and entry[0] > now:
            return entry[1]
        shared = cache.get(self.key)  # (stored at, total); anything else is not ours
        if not (isinstance(shared, tuple) and len(shared) == 2):
            return None
        stored, total = shared
        until = min(stored + self.seconds, now + self.seconds)  # a clock ahead of ours changes nothing
        if until <= now:
            return None
        _keep(self.key, until, total)
        return total

    def set(self, total):
        if self.key is not None:
            now = clock()
            cache.set(self.key, (now, total), self.seconds)
            _keep(self.key, now + self.seconds, total)


def _keep(key, until, total):
    with _lock:
        if len(_local) >= _ENTRIES:
            _local.clear()
        _local[key] = (until, total)


def forget():
    """Drop this process's remembered totals (tests; the shared cache keeps its own)."""
    with _lock:
        _local.clear()


def _key(count_queryset):
    """The cache key of a COUNT statement, or None for one that Django never sends (nothing to count)."""
    try:
        sql, params = count_queryset.query.get_compiler(using=count_queryset.db).as_sql()
    except EmptyResultSet:
        return None
    digest = hashlib.sha256(repr((count_queryset.db, sql, params)).encode()).hexdigest()
    return f"api:total:{digest}"
