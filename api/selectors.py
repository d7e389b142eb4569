"""Every read of legacy rows, always through `auth_bridge.scoping.visible`.

`planned()` narrows the SELECT to the requested sparse fieldset and prefetches each wanted relationship
(linkage or include) with ONE scoped query per relationship, whatever the page size.
"""

from collections import defaultdict

from django.db.models import Case, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.query import ModelIterable

from auth_bridge.scoping import is_public, visible


def rows(resource, user, as_of=None):
    """The rows of `resource` the user may see: current ones, or as they were at `as_of` (a versions type:
    the history copies, `LegacyID` set)."""
    queryset = resource.model._default_manager.all()
    if resource.history_of:
        queryset = queryset.filter(legacy_id__isnull=False)
    elif resource.versioned:
        queryset = queryset.as_of(as_of) if as_of else queryset.current()
    return visible(queryset, user)


def visible_entities(resource, user):
    """Entity rows (current or logically deleted, not history copies) the user may see."""
    return visible(resource.model._default_manager.filter(legacy_id__isnull=True), user)


def history(resource, user, entity):
    """Older versions of `entity`, oldest first."""
    return visible(resource.model._default_manager.history_of(entity), user)


def by_id(queryset, resource, value):
    """Lookup by resource id, any case for UUIDs (two literals keep the index usable)."""
    if resource.id_field == "uuid":
        return queryset.filter(uuid__in=[value.lower(), value.upper()])
    field = resource.model._meta.get_field(resource.id_field)
    try:
        value = field.to_python(value)
    except Exception:  # noqa: BLE001 - a malformed id is simply not found
        return queryset.none()
    return queryset.filter(**{resource.id_field: value})


