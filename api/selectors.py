"""Every read of legacy rows, always through `auth_bridge.scoping.visible`.

`planned()` narrows the SELECT to the requested sparse fieldset and plans each wanted relationship (linkage
or include): ONE scoped query per relationship (and batch of 1,000 rows), whatever the page size. Its rows
are `api.rows.Row` values.
"""

from collections import defaultdict
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db.models import Case, OuterRef, Q, Subquery, Value, When

from auth_bridge.scoping import is_public, visible

from .rows import Row


def current(resource, as_of=None):
    """Every row of `resource` that is current (or was at `as_of`), before any gate: the rows the read
    gate (`rows`) and the write gate (`api.writes.gates`) narrow. Of a versions type: the history copies
    (`LegacyID` set)."""
    queryset = resource.model._default_manager.all()
    if resource.history_of:
        queryset = queryset.filter(legacy_id__isnull=False)
    elif resource.versioned:
        queryset = queryset.as_of(as_of) if as_of else queryset.current()
    return queryset


def rows(resource, user, as_of=None):
    """The rows of `resource` the user may see: current ones, or as they were at `as_of`."""
    return visible(current(resource, as_of), user)


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
    except ValidationError:  # a malformed id is simply not found
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


def linkage_annotation(relation):
    """The annotation holding a to-one relationship's scoped linkage id (see `planned`); exports read it
    as a column (`api.exports`)."""
    return f"linkage_{relation.name}"


class Plan:
    """How the rows of one resource are read for one response, built by `planned`.

    `linkage`: relationship name -> reader of the linked id from a model instance (a foreign key, or the
    scoped correlated lookup annotated on the SELECT); `columns`: relationship name -> that instance
    attribute (exports read it from row tuples); `loaders`: (relationship name, included?, load), where
    `load(instances)` reads a batch's linkage ids or included rows with one scoped query and returns
    `instance -> value`.
    """

    batch_size = 1000  # keys per loader query: below SQL Server's 2,100 parameters, with room for the scope

    def __init__(self):
        self.linkage, self.columns, self.loaders = {}, {}, []

    def read_from(self, name, attribute):
        self.linkage[name], self.columns[name] = attrgetter(attribute), attribute

    def rows(self, instances):
        """The `Row`s of a list of model instances (a page)."""
        return list(self.stream(instances))

    def stream(self, instances):
        """The `Row`s of an iterable of model instances, loading per batch: memory stays flat."""
        batch = []
        for instance in instances:
            batch.append(instance)
            if len(batch) == self.batch_size:
                yield from self._rows(batch)
                batch = []
        if batch:
            yield from self._rows(batch)

    def _rows(self, instances):
        loaded = [(name, included, load(instances)) for name, included, load in self.loaders]
        readers = self.linkage.items()
        for instance in instances:
            linkage, included = {name: read(instance) for name, read in readers}, {}
            for name, into_included, read in loaded:
                (included if into_included else linkage)[name] = read(instance)
            yield Row(instance, linkage, included)


class Planned:
    """A planned read: `queryset` yields the model instances (narrowed, to-one linkage annotated), the plan
    makes them `Row`s. Filter or paginate the queryset, then `rows()` (a list) or `stream()`."""

    def __init__(self, queryset, plan):
        self.queryset, self.plan = queryset, plan

    def rows(self, instances=None):
        return self.plan.rows(self.queryset if instances is None else instances)

    def stream(self, instances):
        return self.plan.stream(instances)

    def first(self, queryset=None):
        """The first `Row` of `queryset` (default: the planned one), or None."""
        instance = (self.queryset if queryset is None else queryset).first()
        return None if instance is None else self.plan.rows([instance])[0]


def entity_key(resource, key, as_of):
    """Reader of the key foreign keys hold for an instance's entity (`key`: the column they reference). In a
    `filter[asOf]` snapshot a version may be a history copy: its entity is its LegacyID (legacy-schema.md §0)."""
    if as_of and resource.versioned:
        return lambda instance: instance.legacy_id or getattr(instance, key)
    return attrgetter(key)


def versions_of(target, key, value, as_of, lookup=""):
    """Q: the rows of `target` that are (versions of) the entity whose `key` is `value` (`lookup`: "__in")."""
    condition = Q(**{f"{key}{lookup}": value})
    return condition | Q(**{f"legacy_id{lookup}": value}) if as_of and target.versioned else condition


