"""Settings, all from the environment.

`DJANGO_ENV=development` (the default) gives a demo that runs with no configuration: SQLite files
under `var/`, DEBUG on. Hardening follows DEBUG: with DEBUG off (any DJANGO_ENV) a run refuses to start
without DJANGO_SECRET_KEY, and HTTPS redirects, HSTS and secure cookies are on by default, so
`manage.py check --deploy` is clean. `DJANGO_ENV=production` also refuses DEBUG on and needs ALLOWED_HOSTS.
"""

import os
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .databases import apply_operations, database_config
from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ADAPTER_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', got {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
HARDENED = not DEBUG  # every non-debug run is served like production (HTTPS, HSTS, secure cookies)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", () if PRODUCTION else ("127.0.0.1", "localhost", "testserver"))
if PRODUCTION:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_ENV=production needs DJANGO_SECRET_KEY")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production needs ALLOWED_HOSTS")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_ENV=production refuses DJANGO_DEBUG=true")
elif not SECRET_KEY:
    if HARDENED:  # one clear line, no traceback: the public demo key must never serve a real deployment
        sys.exit("Refusing to start: DJANGO_DEBUG is off but DJANGO_SECRET_KEY is not set (the demo key is public).")
    SECRET_KEY = "django-insecure-demo-key-only-for-development"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_json_api",
    "django_filters",
    "guardian",
    "drf_spectacular",
    "legacy",
    "auth_bridge",
    "api",
    "web",
]
if not PRODUCTION:
    INSTALLED_APPS.append("behave_django")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Databases -------------------------------------------------------------------------------------
