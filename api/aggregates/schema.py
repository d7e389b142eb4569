"""OpenAPI of `GET /api/<type>/aggregate`: its parameters (from the resource declaration) and its document."""

from drf_spectacular.utils import OpenApiParameter

from ..query import camel, public_columns
from .spec import MAX_GROUPS, RESERVED, metric_field

DROPPED = ("include", "sort")  # list parameters the aggregate does not take (also fields[...] and page[...])


def _array(names, **extra):
    return {"type": "array", "items": {"type": "string", "enum": names}, "minItems": 1, "uniqueItems": True, **extra}


def group_paths(site, resource):
    """Attributes and to-one relationships, and those one relationship further (longer paths are accepted too)."""
    names = [camel(name) for name in public_columns(resource) if name not in RESERVED]
    for relation in site.relations(resource).values():
        if relation.many:
            continue
        names.append(camel(relation.name))
        target = site.resources[relation.target]
        names += [f"{camel(relation.name)}.{camel(name)}" for name in public_columns(target)]
        names += [f"{camel(relation.name)}.{camel(r.name)}" for r in site.relations(target).values() if not r.many]
    return sorted(names)


def numeric_attributes(resource):
    return sorted(camel(name) for name in public_columns(resource) if metric_field(resource, name) is not None)


def parameters(view):
    resource = view.resource
    result = [
        OpenApiParameter(
            "group",
            _array(group_paths(view.site, resource), maxItems=MAX_GROUPS),
            OpenApiParameter.QUERY,
            required=True,
            explode=False,
            description=f"Up to {MAX_GROUPS} attributes or to-one relationships, dotted paths allowed "
            "(family.location.parent.parent: an insuree's district).",
        )
    ]
    numeric = numeric_attributes(resource)
    for function in ("sum", "avg") if numeric else ():
        result.append(
            OpenApiParameter(
                function, _array(numeric), OpenApiParameter.QUERY, explode=False, description=f"{function} of these"
            )
        )
    return result


def document(resource):
    """The 200 response: `<type>-aggregates` resources (JSON:API), `results` rows (JSON/XML), CSV rows."""
    item = {
        "type": "object",
        "required": ["type", "id", "attributes"],
        "properties": {
            "type": {"type": "string", "enum": [f"{resource.type}-aggregates"]},
            "id": {"type": "string"},
            "attributes": {
                "type": "object",
                "description": "group values nested by path (a relationship's as {id}), count, sum, avg, "
                "suppressed (count, sum and avg are null when the group is below API_AGGREGATE_MIN_CELL)",
                "properties": {
                    "count": {"type": "integer", "nullable": True},
                    "sum": {"type": "object"},
                    "avg": {"type": "object"},
                    "suppressed": {"type": "boolean"},
                },
            },
        },
    }
    jsonapi = {
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": {"type": "array", "items": item},
            "links": {"type": "object"},
            "meta": {"type": "object"},
        },
    }
    plain = {"type": "object", "properties": {"results": {"type": "array", "items": {"type": "object"}}}}
    return {
        "description": "",
        "content": {
            "application/vnd.api+json": {"schema": jsonapi},
            "application/json": {"schema": plain},
            "application/xml": {"schema": {"type": "string"}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }


def rewrite(operation, resource):
    """Post-processing of an aggregate operation (api.openapi): its document, no include/sort/fields/pages."""
    operation["responses"] = {"200": document(resource)}
    operation["parameters"] = [
        p
        for p in operation.get("parameters", [])
        if p.get("name") not in DROPPED and not p.get("name", "").startswith(("fields[", "page["))
    ]
