from importlib import import_module

from django.apps import AppConfig


class AuthBridgeConfig(AppConfig):
    name = "auth_bridge"
    verbose_name = "Legacy authentication bridge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # registered on import: system checks, the failed-login counter's signals, OpenAPI extensions
        for module in ("checks", "lockout", "schema"):
            import_module(f"{self.name}.{module}")
        import_module(f"{self.name}.recent").connect_signals()  # saves here drop remembered token rows
