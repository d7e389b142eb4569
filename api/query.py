"""Parse and validate the JSON:API query parameters once per request (400 with `source.parameter`)."""

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.filters import search_smart_split
from rest_framework_json_api.utils import format_value, undo_format_field_name

from .errors import QueryParameterError

FAMILY = re.compile(r"^(fields|filter|page)\[([A-Za-z0-9_.\-]*)\]$")
PLAIN = {"include", "sort", "format", "bom"}
FLAGS = {"1": True, "true": True, "0": False, "false": False}
PAGE = {"number", "size", "after"}


@lru_cache(maxsize=4096)
def camel(name):
    return format_value(name, "camelize")


def snake(name):
    return undo_format_field_name(name)


VERSION_FIELDS = {"valid_from": "validity_from", "valid_to": "validity_to", "audit_user_id": "audit_user_id"}


def public_columns(resource):
    """Public attribute name -> model field, history columns included."""
    return {**resource.attributes, **(VERSION_FIELDS if resource.versioned else {})}


@dataclass
class Query:
    fields: dict = field(default_factory=dict)  # type -> set of snake_case names
    include: dict = field(default_factory=dict)  # nested tree of snake_case relation names
    sort: list = field(default_factory=list)  # ORM order_by terms
    page: dict = field(default_factory=dict)
    as_of: datetime.datetime | None = None
    bom: bool = False  # CSV: start with a UTF-8 byte order mark

    def wants(self, type_, name):
        """Is `name` (attribute or relationship) of `type_` in the sparse fieldset, if any?"""
        return type_ not in self.fields or name in self.fields[type_]


def parse(params, resource, site, list_view=True):
    query = Query()
    for key, values in params.lists():
        if "\x00" in key or any("\x00" in value for value in values):  # no legacy text column can hold NUL
            raise QueryParameterError(key.replace("\x00", ""), "NUL characters are not allowed")
    for key in params:
        if len(params.getlist(key)) > 1:
            raise QueryParameterError(key, f"repeated query parameter not allowed: {key}")
        match = FAMILY.match(key)
        if key in PLAIN:
            continue
        if not match or (match.group(1) == "page" and match.group(2) not in PAGE) or not match.group(2):
            raise QueryParameterError(key, f"unknown query parameter: {key}")
        if not list_view and match.group(1) in ("filter", "page") and key != "filter[asOf]":
            raise QueryParameterError(key, f"{key} applies to lists only")
    _bound_filter_values(params)
    for key in params:
        match = FAMILY.match(key)
        if match and match.group(1) == "fields":
            query.fields[match.group(2)] = _fieldset(key, match.group(2), params[key], site)
        elif match and match.group(1) == "page":
            query.page[match.group(2)] = params[key]
    if params.get("include"):  # `include=` (empty): nothing included
        for path in params["include"].split(","):
            _add_include(query.include, path, resource, site)
    if "sort" in params:
        query.sort = _sort(params["sort"], resource)
    if "bom" in params:
        if params["bom"] not in FLAGS:
            raise QueryParameterError("bom", "bom must be 1, 0, true or false")
        query.bom = FLAGS[params["bom"]]
    if "filter[asOf]" in params:
        query.as_of = _moment(params["filter[asOf]"])
    return query


def _bound_filter_values(params):
    """At most API_MAX_FILTER_VALUES (100) values in all filters of a request together (`in` lists, relation
    ids, search terms): each becomes one or more statement parameters (an id two: both cases; a search
    term one per search field), and SQL Server refuses a statement of more than 2,100 parameters."""
    limit, total = getattr(settings, "API_MAX_FILTER_VALUES", 100), 0
    for key in params:
        if key.startswith("filter["):
            value = params[key]
            total += len(search_smart_split(value)) if key == "filter[search]" else value.count(",") + 1
            if total > limit:
                raise QueryParameterError(key, f"at most {limit} filter values per request (all filters together)")


def public_relations(site, resource):
    """{camelCase member name: Relation} of the enabled relationships: names are matched exactly."""
    return {camel(name): relation for name, relation in site.relations(resource).items()}


def _fieldset(key, type_, value, site):
    target = site.resources.get(type_)
    if target is None:
        raise QueryParameterError(key, f"unknown resource type: {type_}")
    known = {camel(name): name for name in site.field_names(target)}
    wanted = [name for name in value.split(",") if name]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise QueryParameterError(key, f"unknown fields of {type_}: {', '.join(sorted(unknown))}")
    return {known[name] for name in wanted}


def _add_include(tree, path, resource, site):
    node, current = tree, resource
    depth = getattr(settings, "API_MAX_INCLUDE_DEPTH", 3)
    if path.count(".") >= depth:  # each level is one more scoped query: bound the work per request
        raise QueryParameterError("include", f"include paths are limited to {depth} levels")
    for part in path.split("."):
        relation = public_relations(site, current).get(part)
        if relation is None:
            raise QueryParameterError("include", f"{current.type} has no relationship {part!r} to include")
        node = node.setdefault(relation.name, {})
        current = site.resources[relation.target]


def _sort(value, resource):
    terms = []
    keys = {camel(name): name for name in ("id", *resource.sort)}
    for key in value.split(",") if value else ():  # `sort=` (empty): the default order, like `include=`
        descending = key.startswith("-")
        name = keys.get(key[1:] if descending else key)  # exact names: no `--x`, no empty `x,,`, no `LastName`
        if name is None:
            raise QueryParameterError("sort", f"unknown sort key: {key!r}")
        column = resource.id_field if name == "id" else public_columns(resource).get(name, name)
        terms.append(("-" if descending else "") + column)
    return terms


def _moment(value):
    try:
        moment = parse_datetime(value) or parse_date(value)
    except ValueError:
        moment = None
    if moment is None:
        raise QueryParameterError("filter[asOf]", "filter[asOf] must be an ISO 8601 date or date-time")
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time.min)
    return moment.replace(tzinfo=None)
