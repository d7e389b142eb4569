"""OpenAPI of `POST /api/operations`, derived from the writable resources' `Writes` declarations."""

from drf_spectacular.openapi import AutoSchema

from ..writes import writes_of
from . import documents
from .negotiation import MEDIA_TYPE

OFFERED = {"add": "create", "update": "update", "remove": "delete"}


def offered(site):
    """{type: [op, ...]} of every type that offers an operation."""
    table = {}
    for type_, resource in site.resources.items():
        writes = writes_of(resource)
        ops = [op for op, service in OFFERED.items() if writes is not None and getattr(writes, service)]
        if ops:
            table[type_] = ops
    return table


NO_NUL = "^[^\\x00]+$"
UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def _text(description=None, pattern=NO_NUL):
    return {
        "type": "string",
        "minLength": 1,
        "pattern": pattern,
        **({"description": description} if description else {}),
    }


def _identifier(types):
    """`{type, id}` or `{type, lid}` (a local id of an earlier add)."""
    base = {"type": {"type": "string", "enum": types}}
    return {
        "oneOf": [
            {
                "type": "object",
                "required": ["type", key],
                "additionalProperties": False,
                "properties": {**base, key: _text()},
            }
            for key in ("id", "lid")
        ]
    }


def _resource(types, targets, creating):
    identifier = {**_identifier(targets), "nullable": True}
    linkage = {"type": "object", "required": ["data"], "properties": {"data": identifier}}
    properties = {
        "type": {"type": "string", "enum": types},
        "attributes": {"type": "object"},
        "relationships": {"type": "object", "additionalProperties": linkage},
        "meta": {"type": "object"},
    }
    if creating:
        properties["id"] = _text("a client-generated UUID (types that take one)", UUID)
        properties["lid"] = _text("a local id later operations reference")
    return {"type": "object", "required": ["type"], "additionalProperties": False, "properties": properties}


def _request(table, targets):
    types = sorted(table)
    meta = {"type": "object", "properties": {"ifMatch": {"type": "string", "description": "the ETag"}}}
    href = {"type": "string", "pattern": f"^/api/({'|'.join(types)})/[^/\\x00]+$", "description": "instead of ref"}

    def operation(op, required, **properties):
        schema = {"op": {"type": "string", "enum": [op]}, "meta": meta, **properties}
        return {"type": "object", "required": ["op", *required], "additionalProperties": False, "properties": schema}

    operations = {
        "oneOf": [
            operation("add", ["data"], data=_resource(types, targets, True)),
            operation("update", ["ref", "data"], ref=_identifier(types), data=_resource(types, targets, False)),
            operation("remove", ["ref"], ref=_identifier(types)),
            operation("remove", ["href"], href=href),
        ]
    }
    items = {"type": "array", "minItems": 1, "maxItems": documents.max_operations(), "items": operations}
    return {
        "type": "object",
        "required": [documents.MEMBER],
        "additionalProperties": False,
        "properties": {documents.MEMBER: items, "meta": {"type": "object"}},
    }


def _response():
    result = {
        "type": "object",
        "properties": {
            "data": {"$ref": "#/components/schemas/JsonApiResource"},
            "meta": {"type": "object", "properties": {"etag": {"type": "string"}}},
        },
    }
    return {
        "type": "object",
        "required": ["atomic:results"],
        "properties": {"atomic:results": {"type": "array", "items": result}, "jsonapi": {"type": "object"}},
    }


ERRORS = {
    "400": "Malformed document or operation; source.pointer is under /atomic:operations/<n>.",
    "403": "A type or relationship that does not offer the operation, or no right for it.",
    "404": "A target or related row that does not exist or is outside the caller's write scope.",
    "405": "LEGACY_READ_ONLY is on.",
    "406": "Accept asks for another extension.",
    "409": "A type/id conflict or a client id that exists; a remove of a row still in use.",
    "412": "meta.ifMatch does not match the current ETag.",
    "413": "More operations than API_ATOMIC_MAX_OPERATIONS.",
    "415": "Content-Type is not the atomic extension's media type.",
    "422": "Invalid values.",
    "428": "meta.ifMatch missing on update/remove while API_REQUIRE_IF_MATCH is on.",
}


class OperationsSchema(AutoSchema):
    def get_request_serializer(self):
        return None

    def get_response_serializers(self):
        return None

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        table = offered(self.view.site)
        listing = "; ".join(f"{type_}: {', '.join(ops)}" for type_, ops in sorted(table.items()))
        errors = {"schema": {"$ref": "#/components/schemas/JsonApiErrors"}}
        operation.update(
            operationId="operations",
            summary="Atomic operations (JSON:API extension https://jsonapi.org/ext/atomic)",
            description=(
                "All operations in one legacy transaction, in order; the first refused one rolls back all. "
                f"Offered: {listing}. See api/README.md (an enrolment example)."
            ),
            tags=["operations"],
            requestBody={
                "required": True,
                "content": {MEDIA_TYPE: {"schema": _request(table, sorted(self.view.site.resources))}},
            },
            responses={
                "200": {"description": "One result per operation", "content": {MEDIA_TYPE: {"schema": _response()}}},
                "204": {"description": "Every operation was a remove."},
                **{code: {"description": text, "content": {MEDIA_TYPE: errors}} for code, text in ERRORS.items()},
            },
        )
        return operation
