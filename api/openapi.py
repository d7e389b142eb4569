"""OpenAPI post-processing: document the responses the API really sends.

drf-spectacular (with its JSON:API extension) documents lists as bare arrays, to-one linkage as
non-nullable with integer ids, a related endpoint as the parent's type, the JSON/XML/CSV formats as
JSON:API resource objects, and no error at all. Clients and contract tests (schemathesis, see
robust/) rely on the schema, so every resource operation is rewritten here from the resource
declarations: JSON:API documents per endpoint kind, the plain formats, and JSON:API error documents.
"""

import re

from .aggregates import schema as aggregate_schema
from .filters import AS_OF_PARAMETER
from .negotiation import JSONAPI
from .query import camel
from .registry import load_modules, versions_type, with_versions

RESOURCE_PATH = re.compile(r"^/api/(?P<type>[a-z-]+)/(?P<rest>.*)$")
ERRORS = {
    400: "Invalid query parameter or document.",
    401: "Not authenticated.",
    403: "No right for this.",
    404: "No such resource (or not visible to the caller).",
    405: "Method not allowed.",
    406: "No acceptable media type.",
    415: "Unsupported media type.",
    503: "Database unavailable; retry.",
}
NAIVE_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"
ID = {"type": "string"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _components():
    identifier = {"type": "object", "required": ["type", "id"], "properties": {"type": {"type": "string"}, "id": ID}}
    resource = {
        "type": "object",
        "required": ["type", "id"],
        "properties": {
            "type": {"type": "string"},
            "id": ID,
            "attributes": {"type": "object"},
            "relationships": {"type": "object"},
            "links": {"type": "object"},
        },
    }
    error = {
        "type": "object",
        "required": ["status", "title"],
        "properties": {
            "status": {"type": "string"},
            "title": {"type": "string"},
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "source": {"type": "object"},
        },
    }
    return {
        "JsonApiIdentifier": identifier,
        "JsonApiResource": resource,
        "JsonApiErrors": {
            "type": "object",
            "required": ["errors"],
            "properties": {"errors": {"type": "array", "items": _ref("JsonApiError")}, "jsonapi": {"type": "object"}},
        },
        "JsonApiError": error,
        "JsonApiRelated": {
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {
                    "oneOf": [{**_ref("JsonApiResource")}, {"type": "array", "items": _ref("JsonApiResource")}],
                    "nullable": True,
                },
                "included": {"type": "array", "items": _ref("JsonApiResource")},
                "links": {"type": "object"},
                "meta": {"type": "object"},
                "jsonapi": {"type": "object"},
            },
        },
        "JsonApiRelationship": {
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {
                    "oneOf": [_ref("JsonApiIdentifier"), {"type": "array", "items": _ref("JsonApiIdentifier")}],
                    "nullable": True,
                },
                "links": {"type": "object"},
                "jsonapi": {"type": "object"},
            },
        },
        "PlainList": {
            "type": "object",
            "required": ["results"],
            "properties": {
                "results": {"type": "array", "items": {"type": "object"}},
                "links": {"type": "object"},
                "meta": {"type": "object"},
            },
        },
    }


def _resource_schema(resource, types, generated):
    """A resource object of `resource` with its attributes as generated and its linkage as sent."""
    relationships = {}
    for rel in resource.relations:
        if rel.target not in types:
            continue
        linkage = {
            "type": "object",
            "required": ["type", "id"],
            "properties": {"type": {"type": "string", "enum": [rel.target]}, "id": ID},
        }
        data = {"type": "array", "items": linkage} if rel.many else {**linkage, "nullable": True}
        relationships[camel(rel.name)] = {
            "type": "object",
            "properties": {"data": data, "links": {"type": "object"}, "meta": {"type": "object"}},
        }
    attributes = dict(generated.get("properties", {}).get("attributes", {"type": "object"}))
    attributes["properties"] = {k: _as_sent(v) for k, v in attributes.get("properties", {}).items() if k != "id"}
    return {
        "type": "object",
        "required": ["type", "id"],
        "additionalProperties": False,
        "properties": {
            "type": {"type": "string", "enum": [resource.type]},
            "id": ID,
            "attributes": attributes,
            "relationships": {"type": "object", "properties": relationships},
            "links": {"type": "object"},
            "meta": {"type": "object"},
        },
    }


