"""`filter[asOf]` across resources: includes, linkage, related and relationship endpoints read the versions
valid at that moment, so a report reads one consistent past snapshot.

A foreign key names an entity: the current row's key, which never changes (legacy-schema.md §0). At a past
moment the entity's version may be a history copy (`LegacyID` = that key). So related rows are matched on
their entity key (`pk` or `LegacyID`) among the versions the caller may see at that moment
(`selectors.rows(..., as_of)`), and a parent's children on the parent's entity key. Each resource is the
version's row with the id that row carries (a history copy's own UUID when the entity changed since), as in a
top-level `filter[asOf]` list; a lookup by id also accepts the entity's (current) id.

Relationships are read by loaders (one scoped query per relationship and batch of rows, like to-many linkage
in `selectors`), since Django's prefetches match on the primary key only.
"""

from collections import defaultdict

from django.db.models import Q

from . import selectors


class SnapshotRows(selectors.LinkageIterable):
    batch_size = 500  # keys appear twice (pk and LegacyID): stay below SQL Server's 2,100 parameters


def entity_key(resource, row, key_attname=None):
    """The key other rows' foreign keys hold for `row`'s entity."""
    if resource.versioned:
        return row.legacy_id or row.pk
    return getattr(row, key_attname or resource.model._meta.pk.attname)


def versions_of(target, key_field, keys):
    """Q: versions of the entities whose keys are `keys` (`key_field` is the column foreign keys reference)."""
    condition = Q(**{f"{key_field}__in": keys})
    return condition | Q(legacy_id__in=keys) if target.versioned else condition


def planned(site, resource, user, query, queryset, include=None, extra=()):
    """As `selectors.planned`, for `query.as_of`: the same columns, relationships from the snapshot."""
    include = query.include if include is None else include
    loaders = []
    for relation in site.relations(resource).values():
        included = relation.name in include
        if not included and not query.wants(resource.type, relation.name):
            continue
        target = site.resources[relation.target]
        if not included and selectors.fk_linkage(resource, relation, target) is not None:
            continue  # a reference code: the foreign key is the linkage (selectors.fk_linkage)
        child = selectors.rows(target, user, query.as_of)
        if included:
            fk = (relation.remote_fk,) if relation.many else ()
            child = planned(site, target, user, query, child, include[relation.name], extra=fk)
        load = _to_many if relation.many else _to_one
        loaders.append(load(resource, relation, target, child, included))
    own = ("legacy_id",) if resource.versioned else ()
    queryset = queryset.only(*selectors.columns(site, resource, query, (*extra, *own), include))
    if loaders:
        queryset = queryset.all()
        queryset._iterable_class = type("PlannedSnapshot", (SnapshotRows,), {"loaders": tuple(loaders)})
    return queryset


def _to_one(resource, relation, target, child, included):
    field = resource.model._meta.get_field(relation.attr)
    key = field.target_field.attname
    if not included:
        child = child.only(target.model._meta.pk.attname, key, target.id_field, *_legacy(target))

    def load(rows):
        keys = {getattr(row, field.attname) for row in rows} - {None}
        found = {}
        if keys:
            found = {entity_key(target, obj, key): obj for obj in child.filter(versions_of(target, key, keys))}
        for row in rows:
            obj = found.get(getattr(row, field.attname))
            if included:
                field.set_cached_value(row, obj)
            else:
                row.__dict__[selectors.linkage_key(relation)] = None if obj is None else getattr(obj, target.id_field)

    return load


def _to_many(resource, relation, target, child, included):
    parent_key = resource.model._meta.get_field(relation.attr).field.target_field.attname
    child = child.order_by(target.model._meta.pk.attname)
    if not included:
        child = child.only(target.model._meta.pk.attname, relation.remote_fk, target.id_field)

    def load(rows):
        groups = defaultdict(list)
        keys = {entity_key(resource, row, parent_key) for row in rows}
        for obj in child.filter(**{f"{relation.remote_fk}__in": keys}):
            groups[getattr(obj, relation.remote_fk)].append(obj)
        for row in rows:
            children = groups.get(entity_key(resource, row, parent_key), [])
            if included:
                row.__dict__[selectors.rows_key(relation)] = children
            else:
                row.__dict__[selectors.linkage_key(relation)] = [getattr(obj, target.id_field) for obj in children]

    return load


def _legacy(target):
    return ("legacy_id",) if target.versioned else ()


def by_id(queryset, resource, value):
    """Rows of `queryset` (versions at a moment) with the id `value`: a version's own id or its entity's."""
    if not resource.versioned:
        return selectors.by_id(queryset, resource, value)
    rows = resource.model._default_manager.all()
    entities = selectors.by_id(rows.filter(legacy_id__isnull=True), resource, value).values("pk")
    return queryset.filter(Q(pk__in=selectors.by_id(rows, resource, value).values("pk")) | Q(legacy_id__in=entities))


def related(parent_resource, relation, target, parent, user, as_of):
    """The target rows of `parent`'s relationship at `as_of` (a related or relationship endpoint)."""
    queryset = selectors.rows(target, user, as_of)
    if relation.many:
        parent_key = parent_resource.model._meta.get_field(relation.attr).field.target_field.attname
        return queryset.filter(**{relation.remote_fk: entity_key(parent_resource, parent, parent_key)})
    field = parent_resource.model._meta.get_field(relation.attr)
    value = getattr(parent, field.attname)
    return queryset.filter(versions_of(target, field.target_field.attname, [value]))
