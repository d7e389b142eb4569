"""The aggregate request as a declared value: groups (dotted paths over to-one relationships) and metrics.

A group path names an attribute or a to-one relationship of the resource, or of a resource reached through
to-one relationships (`family.location`, `family.location.parent.parent` for an insuree's district). A
relationship's group value is the related resource's id.
"""

from dataclasses import dataclass

from django.db import models

from ..errors import QueryParameterError
from ..query import camel, public_columns, snake

MAX_GROUPS = 3
MAX_HOPS = 4  # relationships followed by one path (an insuree's district is four)
RESERVED = ("count", "sum", "avg", "suppressed")  # the document's own attributes
NUMERIC = (models.IntegerField, models.DecimalField, models.FloatField)  # IntegerField covers Small/Big


@dataclass(frozen=True)
class Hop:
    """One to-one relationship followed: the foreign key on the row we come from, and the resource it reaches."""

    fk: models.Field
    target: object  # api.registry.Resource


@dataclass(frozen=True)
class Group:
    """One `group` path: the relationships followed (`hops`) and what is read at the end: an attribute's model
    field, or (`field` None) the id of the last hop's target."""

    path: str  # as the client wrote it (camelCase, dotted)
    hops: tuple
    field: models.Field | None

    @property
    def keys(self):
        """Where the value is written in a document: a relationship's id under `id` (`family.location` ->
        family, location, id), so that `family` and `family.location` can be grouped together."""
        return (*self.path.split("."), *(() if self.field is not None else ("id",)))


@dataclass(frozen=True)
class Metric:
    function: str  # sum | avg
    attribute: str  # camelCase
    field: models.Field


@dataclass(frozen=True)
class AggregateSpec:
    groups: tuple
    metrics: tuple


def parse(params, resource, site):
    """`group`, `sum`, `avg` of the query string (400 with `source.parameter` when wrong)."""
    names = [name for name in params.get("group", "").split(",") if name]
    if not names:
        raise QueryParameterError("group", "group is required: attributes or to-one relationships, comma-separated")
    if len(names) > MAX_GROUPS:
        raise QueryParameterError("group", f"at most {MAX_GROUPS} groups")
    if len(set(names)) < len(names):
        raise QueryParameterError("group", "a group is named twice")
    groups = tuple(_group(".".join(camel(part) for part in name.split(".")), resource, site) for name in names)
    if len({group.path for group in groups}) < len(groups):
        raise QueryParameterError("group", "a group is named twice")
    if any(group.keys[0] in RESERVED for group in groups):
        raise QueryParameterError("group", f"{', '.join(RESERVED)} cannot be group names")
    metrics = tuple(
        _metric(function, name, resource)
        for function in ("sum", "avg")
        for name in params.get(function, "").split(",")
        if name
    )
    return AggregateSpec(groups, metrics)


def _group(path, resource, site):
    parts = path.split(".")
    if len(parts) > MAX_HOPS + 1:
        raise QueryParameterError("group", f"group paths follow at most {MAX_HOPS} relationships")
    hops, current = [], resource
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        relation = _by_camel(site.relations(current)).get(part)  # camelCase names do not all map back by snake()
        if relation is not None and not relation.many:
            hops.append(Hop(current.model._meta.get_field(relation.attr), site.resources[relation.target]))
            current = site.resources[relation.target]
            continue
        column = _by_camel(public_columns(current)).get(part)
        if last and column is not None:
            return Group(path, tuple(hops), current.model._meta.get_field(column))
        raise QueryParameterError("group", f"{current.type} has no attribute or to-one relationship {part!r}")
    return Group(path, tuple(hops), None)


def metric_field(resource, name):
    """The model field of a numeric attribute (snake_case `name`) that can be summed, or None."""
    column = public_columns(resource).get(name)
    field = resource.model._meta.get_field(column) if column and name != "audit_user_id" else None
    return field if isinstance(field, NUMERIC) and not field.is_relation else None


def _by_camel(named):
    return {camel(name): value for name, value in named.items()}


def _metric(function, name, resource):
    name = next((n for n in public_columns(resource) if camel(n) == camel(name)), snake(name))
    field = metric_field(resource, name)
    if field is None:
        raise QueryParameterError(function, f"{function} takes numeric attributes of {resource.type}: not {name!r}")
    return Metric(function, camel(snake(name)), field)
