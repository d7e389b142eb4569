from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "legacy"
    verbose_name = "openIMIS legacy database"
    default_auto_field = "django.db.models.AutoField"
