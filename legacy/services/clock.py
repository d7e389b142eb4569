"""The moment a write happens, as the legacy database stores it.

Naive local time (USE_TZ=False, like the legacy application's GETDATE()), truncated to milliseconds:
SQL Server `datetime` keeps ~3.33 ms, PostgreSQL microseconds, so sub-millisecond parts would make
the same write look different on each database.
"""

from django.utils import timezone


def now():
    moment = timezone.now()
    if timezone.is_aware(moment):  # only when USE_TZ is on: store local wall-clock time like the legacy app
        moment = timezone.make_naive(moment)
    return truncate(moment)


def truncate(moment):
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def moment_after(current_validity_from, moment):
    """Never let a version end before it began (clock skew between us and the legacy servers)."""
    if current_validity_from is not None and moment < current_validity_from:
        return current_validity_from
    return moment
