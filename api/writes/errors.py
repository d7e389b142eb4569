"""The HTTP side of a refused write: JSON:API error objects with `source.pointer`, and the status.

A domain service (legacy.services) names problems by model field (`dob`, `family`, `head.chf_id`,
`__all__`); `pointer()` turns those names into the document's members (`/data/attributes/dob`,
`/data/relationships/family`, `/data/attributes/head/chfId`, `/data`).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from rest_framework import exceptions, status

from ..errors import error_object
from ..query import VERSION_FIELDS, camel


class DocumentError(exceptions.APIException):
    """A refused request document: one error object per problem, all of one status."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "invalid"

    def __init__(self, problems, status_code=None):
        """`problems`: [(pointer or None, message)]."""
        self.status_code = status_code or self.status_code
        self.error_objects = [
            error_object(self.status_code, message, self.default_code, pointer=pointer) for pointer, message in problems
        ]
        super().__init__("; ".join(message for _, message in problems))


class MalformedDocument(DocumentError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "malformed_document"

    def __init__(self, pointer, message):
        super().__init__([(pointer, message)])


class Conflict(DocumentError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, pointer, message):
        super().__init__([(pointer, message)])


class Forbidden(DocumentError):
    """JSON:API's 403 for a request the server does not support (a client-generated id where none is taken)."""

    status_code = status.HTTP_403_FORBIDDEN
    default_code = "forbidden"

    def __init__(self, pointer, message):
        super().__init__([(pointer, message)])


class RelatedNotFound(DocumentError):
    """JSON:API: a request referencing a related resource that does not exist (or is out of scope) is 404."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"

    def __init__(self, pointer, message):
        super().__init__([(pointer, message)])


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "This request needs an If-Match header with the ETag of the resource (GET it first)."
    default_code = "if_match_required"


class PreconditionFailed(exceptions.APIException):
    """412; the handler sends the current ETag so the client can re-read and retry."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since it was read (If-Match does not match its current ETag)."
    default_code = "stale"

    def __init__(self, current_etag):
        super().__init__()
        self.etag = current_etag


def public_name(resource, key):
    """The camelCase member name of model field `key` in `resource` (attribute or relationship), or None."""
    for name, source in {**resource.attributes, **VERSION_FIELDS}.items():
        if key == source:
            return camel(name)
    for relation in resource.relations:
        if key in (relation.attr, f"{relation.attr}_id"):
            return camel(relation.name)
    return None


def pointer(resource, key, nested=None):
    """The document member a service's field name refers to.

    `nested` maps an attribute holding another resource's values (a family's `head`) to that resource.
    """
    if key == NON_FIELD_ERRORS:
        return "/data"
    member, _, rest = key.partition(".")
    if rest and nested and member in nested:
        return f"/data/attributes/{camel(member)}/{public_name(nested[member], rest) or camel(rest)}"
    if key == "uuid":
        return "/data/id"
    name = public_name(resource, key)
    if name and any(camel(relation.name) == name for relation in resource.relations):
        return f"/data/relationships/{name}"
    return f"/data/attributes/{name or camel(key)}"


def unprocessable(resource, failure, nested=None, status_code=None):
    """A legacy.services ValidationFailed as 422 (or `status_code`) with one pointer per message."""
    return DocumentError(
        [(pointer(resource, key, nested), message) for key, messages in failure.errors.items() for message in messages],
        status_code,
    )
