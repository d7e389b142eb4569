"""The API's error vocabulary: JSON:API error documents for every failure, including the ones DRF does not
turn into responses (unexpected exceptions -> 500, an unreachable database -> 503), and the refusals of
reads (a bad query parameter) and writes (a refused document, If-Match missing or stale)."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class QueryParameterError(exceptions.ParseError):
    """400 for a bad query parameter; the error object points at it with `source.parameter`."""

    def __init__(self, parameter, detail):
        super().__init__(detail)
        self.parameter = parameter


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable; retry later."
    default_code = "service_unavailable"


TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    428: "Precondition Required",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def error_object(status_code, detail, code=None, parameter=None, pointer=None):
    error = {"status": str(status_code), "title": TITLES.get(status_code, "Error"), "detail": str(detail)}
    if code:
        error["code"] = str(code)
    if parameter is not None:
        error["source"] = {"parameter": parameter}
    elif pointer is not None:
        error["source"] = {"pointer": pointer}
    return error


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


class OutsideWriteScope(DocumentError):
    """A new row the caller could not write once it exists (a region created by a district clerk)."""

    status_code = status.HTTP_403_FORBIDDEN
    default_code = "permission_denied"

    def __init__(self, message):
        super().__init__([("/data", message)])


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


def _flatten(detail, pointer=""):
    """Yield (pointer, message, code) from DRF's nested error details."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, f"{pointer}/{key}" if key != "non_field_errors" else pointer)
    elif isinstance(detail, list):
        for value in detail:
            yield from _flatten(value, pointer)
    else:
        yield pointer, detail, getattr(detail, "code", None)


def errors_for(exc):
    if getattr(exc, "error_objects", None):  # built with their pointers (DocumentError)
        return exc.error_objects
    parameter = getattr(exc, "parameter", None)
    if parameter is not None or not isinstance(exc.detail, (dict, list)):
        return [error_object(exc.status_code, exc.detail, getattr(exc.detail, "code", None), parameter)]
    return [
        error_object(exc.status_code, message, code, pointer=f"/data/attributes{pointer}" if pointer else None)
        for pointer, message, code in _flatten(exc.detail)
    ]


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: always answers with `{"errors": [...]}` (never re-raises)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, OperationalError):
        logger.warning("database unavailable: %s", exc)
        exc = ServiceUnavailable()
    if not isinstance(exc, exceptions.APIException):
        logger.exception("unhandled error in %s", context.get("view"), exc_info=exc)
        return Response({"errors": [error_object(500, "An unexpected error occurred.")]}, status=500)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "etag", None):  # 412: the current version's tag, so the client can re-read
        headers["ETag"] = f'"{exc.etag}"'
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return Response({"errors": errors_for(exc)}, status=exc.status_code, headers=headers)