def _as_sent(schema):
    """Attribute types as rendered: decimals are JSON numbers, date-times naive local time (USE_TZ off)."""
    if "anyOf" in schema or "oneOf" in schema:
        choices = [_as_sent(choice) for choice in schema.get("anyOf", schema.get("oneOf"))]
        real = [c for c in choices if c.get("enum") != [None] and c.get("type") != "null"]
        if len(real) == 1 and len(choices) == 2:
            return {**real[0], "nullable": True}
        return {**schema, "anyOf": choices}
    if schema.get("format") == "decimal":
        keep = {k: v for k, v in schema.items() if k in ("nullable", "readOnly", "description")}
        return {"type": "number", **keep}
    if schema.get("format") == "date-time":
        keep = {k: v for k, v in schema.items() if k not in ("format",)}
        return {**keep, "pattern": NAIVE_DATETIME, "description": "Naive local time of the legacy data."}
    return schema


def _content(jsonapi, plain):
    return {
        JSONAPI: {"schema": jsonapi},
        "application/json": {"schema": plain},
        "application/xml": {"schema": {"type": "string"}},
        "text/csv": {"schema": {"type": "string"}},
    }


def _document(data, many):
    return {
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": {"type": "array", "items": data} if many else data,
            "included": {"type": "array", "items": _ref("JsonApiResource")},
            "links": {"type": "object"},
            "meta": {"type": "object"},
            "jsonapi": {"type": "object"},
        },
    }


def _success(kind, name):
    one = _ref(name)
    if kind == "list":
        return _content(_document(one, True), _ref("PlainList"))
    if kind == "history":
        return _content(_document(one, True), {"type": "array", "items": {"type": "object"}})
    if kind == "detail":
        return _content(_document(one, False), {"type": "object"})
    if kind == "related":
        return _content(_ref("JsonApiRelated"), {"type": "object", "nullable": True})
    return _content(_ref("JsonApiRelationship"), {"type": "object"})


def _kind(rest):
    parts = [p for p in rest.split("/") if p]
    if not parts:
        return "list"
    if parts == ["aggregate"]:
        return "aggregate"
    if len(parts) == 1:
        return "detail"
    if parts[1] == "history":
        return "history"
    return "relationships" if parts[1] == "relationships" else "related"


def _errors():
    body = {"schema": _ref("JsonApiErrors")}
    content = {JSONAPI: body, "application/json": body, "application/xml": {"schema": {"type": "string"}}}
    return {str(code): {"description": text, "content": content} for code, text in ERRORS.items()}


