"""The legacy history convention, as a queryset.

Every versioned legacy table keeps all versions of an entity in the same table: the current row has
`ValidityTo IS NULL`; each older version is a copy with `LegacyID` = the current row's id and
`ValidityTo` = the moment it was replaced; a logically deleted entity has `ValidityTo` set and no
`LegacyID`.
"""

from django.db import models
from django.db.models import Q


class VersionedQuerySet(models.QuerySet):
    def current(self):
        """Rows valid now: the only ones a legacy screen shows."""
        return self.filter(validity_to__isnull=True)

    def history_of(self, obj):
        """The older versions of `obj` (an entity's current or deleted row), oldest first."""
        entity_id = obj.legacy_id or obj.pk
        return self.filter(legacy_id=entity_id).order_by("validity_from", "pk")

    def as_of(self, moment):
        """One row per entity as it was at `moment`: the version whose validity interval contains it."""
        return self.filter(Q(validity_from__lte=moment) & (Q(validity_to__isnull=True) | Q(validity_to__gt=moment)))


class VersionedModel(models.Model):
    """Base of the legacy tables that carry ValidityFrom/ValidityTo/LegacyID/AuditUserID.

    The columns themselves are declared on each model: their spelling and nullability differ per table.
    """

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def entity_id(self):
        """The id of the entity this row is a version of (a history row points at it via LegacyID)."""
        return self.legacy_id or self.pk

    @property
    def is_current(self):
        return self.validity_to is None
