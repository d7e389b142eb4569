from django.apps import AppConfig


class AuthBridgeConfig(AppConfig):
    name = "auth_bridge"
    verbose_name = "Legacy authentication bridge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, lockout, schema  # noqa: F401  (system checks, failure counter, OpenAPI extensions)
