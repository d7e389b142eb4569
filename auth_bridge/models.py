"""State-database models of the auth bridge (never in the legacy database)."""

from django.conf import settings
from django.db import models


class LegacyLink(models.Model):
    """Links a Django user to a legacy `tblUsers` entity. The legacy row stays the source of truth."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="legacy_link")
    legacy_user_id = models.IntegerField(unique=True)
    legacy_user_uuid = models.CharField(max_length=36)

    def __str__(self):
        return f"{self.user} -> tblUsers {self.legacy_user_id}"


class ApiClient(models.Model):
    """A technical user (reporting client, integration) that exists only in the state database."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_client")
    rights = models.JSONField(default=list)  # legacy right codes
    # tblLocations.LocationId of districts: ids, not codes (a code can be given to another district later)
    district_ids = models.JSONField(default=list)
    all_locations = models.BooleanField(default=False)  # explicit opt-in to national scope

    def __str__(self):
        return f"API client {self.user}"


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 is stored; the raw value is shown once."""

    key_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    revoked = models.BooleanField(default=False)
    # accounts.credentials_fingerprint of the legacy row at issue time; empty for technical users.
    credential_fingerprint = models.CharField(max_length=64, blank=True, default="")

    def __str__(self):
        return f"token of {self.user} until {self.expires:%Y-%m-%d %H:%M}"


class LoginAttempts(models.Model):
    """Failed logins per canonical login (`logins.key`), whether or not the login exists, in the window
    opened by the first failure (`lockout.py`)."""

    login = models.CharField(max_length=150, unique=True)
    failures = models.IntegerField(default=0)
    window_start = models.DateTimeField()

    def __str__(self):
        return f"{self.failures} failed login(s) of {self.login!r} since {self.window_start:%Y-%m-%d %H:%M}"
