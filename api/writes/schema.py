"""OpenAPI for the write operations: request documents, ETag/If-Match and the error responses.

The read serializers are all read-only, so the request body is described from the resource declaration
(the same names `api.writes.documents` accepts).
"""

from django.db import models
from drf_spectacular.plumbing import ResolvedComponent

from ..negotiation import JSONAPI
from ..openapi import NO_NUL
from ..query import camel
from ..schema import ResourceSchema

ETAG = {"ETag": {"schema": {"type": "string"}, "description": "The version's tag, for If-Match."}}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "schema": {"type": "string"},
    "description": "ETag of the version the change is based on (required unless API_REQUIRE_IF_MATCH=false).",
}
ERRORS = {
    "400": "Malformed document.",
    "403": "The caller lacks the legacy right for this method.",
    "404": "No such resource within the caller's scope (also a related resource the document names).",
    "405": "Writes are off (LEGACY_READ_ONLY).",
    "409": "The document's type or id does not match the endpoint, or the row is still in use (DELETE).",
    "412": "If-Match does not match the current version; the response carries the current ETag.",
    "422": "Invalid values; each error points at its member with source.pointer.",
    "428": "If-Match is missing.",
}
ERROR_DOCUMENT = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "status": {"type": "string"},
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                    "source": {"type": "object", "properties": {"pointer": {"type": "string"}}},
                },
            },
        }
    },
}


def column_schema(model_field):
    target = model_field.target_field if model_field.is_relation else model_field
    if isinstance(target, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(target, (models.IntegerField, models.AutoField)):
        schema = {"type": "integer"}
    elif isinstance(target, (models.DecimalField, models.FloatField)):
        schema = {"type": "number"}
    elif isinstance(target, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(target, models.DateField):
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
        if getattr(target, "max_length", None):
            schema["maxLength"] = target.max_length
    if model_field.null:
        schema["nullable"] = True
    return schema


def attributes_schema(resource, exclude=()):
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            camel(name): column_schema(resource.model._meta.get_field(source))
            for name, source in resource.attributes.items()
            if name not in exclude
        },
    }


class WriteSchema(ResourceSchema):  # keeps the read routes' unique operation ids
    def _write_method(self):
        return self.method in ("POST", "PATCH", "DELETE")

    def _get_parameters(self):
        parameters = super()._get_parameters()
        if self.method in ("PATCH", "DELETE"):
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_request_body(self, direction="request"):
        if self.method not in ("POST", "PATCH"):
            return super()._get_request_body(direction)
        action = getattr(self.view, "action", None)
        if action in getattr(self.view, "action_rights", {}):  # workflow endpoints declare their documents
            schema = getattr(self.view, "action_schemas", {}).get(action)
            if schema is None:
                return {"content": {JSONAPI: {"schema": {"type": "object"}}}, "required": False}
            return {"content": {JSONAPI: {"schema": schema}}, "required": True}
        view, resource = self.view, self.view.resource
        attributes = attributes_schema(resource, view.writes.read_only)
        if self.method == "POST":
            for name, (type_, excluded) in view.writes.nested.items():
                nested = view.site.resources[type_]
                schema = attributes_schema(nested, excluded)
                for relation in view.site.relations(nested).values():
                    if not relation.many and relation.name not in excluded:
                        schema["properties"][camel(relation.name)] = {
                            "type": "string",
                            "nullable": True,
                            "pattern": NO_NUL,
                            "description": f"id of a {relation.target} resource",
                        }
                attributes["properties"][camel(name)] = schema
        relations = view.site.relations(resource)
        relationships = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                camel(name): {
                    "type": "object",
                    "required": ["data"],
                    "properties": {
                        "data": {
                            "type": "object",
                            "nullable": True,
                            "required": ["type", "id"],
                            "properties": {
                                "type": {"type": "string", "enum": [relations[name].target]},
                                "id": {"type": "string", "pattern": NO_NUL},
                            },
                        }
                    },
                }
                for name in view.writes.relations
                if name in relations
            },
        }
        data = {
            "type": "object",
            "required": ["type"] if self.method == "POST" else ["type", "id"],
            "properties": {
                "type": {"type": "string", "enum": [resource.type]},
                "attributes": attributes,
                "relationships": relationships,
            },
        }
        if self.method == "PATCH":
            data["properties"]["id"] = {"type": "string", "pattern": NO_NUL}
        body = {"type": "object", "required": ["data"], "properties": {"data": data}}
        return {"content": {JSONAPI: {"schema": body}}, "required": True}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET" and getattr(self.view, "action", None) == "retrieve":
            for code in ("200",):
                if code in responses:
                    responses[code].setdefault("headers", {}).update(ETAG)
        if not self._write_method():
            return responses
        for code in ("200", "201"):
            if code in responses:
                responses[code].setdefault("headers", {}).update(ETAG)
        component = ResolvedComponent(
            name="WriteErrorDocument", type=ResolvedComponent.SCHEMA, schema=ERROR_DOCUMENT, object="WriteErrorDocument"
        )
        self.registry.register_on_missing(component)
        workflow = getattr(self.view, "action", None) in getattr(self.view, "action_rights", {})
        wanted = set(ERRORS) - (
            {"428", "412"}
            if self.method == "POST" and not workflow  # workflow steps check If-Match like PATCH
            else {"400", "422"}
            if self.method == "DELETE"
            else set()
        )
        for code in sorted(wanted):
            response = {"description": ERRORS[code], "content": {JSONAPI: {"schema": component.ref}}}
            if code == "412":
                response["headers"] = dict(ETAG)
            responses[code] = response
        return responses