# `legacy`: the openIMIS legacy database (never migrated). `default`: this adapter's own state.
DATABASE_TIMEOUT = env_int("DATABASE_TIMEOUT", 5)  # seconds to connect before answering 503
LEGACY_DEMO_PATH = VAR_DIR / "legacy-demo.sqlite3"
DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'state.sqlite3'}"), connect_timeout=DATABASE_TIMEOUT
    ),
    "legacy": database_config(
        env_str("LEGACY_DATABASE_URL", f"sqlite:///{LEGACY_DEMO_PATH}"), connect_timeout=DATABASE_TIMEOUT
    ),
}
DATABASES["legacy"]["TEST"] = {"MIGRATE": False}
DATABASE_ROUTERS = ["legacy.routers.LegacyRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The legacy data is naive local time (SQL Server `datetime`); openIMIS itself runs with USE_TZ=False.
USE_TZ = False
TIME_ZONE = env_str("TIME_ZONE", "UTC")
LANGUAGE_CODE = "en-us"
USE_I18N = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

# --- Adapter ---------------------------------------------------------------------------------------
# Legacy UserID written as AuditUserID by technical users (API clients with no legacy account).
LEGACY_AUDIT_USER_ID = env_int("LEGACY_AUDIT_USER_ID", 1)

# --- Shared state -----------------------------------------------------------------------------------
# Login throttles and remembered list totals live in one store that every worker and API instance shares:
# the state database by default (table created by `migrate`), Redis with CACHE_URL=redis://host:6379/0.
# (Lockout counters are state-database rows; rights are read with the user's row: neither is cached.)
CACHE_URL = env_str("CACHE_URL", "")
if not CACHE_URL or CACHE_URL == "db://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "adapter_cache"}}
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "locmem://":  # one process only (limits multiply with workers): never behind a gateway
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE_URL must be empty, db://, redis://... or locmem://, got {CACHE_URL!r}")

# --- Auth bridge (auth_bridge/) --------------------------------------------------------------------
# Legacy logins first (it also enforces the lockout), then state-only accounts, then object grants.
AUTHENTICATION_BACKENDS = [
    "auth_bridge.backends.LegacyBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# One principal/grants computation per request (never across requests).
MIDDLEWARE.append("auth_bridge.cache.RequestCacheMiddleware")
# DRF authentication classes, in order (REST_FRAMEWORK uses this list).
AUTHENTICATION_CLASSES = [
    "auth_bridge.authentication.BearerTokenAuthentication",
    "auth_bridge.jwt_auth.OIDCJWTAuthentication",
    "auth_bridge.authentication.TrustedHeaderAuthentication",
    "auth_bridge.authentication.LegacySessionAuthentication",
]
AUTH_TOKEN_LIFETIME_SECONDS = env_int("AUTH_TOKEN_LIFETIME_SECONDS", 8 * 3600)
# Seconds a worker keeps a token's state-database row after reading it (auth_bridge/tokens.py; at most 5, 0:
# read it on every request): a revoked token or a deactivated Django user may lag that long in other workers.
AUTH_TOKEN_CACHE_SECONDS = env_int("AUTH_TOKEN_CACHE_SECONDS", 2)
# Rights, roles and districts are read with the user's row on every request (no cache, no delay).
AUTH_LOCKOUT_ATTEMPTS = env_int("AUTH_LOCKOUT_ATTEMPTS", 5)  # failures within the window that lock a login
AUTH_LOCKOUT_SECONDS = env_int("AUTH_LOCKOUT_SECONDS", 15 * 60)  # fixed window from the first failure = lock end
# Per-client (address) rate of login attempts on every login path; over it: 429 + Retry-After.
AUTH_LOGIN_THROTTLE_RATE = env_str("AUTH_LOGIN_THROTTLE_RATE", "30/min")
# Gateways in front of the API that append to X-Forwarded-For: the throttle's client address is the one the
# outermost of them saw (DRF NUM_PROXIES). 0: REMOTE_ADDR.
AUTH_NUM_PROXIES = env_int("AUTH_NUM_PROXIES", 0)
MIDDLEWARE.append("auth_bridge.throttles.LoginThrottleMiddleware")
# Browser sessions (auth_bridge/session.py): the login page, and where a login without `next` and a logout go.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/api/"
LOGOUT_REDIRECT_URL = "/"
# Behind a gateway. SECURE_PROXY_SSL_HEADER only when the proxy always sets X-Forwarded-Proto.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# REMOTE_ADDRs of the gateway: the identity header is accepted only from them (gunicorn's own
# FORWARDED_ALLOW_IPS must list them too).
AUTH_TRUSTED_PROXIES = env_list("AUTH_TRUSTED_PROXIES")
# WARNING: AUTH_TRUSTED_HEADER (e.g. "X-Remote-User") lets whoever can reach the API port log in as anyone
# by sending that header. Set it only when the port is reachable exclusively through a gateway that
# strips the header from client requests. Off (empty) by default.
AUTH_TRUSTED_HEADER = env_str("AUTH_TRUSTED_HEADER", "")
# OIDC/JWT bearer tokens, verified locally. Off unless AUTH_OIDC_ISSUER is set.
AUTH_OIDC_ISSUER = env_str("AUTH_OIDC_ISSUER", "")
AUTH_OIDC_AUDIENCE = env_str("AUTH_OIDC_AUDIENCE", "")
AUTH_OIDC_JWKS_FILE = env_str("AUTH_OIDC_JWKS_FILE", "")
AUTH_OIDC_JWKS_URL = env_str("AUTH_OIDC_JWKS_URL", "")
AUTH_OIDC_JWKS_CACHE_SECONDS = env_int("AUTH_OIDC_JWKS_CACHE_SECONDS", 3600)
AUTH_OIDC_ALGORITHMS = env_list("AUTH_OIDC_ALGORITHMS", ("RS256",))
AUTH_OIDC_USERNAME_CLAIM = env_str("AUTH_OIDC_USERNAME_CLAIM", "preferred_username")  # -> tblUsers.LoginName
AUTH_OIDC_LEEWAY_SECONDS = env_int("AUTH_OIDC_LEEWAY_SECONDS", 30)

# --- API (api/) ------------------------------------------------------------------------------------
# Modules whose resources are served (comma list); unset: all of them (api.registry.ALL_MODULES).
ADAPTER_MODULES = env_list("ADAPTER_MODULES") if "ADAPTER_MODULES" in os.environ else None
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500)
# Seconds a list's meta.pagination.count may be remembered (api/totals.py); rows are always read fresh.
API_COUNT_CACHE_SECONDS = env_int("API_COUNT_CACHE_SECONDS", 10)
API_MAX_INCLUDE_DEPTH = env_int("API_MAX_INCLUDE_DEPTH", 3)  # include=a.b.c at most (one scoped query per level)
# Values in all filters of one request together (`in` lists, relation ids, search terms): 400 above. Each is
# one or more statement parameters, and SQL Server takes at most 2,100 per statement.
API_MAX_FILTER_VALUES = env_int("API_MAX_FILTER_VALUES", 100)
# CSV exports of whole lists on PostgreSQL: COPY of the same scoped SELECT, cells formatted in SQL (api/exports.py).
# false: the Python writer (same bytes, ~10x slower). SQL Server and SQLite always use the Python writer.
API_CSV_COPY = env_bool("API_CSV_COPY", True)
# Writes (api/writes/): PATCH and DELETE need `If-Match: <ETag>` (428 without it). false: a request
# without If-Match overwrites whatever is current (a stale If-Match is still refused with 412).
API_REQUIRE_IF_MATCH = env_bool("API_REQUIRE_IF_MATCH", True)
# POST /api/operations (api/operations/, JSON:API atomic extension): operations per request (more: 413).
API_ATOMIC_MAX_OPERATIONS = env_int("API_ATOMIC_MAX_OPERATIONS", 100)
# The API docs (/api/schema, /api/docs, /api/redoc) are readable without logging in; false: log in first.
API_PUBLIC_DOCS = env_bool("API_PUBLIC_DOCS", True)
# Absolute `links` follow X-Forwarded-Host/-Proto when the auth bridge block's gateway settings allow it.
INSTALLED_APPS += ["rest_framework_xml", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": AUTHENTICATION_CLASSES,
    "DEFAULT_PERMISSION_CLASSES": ["auth_bridge.permissions.HasLegacyRight"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.JsonApiRenderer", "api.renderers.PlainJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework_json_api.parsers.JSONParser"],
    "DEFAULT_METADATA_CLASS": "rest_framework_json_api.metadata.JSONAPIMetadata",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.JsonApiNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular_jsonapi.schemas.openapi.JsonApiAutoSchema",
    "SEARCH_PARAM": "filter[search]",
    "ORDERING_PARAM": "sort",
    "TEST_REQUEST_DEFAULT_FORMAT": "vnd.api+json",
    "TEST_REQUEST_RENDERER_CLASSES": ["api.renderers.JsonApiRenderer", "api.renderers.PlainJSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_RATES": {"login": AUTH_LOGIN_THROTTLE_RATE},
    "NUM_PROXIES": AUTH_NUM_PROXIES or None,
}
JSON_API_FORMAT_FIELD_NAMES = "camelize"
JSON_API_FORMAT_TYPES = False  # types are declared (plural kebab-case), never inflected per row
JSON_API_PLURALIZE_TYPES = False
JSON_API_UNIFORM_EXCEPTIONS = True
SPECTACULAR_SETTINGS = {
    "TITLE": "openIMIS legacy adapter API",
    "DESCRIPTION": "JSON:API 1.1 API over the openIMIS legacy database: reads, writes that keep the legacy "
    "history, claims, a change feed and aggregates.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # filter: a box that narrows the operations by tag (there are dozens of resources); validatorUrl None: no
    # badge fetched from validator.swagger.io
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "filter": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["drf_spectacular_jsonapi.hooks.fix_nested_path_parameters"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.camelize_filter_parameters",
        "api.openapi.document_responses",
    ],
}

# --- Operations (health, logging, serving) ---------------------------------------------------------
INSTALLED_APPS.append("ops")
# Outermost: request id and one JSON log line per request, whatever happens inside.
MIDDLEWARE.insert(0, "ops.requestlog.RequestLogMiddleware")
MIDDLEWARE.insert(  # right after Django's SecurityMiddleware
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "ops.headers.SecurityHeadersMiddleware"
)
# Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (env API_MAX_BODY_BYTES, default Django's 2.5 MB) are a 413 before
# any parsing (DRF reads the stream and would not enforce it).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("API_MAX_BODY_BYTES", 2_621_440)
MIDDLEWARE.insert(MIDDLEWARE.index("ops.requestlog.RequestLogMiddleware") + 1, "ops.limits.BodySizeLimitMiddleware")
# Innermost: a database outage becomes a JSON:API 503, a write refused by the read-only guard a 405.
MIDDLEWARE.append("ops.errors.OperationalErrorMiddleware")

# No write reaches the legacy database (guard on the connection, see ops/readonly.py; the API answers
# 405 on write methods through ops.readonly.is_legacy_read_only()).
LEGACY_READ_ONLY = env_bool("LEGACY_READ_ONLY", False)
# Statement timeout (PostgreSQL statement_timeout, SQL Server query timeout), and persistent connections
# checked before reuse, so an outage gives quick 503s and the service recovers when the database returns.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000)
# A CSV export by COPY (api/exports.py) is one statement that lasts as long as the client's download:
# it gets this timeout instead (0: none).
DATABASE_EXPORT_TIMEOUT_MS = env_int("DATABASE_EXPORT_TIMEOUT_MS", 900_000)
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60)
for _alias, _config in DATABASES.items():
    apply_operations(
        _config,
        statement_timeout_ms=DATABASE_STATEMENT_TIMEOUT_MS,
        conn_max_age=DATABASE_CONN_MAX_AGE,
        read_only=_alias == "legacy" and LEGACY_READ_ONLY,
    )

# Behind the gateway: TLS usually ends there (forwarded headers: see the auth bridge block).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HARDENED)
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # probes speak plain HTTP to the container
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HARDENED else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HARDENED)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HARDENED)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HARDENED)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by ops.headers.SecurityHeadersMiddleware (empty: not sent). Scripts are not restricted by default
# so that the browsable API and the API docs keep working.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY", "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)

# Logs: JSON lines on stdout (production default) with the request id on every record.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ops.jsonlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our own request log replaces Django's (which would log 4xx/5xx a second time, in text).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Static files (browsable API, docs) served by whitenoise; hashed and compressed by collectstatic in
# production, so they can be cached for ever by the gateway and browsers.
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
