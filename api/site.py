"""Builds the API for a set of enabled modules: serializers, filters, view sets, URLs, OpenAPI.

A disabled module contributes nothing: no URL, no schema entry, and relationships into it are dropped
(so no include path, sparse field or link can reach it).
"""

from functools import cached_property
from types import SimpleNamespace

from django.urls import include, path, re_path, reverse
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse as drf_reverse
from rest_framework.views import APIView

from ops.version import version_info
from web.docs import RedocView, SchemaView, SwaggerView
from web.renderers import BrowsableAPIRenderer

from .aggregates.views import AggregateMixin
from .changes.views import ChangesView
from .errors import exception_handler
from .filters import build_filterset
from .operations.views import OperationsView
from .registry import configured_modules, load_modules, versions_type, with_versions
from .schema import PlainJsonSchema
from .serializers import VERSION_FIELDS, build_serializers
from .views import RENDERERS, ResourceViewSet, options_response


class Site:
    def __init__(self, module_names=None, namespace="api"):
        self.modules = configured_modules() if module_names is None else load_modules(module_names)
        self.namespace = namespace
        self.resources = with_versions(resource for module in self.modules for resource in module.resources)
        self._relations = {
            resource.type: {rel.name: rel for rel in resource.relations if rel.target in self.resources}
            for resource in self.resources.values()
        }
        self.serializers = build_serializers(self.resources, lambda resource: self.relations(resource).values())
        self.filtersets = {type_: build_filterset(resource) for type_, resource in self.resources.items()}

    def relations(self, resource):
        return self._relations[resource.type]

    def versions(self, resource):
        """The `<singular>-versions` resource of a versioned resource (api.registry.versions_of)."""
        return self.resources[versions_type(resource.type)]

    def field_names(self, resource):
        names = set(resource.attributes) | set(self.relations(resource))
        if resource.id_field == "uuid":
            names.add("legacy_id")
        if resource.versioned:
            names |= set(VERSION_FIELDS)
        return names

    def root_path(self, request):
        return reverse(f"{self.namespace}:root")

    @cached_property
    def views(self):
        """{type: view set class}: the routes' views, and the write hooks api.operations runs."""
        return {type_: self.viewset(resource) for type_, resource in self.resources.items()}

    def viewset(self, resource):
        return type(
            resource.class_name("ViewSet"),
            (*resource.mixins, AggregateMixin, ResourceViewSet),
            {
                "site": self,
                "resource": resource,
                "__doc__": f"The {resource.type} resource.",
                "http_method_names": ["get", "head", "options", *WRITE_METHODS.keys()],
            },
        )

    @cached_property
    def urlpatterns(self):
        patterns = [
            path("", ApiRoot.as_view(site=self), name="root"),
            re_path(r"^operations/?$", OperationsView.as_view(site=self), name="operations"),
            re_path(r"^version/?$", VersionView.as_view(), name="version"),
            re_path(r"^changes/?$", ChangesView.as_view(site=self), name="changes"),
        ]
        for type_, resource in self.resources.items():
            view = self.views[type_]
            one = r"(?P<pk>[^/]+)"
            relationship_writes = {method: "relationship_change" for method in ("post", "patch", "delete")}
            patterns += [  # a resource's own endpoints (e.g. claims/<id>/submit) before the generic ones
                re_path(rf"^{type_}/{suffix}/?$", view.as_view(actions), name=f"{type_}-{name}")
                for name, suffix, actions in getattr(view, "extra_routes", ())
            ]
            if not resource.history_of:  # a versions type is reached from its entity's history, not listed
                patterns += [
                    re_path(
                        rf"^{type_}/?$", view.as_view(_actions(view, "list", {"post": "create"})), name=f"{type_}-list"
                    ),
                    re_path(rf"^{type_}/aggregate/?$", view.as_view({"get": "aggregate"}), name=f"{type_}-aggregate"),
                ]
            patterns.append(
                re_path(
                    rf"^{type_}/{one}/?$",
                    view.as_view(
                        _actions(view, "retrieve", {"patch": "partial_update", "put": "update", "delete": "destroy"})
                    ),
                    name=f"{type_}-detail",
                )
            )
            if resource.versioned and not resource.history_of:
                patterns.append(
                    re_path(rf"^{type_}/{one}/history/?$", view.as_view({"get": "history"}), name=f"{type_}-history")
                )
            patterns += [
                re_path(
                    rf"^{type_}/{one}/relationships/(?P<related_field>[\w-]+)/?$",
                    view.as_view({"get": "relationships", **relationship_writes}),
                    name=f"{type_}-relationships",
                ),
                re_path(
                    rf"^{type_}/{one}/(?P<related_field>[\w-]+)/?$",
                    view.as_view({"get": "related"}),
                    name=f"{type_}-related",
                ),
            ]
        schema_conf = SimpleNamespace(
            urlpatterns=[
                path("api/auth/", include("auth_bridge.urls")),  # the token endpoint clients start with
                path("api/", include((patterns, self.namespace))),
            ]
        )
        patterns += [
            re_path(r"^schema/?$", SchemaView.as_view(urlconf=schema_conf), name="schema"),
            re_path(r"^docs/?$", SwaggerView.as_view(url_name=f"{self.namespace}:schema"), name="docs"),
            re_path(r"^redoc/?$", RedocView.as_view(url_name=f"{self.namespace}:schema"), name="redoc"),
        ]
        return patterns

    @property
    def urls(self):
        return include((self.urlpatterns, self.namespace))


WRITE_METHODS = {"post": "create", "patch": "partial_update", "put": "update", "delete": "destroy"}


def _actions(view, read, writes):
    """GET plus the write methods whose action a resource's mixins implement."""
    return {"get": read, **{method: action for method, action in writes.items() if hasattr(view, action)}}


class ApiRootDocument(serializers.Serializer):
    meta = serializers.DictField(
        help_text="modules (enabled module names), resources (type -> list URL), version (as /api/version)"
    )
    links = serializers.DictField(child=serializers.URLField())


class VersionDocument(serializers.Serializer):
    meta = serializers.DictField(
        help_text="product, version (of this software), commit (or null), apiVersion, "
        "legacySchema (status compatible/incompatible/unavailable, problems, checkedAt)"
    )


class MetaDocument(APIView):
    """A JSON:API document with top-level `meta`/`links` only, not a resource: no include/fields parameters."""

    renderer_classes = [*RENDERERS[:3], BrowsableAPIRenderer]
    resource_name = False
    schema = PlainJsonSchema()

    def get_exception_handler(self):
        return exception_handler

    def options(self, request, *args, **kwargs):
        return options_response(self)


class ApiRoot(MetaDocument):
    """Links to every enabled resource list, and what is running."""

    site = None
    permission_classes = [IsAuthenticated]
    serializer_class = ApiRootDocument  # documents the response for drf-spectacular

    def get_view_name(self):
        return "API root"

    def get(self, request):
        links = {
            type_: drf_reverse(f"{self.site.namespace}:{type_}-list", request=request)
            for type_, resource in self.site.resources.items()
            if not resource.history_of
        }
        meta = {"modules": [module.name for module in self.site.modules], "resources": links, "version": version_info()}
        return Response({"meta": meta, "links": {"self": request.build_absolute_uri()}})


class VersionView(MetaDocument):
    """What is running: product version, commit, API version, the legacy schema check (no login needed)."""

    permission_classes = [AllowAny]
    serializer_class = VersionDocument

    def get(self, request):
        return Response({"meta": version_info()})
