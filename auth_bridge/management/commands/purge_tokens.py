"""Delete expired or revoked tokens and stale login-failure counters (run it from cron)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from ...models import ApiToken, LoginAttempts


class Command(BaseCommand):
    help = "Delete expired/revoked tokens and expired lockouts."

    def handle(self, **options):
        now = timezone.now()
        tokens, _ = ApiToken.objects.filter(Q(expires__lte=now) | Q(revoked=True)).delete()
        ended = now - datetime.timedelta(seconds=settings.AUTH_LOCKOUT_SECONDS)
        attempts, _ = LoginAttempts.objects.filter(window_start__lte=ended).delete()  # windows that have ended
        self.stdout.write(f"deleted {tokens} token(s), {attempts} login counter(s)")
