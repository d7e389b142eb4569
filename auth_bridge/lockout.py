"""Brute-force protection per login: a fixed window that failures cannot extend.

The first failure opens a window of `AUTH_LOCKOUT_SECONDS`; `AUTH_LOCKOUT_ATTEMPTS` failures inside it lock
the login until the window ends, whatever happens meanwhile (failures during the lock are counted but move
nothing, so nobody can keep an account locked by knowing its name). The counters are rows of the state
database, shared by every worker and instance. Keyed by the canonical login (`logins.key`), whether or not
the login exists; the answer to a locked login is the answer to a wrong password (`backends.py`).
"""

import datetime

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from . import logins
from .models import LoginAttempts


def _key(typed):
    login = logins.canonical(typed)
    return logins.key(login) if login is not None else None


def _window():
    return datetime.timedelta(seconds=settings.AUTH_LOCKOUT_SECONDS)


def is_locked(typed):
    key = _key(typed)
    if key is None:
        return False
    attempts = LoginAttempts.objects.filter(login=key).first()
    return bool(
        attempts
        and attempts.failures >= settings.AUTH_LOCKOUT_ATTEMPTS
        and attempts.window_start + _window() > timezone.now()
    )


def record_failure(typed):
    key, now = _key(typed), timezone.now()
    if key is None:
        return
    attempts, created = LoginAttempts.objects.get_or_create(login=key, defaults={"window_start": now, "failures": 1})
    if created:
        return
    # A window that has ended is replaced by a new one opened now; otherwise one more failure in it.
    restarted = LoginAttempts.objects.filter(pk=attempts.pk, window_start__lte=now - _window()).update(
        window_start=now, failures=1
    )
    if not restarted:
        LoginAttempts.objects.filter(pk=attempts.pk).update(failures=F("failures") + 1)


def reset(typed):
    key = _key(typed)
    if key is not None:
        LoginAttempts.objects.filter(login=key).delete()


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username"))
