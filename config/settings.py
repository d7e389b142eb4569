"""Settings, all from the environment.

`DJANGO_ENV=development` (the default) gives a demo that runs with no configuration: SQLite files
under `var/`, DEBUG on. `DJANGO_ENV=production` refuses to start without a secret key and allowed
hosts, or with DEBUG on.
"""
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .databases import database_config
from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ADAPTER_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', got {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
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
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "guardian.backends.ObjectPermissionBackend"]

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

# --- Auth bridge (auth_bridge/) --------------------------------------------------------------------
# DRF authentication classes, in order. The auth-bridge issue adds token/JWT/header authentication here.
AUTHENTICATION_CLASSES = [
    "rest_framework.authentication.SessionAuthentication",
]

# --- API (api/) ------------------------------------------------------------------------------------
# Modules whose resources are served (default all): location, insuree, policy, claim, medical, core.
ADAPTER_MODULES = env_list("ADAPTER_MODULES", ("location", "insuree", "policy", "claim", "medical", "core"))
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500)
# Behind a gateway: build absolute `links` from X-Forwarded-Host / X-Forwarded-Proto (trusted proxies only).
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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
}
JSON_API_FORMAT_FIELD_NAMES = "camelize"
JSON_API_FORMAT_TYPES = False  # types are declared (plural kebab-case), never inflected per row
JSON_API_PLURALIZE_TYPES = False
JSON_API_UNIFORM_EXCEPTIONS = True
SPECTACULAR_SETTINGS = {
    "TITLE": "openIMIS legacy adapter API",
    "DESCRIPTION": "JSON:API 1.1 read API over the openIMIS legacy database.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["drf_spectacular_jsonapi.hooks.fix_nested_path_parameters"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "api.schema.camelize_filter_parameters"],
}

# --- Operations (health, logging, serving) ---------------------------------------------------------