def _linkage_ids(relation, target, child, key_of):
    """A loader: the ids of the visible `child` rows pointing at each instance, as (parent, id) pairs (no
    model instance per related row)."""
    child = child.order_by(target.model._meta.pk.attname)

    def load(instances):
        ids = defaultdict(list)
        keys = [key_of(instance) for instance in instances]
        for parent, value in child.filter(**{f"{relation.remote_fk}__in": keys}).values_list(
            relation.remote_fk, target.id_field
        ):
            ids[parent].append(value)
        return lambda instance: ids.get(key_of(instance), [])

    return load


def _included_many(relation, target, child, key_of):
    """A loader: the visible `child` rows (a `Planned`) pointing at each instance, in primary key order."""
    queryset = child.queryset.order_by(target.model._meta.pk.attname)

    def load(instances):
        rows = defaultdict(list)
        keys = [key_of(instance) for instance in instances]
        for row in child.stream(queryset.filter(**{f"{relation.remote_fk}__in": keys})):
            rows[getattr(row.instance, relation.remote_fk)].append(row)
        return lambda instance: rows.get(key_of(instance), [])

    return load


def _included_one(field, target, child, as_of):
    """A loader: the visible `child` row (a `Planned`) each instance's foreign key `field` points at, or None."""
    key, target_key = field.attname, field.target_field.attname
    key_of = entity_key(target, target_key, as_of)

    def load(instances):
        keys = {getattr(instance, key) for instance in instances} - {None}
        rows = {}
        if keys:
            found = child.stream(child.queryset.filter(versions_of(target, target_key, keys, as_of, "__in")))
            rows = {key_of(row.instance): row for row in found}
        return lambda instance: rows.get(getattr(instance, key))

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
    """`queryset` narrowed with `.only()` and annotated with to-one linkage, and the `Plan` that reads the
    other linkage and the includes of its rows (one scoped query per relationship and batch of rows)."""
    include = query.include if include is None else include
    plan, linkage, needed, as_of = Plan(), {}, set(extra), query.as_of
    if as_of and resource.versioned:  # the entity of a history copy (see entity_key)
        needed.add("legacy_id")
    for relation in site.relations(resource).values():
        if relation.name not in include and not query.wants(resource.type, relation.name):
            continue  # (an included relationship is fetched even if the sparse fieldset leaves it out)
        target, included = site.resources[relation.target], relation.name in include
        field = resource.model._meta.get_field(relation.attr)
        fk = None if included else fk_linkage(resource, relation, target)
        if fk is not None:  # linkage from the row's own foreign key (see fk_linkage)
            plan.read_from(relation.name, fk.attname)
            continue
        child = rows(target, user, as_of)  # with `filter[asOf]`: the versions of that moment (api/README.md)
        if relation.many:
            parent_key = field.field.target_field.attname
            needed.add(parent_key)
            key_of = entity_key(resource, parent_key, as_of)
            if included:
                child = planned(site, target, user, query, child, include[relation.name], extra=(relation.remote_fk,))
                plan.loaders.append((relation.name, True, _included_many(relation, target, child, key_of)))
            else:  # ids, not rows
                plan.loaders.append((relation.name, False, _linkage_ids(relation, target, child, key_of)))
        elif included:
            key = field.target_field.attname
            child = planned(site, target, user, query, child, include[relation.name], extra=(key,))
            plan.loaders.append((relation.name, True, _included_one(field, target, child, as_of)))
        else:
            # the id of the related row if the caller may see it, in the same statement (a correlated
            # lookup by key, scoped by `visible`), instead of one more query per relationship
            lookup = child.filter(versions_of(target, field.target_field.attname, OuterRef(field.attname), as_of))
            name = linkage_annotation(relation)
            linkage[name] = _unless_null(
                field, Subquery(lookup.values(target.id_field)[:1]), target.model._meta.get_field(target.id_field)
            )
            plan.read_from(relation.name, name)
    queryset = queryset.only(*columns(site, resource, query, needed, include))
    return Planned(queryset.annotate(**linkage) if linkage else queryset, plan)
