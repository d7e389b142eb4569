"""Brute-force protection: a login is locked after repeated failures, whether or not it exists.

Failures are counted per lower-cased login name by the `user_login_failed` signal (every backend), and
the lock is enforced by `LegacyBackend` before any password check, with the same answer as a wrong
password, so the response never tells whether a login exists.
"""

import datetime

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import LoginAttempts


def _key(login):
    return (login or "").strip().lower()[:150]


def is_locked(login):
    attempts = LoginAttempts.objects.filter(login=_key(login)).first()
    return bool(attempts and attempts.locked_until and attempts.locked_until > timezone.now())


def record_failure(login):
    key, now = _key(login), timezone.now()
    if not key:
        return
    attempts, _ = LoginAttempts.objects.get_or_create(login=key)
    window = datetime.timedelta(seconds=settings.AUTH_LOCKOUT_SECONDS)
    if attempts.last_failure and attempts.last_failure < now - window:
        LoginAttempts.objects.filter(pk=attempts.pk).update(failures=0)  # old failures are forgiven
    LoginAttempts.objects.filter(pk=attempts.pk).update(failures=F("failures") + 1, last_failure=now)
    attempts.refresh_from_db()
    if attempts.failures >= settings.AUTH_LOCKOUT_ATTEMPTS:
        LoginAttempts.objects.filter(pk=attempts.pk).update(locked_until=now + window, failures=0)


def reset(login):
    LoginAttempts.objects.filter(login=_key(login)).delete()


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username"))
