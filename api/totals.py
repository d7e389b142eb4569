"""Totals of page-number lists, remembered for `API_COUNT_CACHE_SECONDS` (default 10; 0: count every page).

Counting the rows of a list costs a scan of every one of them (on PostgreSQL even with an index), so on
a large table `meta.pagination.count` costs more than the page itself: a client walking a million
insurees page by page would count them once per page. The total is remembered under a key made from
the COUNT statement itself, whose SQL and parameters carry the caller's scope (districts, grants) and
filters: two requests share a total only when they count exactly the same rows.

Only the total may be that old, never the rows; and `api.pagination` corrects it wherever the page
proves it wrong (the last page counts exactly; a next page is known from the page's own rows).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet


class RememberedTotal:
    """The remembered total of one COUNT statement (its key is worked out once)."""

    def __init__(self, count_queryset):
        self.seconds = getattr(settings, "API_COUNT_CACHE_SECONDS", 10)
        self.key = _key(count_queryset) if self.seconds > 0 else None

    def get(self):
        """The total this statement gave within the last seconds, else None."""
        return None if self.key is None else cache.get(self.key)

    def set(self, total):
        if self.key is not None:
            cache.set(self.key, total, self.seconds)


def _key(count_queryset):
    """The cache key of a COUNT statement, or None for one that Django never sends (nothing to count)."""
    try:
        sql, params = count_queryset.query.get_compiler(using=count_queryset.db).as_sql()
    except EmptyResultSet:
        return None
    digest = hashlib.sha256(repr((count_queryset.db, sql, params)).encode()).hexdigest()
    return f"api:total:{digest}"
