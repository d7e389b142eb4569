"""OpenAPI of `GET /api/changes` (a plain view: no include or sparse fieldsets)."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from ..schema import PlainJsonSchema
from .feed import has_history


class ChangeAttributes(serializers.Serializer):
    resourceType = serializers.CharField(help_text="JSON:API type of the changed resource")  # noqa: N815
    resourceId = serializers.CharField(help_text="its JSON:API id (the current row's)")  # noqa: N815
    action = serializers.ChoiceField(["created", "updated", "deleted"])
    at = serializers.CharField(help_text="ValidityFrom (ValidityTo of a delete): naive local time of TIME_ZONE")
    auditUserId = serializers.IntegerField(allow_null=True, help_text="legacy tblUsers.UserID of the writer")  # noqa: N815


class ChangeEntry(serializers.Serializer):
    type = serializers.ChoiceField(["changes"])
    id = serializers.CharField(help_text="the change's position (an opaque cursor)")
    attributes = ChangeAttributes()
    relationships = serializers.DictField(help_text="resource: linkage to the resource, null once it is deleted")


class ChangesDocument(serializers.Serializer):
    data = ChangeEntry(many=True)
    links = serializers.DictField(help_text="self; next (always): the URL to poll, page[after] = meta.watermark")
    meta = serializers.DictField(help_text="watermark, caughtUp, timeZone, lagSeconds")


def _query(name, description, **schema):
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description, **schema)


def _types(view):
    return sorted(type_ for type_, resource in view.site.resources.items() if has_history(resource))


class ChangesSchema(PlainJsonSchema):
    def get_override_parameters(self):
        return [
            OpenApiParameter(
                "filter[since]",
                {"type": "string", "format": "date-time", "example": "2020-01-01T00:00:00"},
                OpenApiParameter.QUERY,
                required=True,
                description="ISO 8601 instant, inclusive (an offset is converted to TIME_ZONE; none: local time); "
                "not in the future (400).",
            ),
            OpenApiParameter(
                "filter[type]",
                {"type": "array", "items": {"type": "string", "enum": _types(self.view)}, "minItems": 1},
                OpenApiParameter.QUERY,
                explode=False,
                description="Resource types, comma-separated (default: every type with history you may read).",
            ),
            # Clients only ever send the watermark they were given: it is opaque.
            _query("page[after]", "meta.watermark of the previous page (links.next carries it).", enum=[""]),
            OpenApiParameter(
                "page[size]",
                {"type": "integer", "minimum": 1, "maximum": 500},
                OpenApiParameter.QUERY,
                description="Entries per page (default 50).",
            ),
        ]

    def get_response_serializers(self):
        return ChangesDocument
