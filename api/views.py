"""One generic, read-only view set; `api.site` makes a subclass per resource. Reads go to selectors."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import MethodNotAllowed, NotFound, ParseError, PermissionDenied
from rest_framework.response import Response

from auth_bridge.permissions import HasLegacyRight
from web.renderers import BrowsableAPIRenderer

from . import plain, selectors, snapshot
from .encoders import CompoundDocument
from .errors import QueryParameterError, exception_handler
from .etags import fresh_etag
from .exports import CsvTable
from .filters import FilterBackend, SearchBackend, SortBackend
from .negotiation import JsonApiNegotiation, check_content_type
from .pagination import JsonApiPagination
from .permissions import AnyPrincipal
from .plain import PLAIN_FORMATS
from .query import Query, parse, public_relations
from .renderers import CSVRenderer, JsonApiRenderer, PlainJSONRenderer, XMLRenderer
from .schema import ResourceSchema
from .serializers import resource_id

RENDERERS = [JsonApiRenderer, PlainJSONRenderer, XMLRenderer, CSVRenderer, BrowsableAPIRenderer]
LIST_ACTIONS = ("list", "related_list")


class ResourceViewSet(viewsets.GenericViewSet):
    site = None
    resource = None
    renderer_classes = RENDERERS
    content_negotiation_class = JsonApiNegotiation
    pagination_class = JsonApiPagination
    filter_backends = [FilterBackend, SearchBackend, SortBackend]
    http_method_names = ["get", "head", "options"]
    query = Query()
    schema = ResourceSchema()
    document_class = CompoundDocument  # JSON:API reads; None: DJA renders the serializers' data instead
    own_query_actions = ("related", "history")  # actions that parse their query parameters themselves

    def get_permissions(self):
        return [AnyPrincipal()] if self.resource.rights is None else [HasLegacyRight()]

    @property
    def required_rights(self):
        return self.resource.rights or {}

    @property
    def search_fields(self):
        return self.resource.search

    @property
    def ordering_fields(self):
        """Sort keys (snake_case; the OpenAPI schema lists them camelCased, with their `-` variants)."""
        return ["id", *self.resource.sort]

    @property
    def filterset_class(self):
        return self.site.filtersets[self.resource.type]

    @property
    def resource_name(self):
        return getattr(self, "_resource_name", self.resource.type)

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):  # 405 before the rights check (read-only API)
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        if any("\x00" in str(value) for value in kwargs.values()):  # PostgreSQL rejects NUL in text: a 400
            raise ParseError("NUL characters are not allowed in a URL")
        check_content_type(request)
        if "bom" in request.query_params and request.accepted_renderer.format != "csv":
            raise QueryParameterError("bom", "bom applies to CSV answers only")
        if self.action not in self.own_query_actions:  # e.g. a related endpoint parses against the target
            self.query = parse(request.query_params, self.resource, self.site, self.action == "list")

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and (renderer is None or renderer.format == "csv"):
            request.accepted_renderer, request.accepted_media_type = JsonApiRenderer(), JsonApiRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    # --- reads -----------------------------------------------------------------------------------
    def get_queryset(self):
        return selectors.rows(self.resource, self.request.user, self.query.as_of)

    def get_serializer_class(self):
        return self.site.serializers[self.resource.type]

    def get_related_serializer_class(self):
        """DJA validates `include` against this on related endpoints (`related` already switched to the target)."""
        return self.get_serializer_class()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["query"] = self.query
        context["api_root"] = self._api_root()
        return context

    def _api_root(self):
        """The absolute URL of the API root: links in documents start with it."""
        return self.request.build_absolute_uri(self.site.root_path(self.request))

    def _planned(self, resource, queryset):
        return selectors.planned(self.site, resource, self.request.user, self.query, queryset)

    def _by_id(self, queryset, resource, pk):
        """A row by resource id; in a `filter[asOf]` snapshot also by the entity's (current) id."""
        return (snapshot.by_id if self.query.as_of else selectors.by_id)(queryset, resource, pk)

    def visible_entity(self, pk):
        """The `Row` of this resource with id `pk` as the caller reads it (the read gate, the request's
        sparse fieldset and includes); NotFound (404) if there is none. A hook for the writes."""
        planned = self._planned(self.resource, self.get_queryset())
        row = planned.first(self._by_id(planned.queryset, self.resource, pk))
        if row is None:
            raise NotFound(f"no {self.resource.type} with id {pk!r}")
        return row

    def list(self, request, *args, **kwargs):
        return self._respond_list(self._planned(self.resource, self.filter_queryset(self.get_queryset())))

    def retrieve(self, request, pk=None, **kwargs):
        return self.render_one(self.visible_entity(pk))

    def history(self, request, pk=None, **kwargs):
        """Older versions of an entity (current or deleted), oldest first."""
        if not self.resource.versioned:
            raise NotFound(f"{self.resource.type} keep no history")
        entities = selectors.visible_entities(self.resource, request.user)
        entity = selectors.by_id(entities, self.resource, pk).first()
        if entity is None:
            raise NotFound(f"no {self.resource.type} with id {pk!r}")
        versions = self.site.versions(self.resource)  # `<singular>-versions`: a version's (type, id) is its own
        self.query = parse(request.query_params, versions, self.site, False)
        self.resource = versions
        rows = self._planned(versions, selectors.history(versions, request.user, entity)).rows()
        if self._builds_documents():
            return self._document(rows, envelope=False)
        return Response(self.get_serializer(rows, many=True).data)

    def related(self, request, pk=None, related_field=None, **kwargs):
        relation = self._relation(related_field)
        self.query = parse(request.query_params, self.site.resources[relation.target], self.site, relation.many)
        relation, target, queryset = self._related(pk, related_field)
        self.resource = target
        if relation.many:
            return self._respond_list(self._planned(target, self.filter_queryset(queryset)))
        return self.render_one(self._planned(target, queryset).first())

    def relationships(self, request, pk=None, related_field=None, **kwargs):
        if "include" in request.query_params:  # JSON:API: honoured or 400; linkage documents include nothing
            raise QueryParameterError("include", "include is not supported on relationship endpoints")
        relation, target, queryset = self._related(pk, related_field)
        linkage = [
            {"type": target.type, "id": resource_id(obj, target.id_field)}
            for obj in queryset.only(target.model._meta.pk.attname, target.id_field).order_by(
                target.model._meta.pk.attname
            )
        ]
        base = f"{self._api_root()}{self.resource.type}/{pk.lower()}"
        links = {"self": f"{base}/relationships/{related_field}", "related": f"{base}/{related_field}"}
        data = linkage if relation.many else (linkage[0] if linkage else None)
        self._resource_name = False  # a relationship document: rendered as built
        return Response({"links": links, "data": data})

    @extend_schema(exclude=True)  # always a 403: documented in api/README.md, not offered as an operation
    def relationship_change(self, request, pk=None, related_field=None, **kwargs):
        """POST/PATCH/DELETE on a relationship URL: JSON:API's 403 for updates the server does not allow."""
        self._related(pk, related_field)  # 404 first for an unknown row or relationship
        raise PermissionDenied(
            f"relationships are not changed here: PATCH the {self.resource.type} resource with `data.relationships`"
        )

    def options(self, request, *args, **kwargs):
        return options_response(self)

    def _relation(self, related_field):
        relation = public_relations(self.site, self.resource).get(related_field)  # exact: `Family` is 404
        if relation is None:
            raise NotFound(f"{self.resource.type} have no relationship {related_field!r}")
        return relation

    def _related(self, pk, related_field):
        relation = self._relation(related_field)
        parent = self._by_id(self.get_queryset(), self.resource, pk).first()
        if parent is None:
            raise NotFound(f"no {self.resource.type} with id {pk!r}")
        target = self.site.resources[relation.target]
        if self.query.as_of:  # the snapshot's versions (api.snapshot)
            user, as_of = self.request.user, self.query.as_of
            return relation, target, snapshot.related(self.resource, relation, target, parent, user, as_of)
        queryset = selectors.rows(target, self.request.user)
        if relation.many:
            queryset = queryset.filter(**{relation.remote_fk: parent.pk})
        else:
            field = self.resource.model._meta.get_field(relation.attr)
            queryset = queryset.filter(**{field.target_field.attname: getattr(parent, field.attname)})
        return relation, target, queryset

    # --- responses -------------------------------------------------------------------------------
    def _builds_documents(self):
        """JSON:API, plain JSON and XML answers are built by `document_class` (the browsable API: serializers)."""
        formats = (JsonApiRenderer.format, *PLAIN_FORMATS)
        return self.document_class is not None and self.request.accepted_renderer.format in formats

    def _document(self, rows, many=True, links=None, meta=None, envelope=True):
        """A JSON:API document built by `document_class` (see api.encoders), rendered as built; flattened for
        plain JSON and XML (api.plain: the same names, values and ids)."""
        builder = self.document_class(
            self.site.serializers,
            self.query,
            self._api_root(),
            include_requested=bool(self.request.query_params.get("include")),
        )
        self._resource_name = False
        document = builder.build(self.resource.type, rows, many, links, meta)
        if self.request.accepted_renderer.format in PLAIN_FORMATS and self.action != "aggregate":  # (its own shape)
            return Response(plain.flattened(document, many, envelope))
        return Response(document)

    def render_one(self, row, etag=None):
        """The response of one resource (a `Row`, or None: `data: null`) in the accepted format, with its
        ETag (`etag`: the row's tag when the caller has it, e.g. a write's). A hook for the writes."""
        if self.request.accepted_renderer.format == "csv":
            response = self._csv_table().rows([row] if row is not None else [])
        elif row is not None and self._builds_documents():
            response = self._document([row], many=False)
        else:
            response = Response(self.get_serializer(row).data if row is not None else None)
        if row is not None:  # optimistic concurrency: PATCH/DELETE send it back in If-Match
            response["ETag"] = etag or fresh_etag(row.instance)
        return response

    def _respond_list(self, planned):
        csv_wanted = self.request.accepted_renderer.format == "csv"
        if csv_wanted and not self.query.page:
            return self._csv_table().export(planned)
        page = planned.rows(self.paginate_queryset(planned.queryset))
        if csv_wanted:
            return self._csv_table().rows(page)
        if self._builds_documents():
            return self._document(page, **self.paginator.document())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _csv_table(self):
        serializer = self.get_serializer_class()(context=self.get_serializer_context())
        return CsvTable(serializer, self.resource.type, bom=self.query.bom)


def options_response(view):
    """OPTIONS: no body (nothing JSON:API could say about it), the methods in `Allow` (set by DRF)."""
    return Response(status=204)
