from django.apps import AppConfig


class AuthBridgeConfig(AppConfig):
    name = "auth_bridge"
    verbose_name = "Legacy authentication bridge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, lockout  # noqa: F401  (registers the system checks, connects the failure counter)
