"""OpenAPI: filter parameters under their public JSON:API names (`filter[chfId.in]`), the resource id field,
and unique operation ids for the history/related/relationships routes."""

import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular_jsonapi.schemas.openapi import JsonApiAutoSchema

from .aggregates import schema as aggregate_schema
from .query import camel

FILTER = re.compile(r"^filter\[(\w+)\]$")


def public_name(name):
    match = FILTER.match(name)
    if not match or match.group(1) == "search":
        return name
    field, *lookups = match.group(1).split("__")
    return f"filter[{'.'.join([camel(field), *lookups])}]"


def camelize_filter_parameters(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["name"] = public_name(parameter["name"])
    return result


class IdFieldExtension(OpenApiSerializerFieldExtension):
    """The resource id (`api.serializers.IdField`): the lower-case legacy UUID, or a code/integer key."""

    target_class = "api.serializers.IdField"

    def map_serializer_field(self, auto_schema, direction):
        schema = {"type": "string", "readOnly": True}
        if self.target.id_field == "uuid":
            schema["format"] = "uuid"
        return schema


class ResourceSchema(JsonApiAutoSchema):
    """Operation ids that stay unique per route, and `related_field` documented with the relationship names."""

    ROUTE_ACTIONS = ("history", "related", "relationships", "aggregate")

    def get_operation_id(self):
        action = getattr(self.view, "action", None)
        if action in self.ROUTE_ACTIONS or action in getattr(self.view, "action_rights", {}):
            return f"{self.view.resource.type.replace('-', '_')}_{action}"
        return super().get_operation_id()

    def _is_list_view(self, serializer=None):
        """The aggregate takes the list's filters (drf-spectacular documents filters of list views only)."""
        return getattr(self.view, "action", None) == "aggregate" or super()._is_list_view(serializer)

    def _get_response_bodies(self, direction="response"):
        if getattr(self.view, "action", None) == "aggregate":  # documented by api.openapi (aggregate_schema)
            return {"200": {"description": ""}}
        return super()._get_response_bodies(direction)

    def _get_paginator(self):
        return None if getattr(self.view, "action", None) == "aggregate" else super()._get_paginator()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "action", None) == "aggregate":
            parameters += aggregate_schema.parameters(self.view)
        if getattr(self.view, "action", None) in ("related", "relationships"):
            names = sorted(camel(name) for name in self.view.site.relations(self.view.resource))
            parameters.append(
                OpenApiParameter(
                    "related_field",
                    str,
                    OpenApiParameter.PATH,
                    enum=names or None,
                    description="A relationship of this resource (camelCase).",
                )
            )
        return parameters


class PlainJsonSchema(AutoSchema):
    """For a plain JSON view (the API root): no JSON:API include/fields parameters, no resource-name tag.

    Only effective on views whose methods carry no `@extend_schema`: drf-spectacular then builds the
    operation from DEFAULT_SCHEMA_CLASS (the JSON:API one) again.
    """
