"""The endpoints of one resource in a `filter[asOf]` snapshot: detail, related and relationship lookups.

A foreign key names an entity: the current row's key, which never changes (legacy-schema.md §0). At a past
moment the entity's version may be a history copy (`LegacyID` = that key). `selectors.planned` reads includes
and linkage of such versions by their entity key (`selectors.entity_key`, `selectors.versions_of`); this module
finds the parent row of a related or relationship endpoint and its related rows the same way. Each resource
is the version's row with the id that row carries (a history copy's own UUID when the entity changed since),
as in a top-level `filter[asOf]` list; a lookup by id also accepts the entity's (current) id.
"""

from django.db.models import Q

from . import selectors


def by_id(queryset, resource, value):
    """Rows of `queryset` (versions at a moment) with the id `value`: a version's own id or its entity's."""
    if not resource.versioned:
        return selectors.by_id(queryset, resource, value)
    rows = resource.model._default_manager.all()
    entities = selectors.by_id(rows.filter(legacy_id__isnull=True), resource, value).values("pk")
    return queryset.filter(Q(pk__in=selectors.by_id(rows, resource, value).values("pk")) | Q(legacy_id__in=entities))


def related(resource, relation, target, parent, user, as_of):
    """The rows of `target` that `parent`'s relationship reaches at `as_of` (through the gate)."""
    queryset = selectors.rows(target, user, as_of)
    field = resource.model._meta.get_field(relation.attr)
    if relation.many:
        key = selectors.entity_key(resource, field.field.target_field.attname, as_of)(parent)
        return queryset.filter(**{relation.remote_fk: key})
    return queryset.filter(
        selectors.versions_of(target, field.target_field.attname, getattr(parent, field.attname), as_of)
    )