def _target(model, path):
    """The model reached by the relation path `path` ("family__location__parent") from `model`."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def through_visible(model, path, condition, user):
    """Q: the row's related row at `path` satisfies `condition` AND is visible to `user`.

    Filters and search on related rows must not become an oracle for rows the caller cannot see
    (a claim filtered by the chfId of an insuree of another district, say): the related rows are
    selected through the gate in a subquery, like linkage and includes.
    """
    target = _target(model, path)
    return Q(**{f"{path}__in": visible(target._default_manager.filter(condition), user).values("pk")})


def by_uuid_paths(queryset, paths, value, user):
    """Rows whose related resource (at any of `paths`, OR-ed) has the id `value` (any case) and is
    visible to `user`."""
    values = [v for item in value.split(",") if item for v in (item.lower(), item.upper())]
    model = queryset.model
    condition, through_many = Q(), False
    for path in paths:
        relation, _, column = path.rpartition("__")
        first = model._meta.get_field(relation.split("__")[0])
        term = through_visible(model, relation, Q(**{f"{column}__in": values}), user)
        if first.one_to_many:  # only current link rows (e.g. current coverage in tblInsureePolicy)
            through_many = True
            term &= Q(**{f"{first.name}__validity_to__isnull": True})
        condition |= term
    if through_many:  # select keys in a subquery so rows are not repeated by the join
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def fk_linkage(resource, relation, target):
    """The forward foreign key whose value IS the linkage id, or None.

    True of reference lists (genders, educations, ...): public to every principal, unversioned, keyed by
    the column the foreign key references, and the legacy schema enforces the key (the row exists). Their
    linkage needs no query; every other relationship is read through a scoped query.
    """
    if relation.many or target.versioned or not is_public(target.model):
        return None
    field = resource.model._meta.get_field(relation.attr)
    if not (field.many_to_one or field.one_to_one) or not field.concrete:
        return None
    return field if field.target_field.name == target.id_field else None


def linkage_key(relation):
    """Attribute of a planned row holding the linkage of a relationship that was not included: the id
    of a to-one relationship's row (or None), the list of ids of a to-many relationship's rows."""
    return f"_linkage_{relation.name}"


def rows_key(relation):
    """Attribute of a planned row holding the scoped list of a to-many relationship's rows.

    A plain list (`Prefetch(to_attr=...)`): Django then skips building a related manager and a queryset
    per parent row to hold its prefetched rows.
    """
    return f"_rows_{relation.name}"


class LinkageIterable(ModelIterable):
    """Model rows, then the linkage ids of their to-many relationships that are not included (`loaders`):
    one scoped query of plain (parent key, id) pairs per relationship and batch of rows, no model instance
    per related row. Batches keep `.iterator()` streaming."""

    loaders = ()
    batch_size = 1000  # keys per linkage query: below SQL Server's 2,100 parameters, with room for the scope

    def __iter__(self):
        batch = []
        for row in super().__iter__():
            batch.append(row)
            if len(batch) == self.batch_size:
                yield from self._loaded(batch)
                batch = []
        yield from self._loaded(batch)

    def _loaded(self, rows):
        if rows:
            for load in self.loaders:
                load(rows)
        return rows


def _linkage_ids(resource, relation, target, child):
    """A loader for LinkageIterable: row.<linkage_key> = ids of the `child` rows pointing at the row."""
    parent_key = resource.model._meta.get_field(relation.attr).field.target_field.attname
    key, id_field = linkage_key(relation), target.id_field
    child = child.order_by(target.model._meta.pk.attname)

    def load(rows):
        ids = defaultdict(list)
        keys = [getattr(row, parent_key) for row in rows]
        for parent, value in child.filter(**{f"{relation.remote_fk}__in": keys}).values_list(
            relation.remote_fk, id_field
        ):
            ids[parent].append(value)
        for row in rows:
            row.__dict__[key] = ids.get(getattr(row, parent_key), [])

    return load


def search(queryset, fields, terms, user):
    """Every term matches one of `fields` (icontains); a field on a related row matches only rows the
    caller may see (see `through_visible`)."""
    model = queryset.model
    for term in terms:
        condition = Q()
        for field in fields:
            relation, _, column = field.rpartition("__")
            lookup = Q(**{f"{column}__icontains": term})
            condition |= through_visible(model, relation, lookup, user) if relation else lookup
        queryset = queryset.filter(condition)
    return queryset


def columns(site, resource, query, extra=(), include=()):
    """Model attnames the response needs: id, requested attributes, FKs of wanted or included relationships."""
    model = resource.model
    names = {model._meta.pk.attname, resource.id_field, *extra}
    if resource.versioned:
        names |= {"validity_from", "validity_to", "audit_user_id"}
    if resource.history_of:
        names.add("legacy_id")
    for name, source in resource.attributes.items():
        if query.wants(resource.type, name):
            names.add(model._meta.get_field(source).attname)
    for relation in site.relations(resource).values():
        if not relation.many and (relation.name in include or query.wants(resource.type, relation.name)):
            names.add(model._meta.get_field(relation.attr).attname)
    return names


def _unless_null(field, lookup, output_field):
    """`lookup`, skipped for rows whose foreign key `field` is NULL (its answer then is NULL anyway): many
    legacy keys are mostly NULL (tblInsuree.HFID), and a full export would run the lookup per row."""
    if not field.null:
        return lookup
    # the lookup as a WHEN branch: a lookup that can match nothing (an empty scope) drops the branch and
    # leaves the NULL default; as the default it would compile to Django's always-false "0"
    return Case(
        When(**{f"{field.attname}__isnull": False}, then=lookup), default=Value(None), output_field=output_field
    )


def planned(site, resource, user, query, queryset, include=None, extra=()):
    """`queryset` narrowed with `.only()` and with scoped prefetches for linkage and includes."""
    include = query.include if include is None else include
    prefetches, linkage, loaders = [], {}, []
    for relation in site.relations(resource).values():
        if relation.name not in include and not query.wants(resource.type, relation.name):
            continue  # (an included relationship is fetched even if the sparse fieldset leaves it out)
        target = site.resources[relation.target]
        if relation.name not in include and fk_linkage(resource, relation, target) is not None:
            continue  # linkage from the row's own foreign key (see fk_linkage)
        child = rows(target, user)
        if not relation.many and relation.name not in include:
            # the id of the related row if the caller may see it, in the same statement (a correlated
            # lookup by key, scoped by `visible`), instead of one more query per relationship
            field = resource.model._meta.get_field(relation.attr)
            lookup = child.filter(**{field.target_field.attname: OuterRef(field.attname)})
            linkage[linkage_key(relation)] = _unless_null(
                field, Subquery(lookup.values(target.id_field)[:1]), target.model._meta.get_field(target.id_field)
            )
            continue
        if relation.name not in include:  # to-many linkage: ids, not rows (LinkageIterable)
            loaders.append(_linkage_ids(resource, relation, target, child))
            continue
        fk = (relation.remote_fk,) if relation.many else ()
        child = planned(site, target, user, query, child, include[relation.name], extra=fk)
        if relation.many:
            child = child.order_by(target.model._meta.pk.attname)
        to_attr = rows_key(relation) if relation.many else None  # to-one: the forward cache holds the row
        prefetches.append(Prefetch(relation.attr, queryset=child, to_attr=to_attr))
    queryset = queryset.only(*columns(site, resource, query, extra, include)).prefetch_related(*prefetches)
    if loaders:
        queryset = queryset.all()
        queryset._iterable_class = type("PlannedRows", (LinkageIterable,), {"loaders": tuple(loaders)})
    return queryset.annotate(**linkage) if linkage else queryset