def document_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK (see the module docstring)."""
    resources = with_versions(r for module in load_modules() for r in module.resources)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.update(_components())
    types = {m.group("type") for m in map(RESOURCE_PATH.match, result.get("paths", {})) if m}
    for path in [p for p in result.get("paths", {}) if "{related_field}" in p]:
        match = RESOURCE_PATH.match(path)
        resource = resources.get(match.group("type")) if match else None
        if resource is not None and not any(rel.target in types for rel in resource.relations):
            del result["paths"][path]  # a resource without relationships: these URLs can only answer 404
    for path in list(result.get("paths", {})):
        match = RESOURCE_PATH.match(path)
        resource = resources.get(match.group("type")) if match else None
        if resource is not None and resource.history_of:
            del result["paths"][path]  # versions: documented by their entity's /history (keeps the schema small)
    for path, operations in result.get("paths", {}).items():
        match = RESOURCE_PATH.match(path)
        resource = resources.get(match.group("type")) if match else None
        literal = [p for p in path.split("/") if p][-1]
        if resource is not None and "{" not in literal and any(camel(r.name) == literal for r in resource.relations):
            # an action sharing its URL with a related endpoint (claims/{id}/feedback): its GET is the generic
            # {related_field} one, documented there
            operations.pop("get", None)
    for path in [p for p in result.get("paths", {}) if p.endswith("/history/")]:
        resource = resources.get(RESOURCE_PATH.match(path).group("type"))
        if resource is not None and not resource.versioned:
            del result["paths"][path]  # reference lists keep no history: always 404
    for path, operations in result.get("paths", {}).items():
        match = RESOURCE_PATH.match(path)
        resource = resources.get(match.group("type")) if match else None
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if resource is not None and method == "get" and _kind(match.group("rest")) == "aggregate":
                aggregate_schema.rewrite(operation, resource)
            elif resource is not None and method == "get":
                if _kind(match.group("rest")) == "history":  # entries are `<singular>-versions` resources
                    resource = resources[versions_type(resource.type)]
                name = resource.class_name("Resource")
                generated = components.get(resource.class_name(), {})  # drf-spectacular's, named after the serializer
                components.setdefault(name, _resource_schema(resource, types, generated))
                kept = {k: v for k, v in operation["responses"].get("200", {}).items() if k == "headers"}  # ETag
                operation["responses"] = {
                    "200": {"description": "", "content": _success(_kind(match.group("rest")), name), **kept}
                }
                _enumerate_related_field(operation, resource, types)
                if resource.versioned and _kind(match.group("rest")) in ("detail", "related", "relationships"):
                    _add_as_of(operation)  # the list's filter backend documents it on lists only
                if _kind(match.group("rest")) in ("related", "relationships", "history"):  # they apply to the
                    operation["parameters"] = [  # target (versions) type; relationships: linkage only (include 400)
                        p
                        for p in operation.get("parameters", [])
                        if p.get("name") != "include" and not p.get("name", "").startswith("fields[")
                    ]
            _non_empty_filters(operation)
            _closed_request_documents(operation)
            for code, response in _errors().items():
                operation["responses"].setdefault(code, response)
            for code, response in operation["responses"].items():
                content = response.get("content") or {}
                if code[0] in "45" and content:  # errors follow the negotiated format
                    content.setdefault("application/json", content.get(JSONAPI, {"schema": _ref("JsonApiErrors")}))
                    content.setdefault("application/xml", {"schema": {"type": "string"}})
            _no_nul(operation)
    return result


def _add_as_of(operation):
    parameters = operation.setdefault("parameters", [])
    if not any(p.get("name") == AS_OF_PARAMETER["name"] for p in parameters):
        parameters.append(dict(AS_OF_PARAMETER))


def _enumerate_related_field(operation, resource, types):
    names = [camel(rel.name) for rel in resource.relations if rel.target in types]
    for parameter in operation.get("parameters", []):
        items = parameter.get("schema", {}).get("items", {})
        if parameter.get("name", "").startswith("fields[") and "enum" in items:
            items["enum"] = [name for name in items["enum"] if name != "id"]  # `id` is not a field (JSON:API)
        if parameter.get("in") == "path" and parameter.get("name") == "related_field":
            parameter["schema"] = {"type": "string", "enum": names} if names else {"type": "string"}


def _non_empty_filters(operation):
    """An empty `filter[...]` value is a 400 (there is nothing to compare with): say so in the schema."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter.get("in") == "query" and parameter.get("name", "").startswith("filter["):
            target = schema.get("items", {}) if schema.get("type") == "array" else schema
            if target.get("type") == "number":  # django-filter's number field refuses |x| > 1e50 (a 400)
                target.setdefault("maximum", 1e50)
                target.setdefault("minimum", -1e50)
            if schema.get("type") == "array":
                schema["minItems"] = 1
                schema.setdefault("items", {}).setdefault("minLength", 1)
            elif schema.get("type", "string") == "string" and "enum" not in schema:
                schema["minLength"] = 1


def _closed_request_documents(operation):
    """Write documents reject unknown members of `data` (400): the schema must not allow them."""
    for media in operation.get("requestBody", {}).get("content", {}).values():
        data = media.get("schema", {}).get("properties", {}).get("data", {})
        if data.get("type") == "object" and "properties" in data:
            data.setdefault("additionalProperties", False)


NO_NUL = "^[^\\x00]*$"  # no legacy text column can hold NUL (PostgreSQL refuses it): such input is a 400


def _no_nul(operation):
    """No legacy text column can hold NUL: text parameters containing it are a 400, so say so."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        target = schema.get("items", {}) if schema.get("type") == "array" else schema
        if (
            parameter.get("in") in ("query", "path")
            and target.get("type", "string") == "string"
            and "enum" not in target
            and "pattern" not in target
        ):
            target["pattern"] = NO_NUL
