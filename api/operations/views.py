"""`POST /api/operations`: the operations of one document in one legacy transaction, all or nothing.

Each operation runs the write hooks of its resource's view set (`create_row`, `update_row`, `delete_row` of
api.writes), so gates, rights, `If-Match` (here `meta.ifMatch`) and the legacy history rows are the ones of
the resource URLs. The first refused operation rolls everything back; its errors point into the document
(`/atomic:operations/<n>/...`). Which operations a type offers comes from its `Writes` declaration.
"""

from django.db import transaction
from rest_framework import exceptions, parsers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from auth_bridge.rights import principal_for
from legacy.routers import LEGACY_DB
from ops.readonly import check_legacy_writable

from ..encoders import CompoundDocument
from ..errors import DocumentError, Forbidden, exception_handler
from ..etags import quoted
from ..query import Query
from ..renderers import JSONRenderer
from ..serializers import resource_id
from ..writes import writes_of
from . import documents
from .negotiation import ATOMIC, JSONAPI, MEDIA_TYPE, check_accept, check_content_type
from .schema import OperationsSchema, offered

METHODS = {"add": "POST", "update": "PATCH", "remove": "DELETE"}  # the rights of the resource URLs
SERVICES = {"add": "create", "update": "update", "remove": "delete"}  # the Writes member each op needs


class AtomicRenderer(JSONRenderer):
    media_type = MEDIA_TYPE
    format = "vnd.api+json"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict):
            data = {"jsonapi": {"version": "1.1", "ext": [ATOMIC]}, **data}
        return super().render(data, accepted_media_type, renderer_context)


class AtomicParser(parsers.JSONParser):
    media_type = JSONAPI


class AtomicNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        check_accept(request)
        return renderers[0], MEDIA_TYPE


class WritesSomething(BasePermission):
    """Deny by default: a caller holding no right of any operation offered here is refused before its document
    is read (each operation's own right is checked again, per operation)."""

    def has_permission(self, request, view):
        principal = principal_for(request.user)
        if principal is None:
            return False
        rights = {
            (resource.rights or {}).get(METHODS[op])
            for type_, ops in offered(view.site).items()
            for resource in [view.site.resources[type_]]
            for op in ops
        }
        return any(right is not None and principal.has_right(right) for right in rights)


class OperationsView(APIView):
    """Atomic operations (https://jsonapi.org/ext/atomic) over the writable resources."""

    site = None
    permission_classes = [IsAuthenticated, WritesSomething]
    renderer_classes = [AtomicRenderer]
    parser_classes = [AtomicParser]
    content_negotiation_class = AtomicNegotiation
    schema = OperationsSchema()

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_legacy_writable(request)  # 405 while LEGACY_READ_ONLY is on, like every write
        check_content_type(request)

    def options(self, request, *args, **kwargs):
        return Response(status=204)

    def post(self, request):
        operations = documents.parse(request.data)
        for operation in operations:
            self._check_offered(operation)
        ids, written = {}, []
        with transaction.atomic(using=LEGACY_DB):
            for operation in operations:
                written.append(self._run(operation, ids))
            results = [self._result(view, row) for view, row in written]  # read back before the commit
        if not any(results):
            return Response(status=204)
        return Response({"atomic:results": results})

    def _check_offered(self, operation):
        """403/400 before anything runs: the type must offer the operation and the caller hold its right."""
        resource = self.site.resources.get(operation.type)
        where = f"{operation.pointer}/{'ref/type' if operation.op == 'remove' else 'data/type'}"
        if resource is None:
            raise DocumentError([(where, f"Unknown resource type {operation.type!r}.")], 400)
        writes = writes_of(resource)
        if writes is None or getattr(writes, SERVICES[operation.op]) is None:
            raise Forbidden(where, f"{operation.type} offer no {operation.op} operation.")
        right = (resource.rights or {}).get(METHODS[operation.op])
        principal = principal_for(self.request.user)
        if right is None or principal is None or not principal.has_right(right):
            raise Forbidden(operation.pointer, f"You may not {operation.op} {operation.type}.")

    def _view(self, operation):
        """The resource's view set, bound to this request: its write hooks and its read of the result."""
        view = self.site.views[operation.type]()
        view.request, view.args, view.kwargs, view.format_kwarg = self.request, (), {}, None
        view.action, view.query = SERVICES[operation.op], Query()
        return view

    def _run(self, operation, ids):
        """(view, written row or None) of one operation; its errors re-pointed into the document."""
        view = self._view(operation)
        try:
            target_id, document = documents.resolved(operation, ids)
            if operation.op == "add":
                row = view.create_row(document)
                if operation.lid is not None:
                    ids[(operation.type, operation.lid)] = resource_id(row, view.resource.id_field)
                return view, row
            if operation.op == "update":
                return view, view.update_row(target_id, document, operation.if_match)
            view.delete_row(target_id, operation.if_match)
            return view, None
        except exceptions.APIException as exc:
            raise documents.at_operation(exc, operation) from None

    def _result(self, view, row):
        """A result object: `{}` for a remove, else the resource as the caller reads it, with its ETag."""
        if row is None:
            return {}
        try:
            obj = view.visible_entity(resource_id(row, view.resource.id_field))
        except exceptions.NotFound:  # written, but outside what the caller may read
            return {"meta": {"etag": quoted(row)}}
        root = self.request.build_absolute_uri(self.site.root_path(self.request))
        data = CompoundDocument(self.site.serializers, view.query, root, False).build(view.resource.type, [obj], False)
        return {"data": data["data"], "meta": {"etag": quoted(row)}}
