"""Settings of the peer: the openIMIS modular backend's published modules in a Django project of our own.

Written for the bench only (the assembly repository's settings are not on PyPI): the modules' apps, its
GraphQL endpoint with django-graphql-jwt, core's JWT handlers and user model, row security on, DEBUG
off, persistent connections like our product. The database is a copy of the bench database.
"""

import os
from datetime import timedelta
from urllib.parse import urlsplit

MODULES = [
    "core",
    "location",
    "medical",
    "medical_pricelist",
    "product",
    "insuree",
    "payer",
    "contribution_plan",
    "policy",
    "contribution",
    "calculation",
]

# The GraphQL schema combines these modules' Query/Mutation classes. policy's and contribution's schemas import
# claim_batch, whose services import invoice (and on): outside this peer; payer's schema imports invoice too.
SCHEMA_MODULES = [
    "core",
    "location",
    "medical",
    "medical_pricelist",
    "product",
    "insuree",
    "contribution_plan",
    "calculation",
]

DEBUG = False
SECRET_KEY = os.environ.get("PEER_SECRET_KEY", "peer-bench-only-" + "p" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
MODE = "PROD"
IS_TESTING = False
MSSQL = False
ROW_SECURITY = True


def SITE_ROOT():  # the modules call settings.SITE_ROOT()
    return ""


FRONTEND_URL = "http://127.0.0.1/front"
USE_TZ = False  # as the modular backend runs (legacy data is naive local time)
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGE_CODE = "en"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "graphene_django",
    "graphql_jwt.refresh_token.apps.RefreshTokenConfig",
    "rest_framework",
    "rules",
    "simple_history",
    "django_apscheduler",  # core.scheduler imports its models (the scheduler itself stays off)
    "axes",  # login lockout, as in the assembly (core's tokenAuth path uses it)
    *MODULES,
]

_url = urlsplit(os.environ.get("PEER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_peer"))
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _url.path.lstrip("/"),
        "USER": _url.username or "postgres",
        "PASSWORD": _url.password or "",
        "HOST": _url.hostname or "127.0.0.1",
        "PORT": str(_url.port or 5432),
        "CONN_MAX_AGE": int(os.environ.get("PEER_CONN_MAX_AGE", "60")),
    }
}
# Per-process caches, as the assembly's default (no Redis): "location" and "coverage" are the modules' own
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in ("default", "location", "coverage")
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "graphql_jwt.backends.JSONWebTokenBackend",
    "django.contrib.auth.backends.ModelBackend",
]
GRAPHQL_JWT = {
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_EXPIRATION_DELTA": timedelta(days=1),
    "JWT_REFRESH_EXPIRATION_DELTA": timedelta(days=30),
    "JWT_AUTH_HEADER_PREFIX": "Bearer",
    "JWT_ENCODE_HANDLER": "core.jwt.jwt_encode_user_key",
    "JWT_DECODE_HANDLER": "core.jwt.jwt_decode_user_key",
    "JWT_ALLOW_ANY_CLASSES": ["graphql_jwt.mutations.ObtainJSONWebToken"],
}
GRAPHENE = {
    "SCHEMA": "peer_site.schema.schema",
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    "MIDDLEWARE": ["peer_site.dataloaders.DataLoadersMiddleware", "graphql_jwt.middleware.JSONWebTokenMiddleware"],
}
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": ["core.jwt_authentication.JWTAuthentication"]}

# The assembly's stack, less the optional parts (whitenoise, CSP, remote user, profiler)
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.GraphQLRateLimitMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.DefaultAxesAttributesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
SESSION_COOKIE_NAME = "openimis_session"  # as the assembly (sessions in the database, its default)
ROOT_URLCONF = "peer_site.urls"
WSGI_APPLICATION = "peer_site.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]},
    }
]
STATIC_URL = "/static/"

# Values the modules read from settings (the assembly's defaults)
JWT_SECRET_KEY = SECRET_KEY
JWT_ALGORITHM = "HS256"
JWT_AUDIENCE = None
JWT_ISSUER = None
JWT_LEEWAY = 0
JWT_VERIFY = True
JWT_VERIFY_EXPIRATION = True
CACHE_OBJECT_TTL = 60 * 60
CACHE_OBJECT_DEFAULT = "default"
SCHEDULER_AUTOSTART = False
SCHEDULER_JOBS = []
SCHEDULER_CUSTOM = []
SCHEDULER_CONFIG = {}
RATELIMIT_KEY = "ip"
RATELIMIT_RATE = "1000000/m"  # a load test from one address
RATELIMIT_GROUP = "graphql"
AXES_ENABLED = True
AXES_CACHE = "default"
AXES_FAILURE_LIMIT = 1000
AXES_COOLOFF_TIME = timedelta(minutes=1)
PASSWORD_MIN_LENGTH = 8
PASSWORD_UPPERCASE = PASSWORD_LOWERCASE = PASSWORD_DIGITS = PASSWORD_SYMBOLS = 0
EMAIL_HOST_USER = ""
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PEER_LOG_LEVEL", "WARNING")},
}
