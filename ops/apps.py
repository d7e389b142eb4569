from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .readonly import install_guard

        connection_created.connect(install_guard, dispatch_uid="ops.readonly.install_guard")
