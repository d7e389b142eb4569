import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from auth_bridge.accounts import django_user_for


@pytest.fixture(autouse=True)
def fresh_rights(settings):
    """Rights read fresh (cache 0) unless a test sets a cache time itself."""
    settings.RIGHTS_CACHE_SECONDS = 0
    # ModelBackend hashes every failed login with PBKDF2 (timing equaliser): fast hasher in tests only
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


def as_django_user(legacy_row):
    """The state-database user linked to a legacy row, freshly loaded (like a new request)."""
    return get_user_model().objects.get(pk=django_user_for(legacy_row).pk)
