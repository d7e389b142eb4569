"""Send every legacy model to the `legacy` database, and never migrate anything there."""

LEGACY_APP = "legacy"
LEGACY_DB = "legacy"


class LegacyRouter:
    def db_for_read(self, model, **hints):
        return LEGACY_DB if model._meta.app_label == LEGACY_APP else None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        in_legacy = {obj._meta.app_label == LEGACY_APP for obj in (obj1, obj2)}
        return True if in_legacy == {True} else None if in_legacy == {False} else False

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == LEGACY_DB or app_label == LEGACY_APP:
            return False
        return None
