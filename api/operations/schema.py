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


def _identifier(types, with_lid=True):
    keys = {"id": {"type": "string"}, **({"lid": {"type": "string"}} if with_lid else {})}
    return {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": types}, **keys}}


def _request(table):
    types = sorted(table)
    resource = {
        "type": "object",
        "required": ["type"],
        "properties": {
            "type": {"type": "string", "enum": types},
            "id": {"type": "string", "description": "update: the target; add: a client-generated UUID"},
            "lid": {"type": "string", "description": "add: a local id later operations reference"},
            "attributes": {"type": "object"},
            "relationships": {
                "type": "object",
                "description": "linkage may name `{type, lid}` of an earlier add instead of an id",
            },
        },
    }
    operation = {
        "type": "object",
        "required": ["op"],
        "properties": {
            "op": {"type": "string", "enum": list(OFFERED)},
            "ref": _identifier(types),
            "href": {"type": "string", "description": "/api/<type>[/<id>] instead of ref"},
            "data": resource,
            "meta": {
                "type": "object",
                "properties": {"ifMatch": {"type": "string", "description": "the ETag (update, remove)"}},
            },
        },
    }
    items = {"type": "array", "minItems": 1, "maxItems": documents.max_operations(), "items": operation}
    return {"type": "object", "required": [documents.MEMBER], "properties": {documents.MEMBER: items}}


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
            requestBody={"required": True, "content": {MEDIA_TYPE: {"schema": _request(table)}}},
            responses={
                "200": {"description": "One result per operation", "content": {MEDIA_TYPE: {"schema": _response()}}},
                "204": {"description": "Every operation was a remove."},
                **{code: {"description": text, "content": {MEDIA_TYPE: errors}} for code, text in ERRORS.items()},
            },
        )
        return operation
