"""`GET /api/changes`: parameters, rights per resource type, and the JSON:API document of a feed page."""

import datetime

from django.conf import settings
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from auth_bridge.rights import principal_for
from legacy.services import clock

from ..errors import QueryParameterError, exception_handler
from ..negotiation import JsonApiNegotiation
from ..pagination import JsonApiPagination
from ..permissions import AnyPrincipal
from ..views import RENDERERS
from .feed import changes, has_history
from .positions import Position, local_instant
from .schema import ChangesSchema

ALLOWED = {"filter[since]", "filter[type]", "page[after]", "page[size]", "format"}
TYPE = "changes"
TIMESTAMP = serializers.DateTimeField()  # `at` written like every other legacy date-time (naive, ISO 8601)


def lag():
    """Seconds a change must be old before the feed lists it (see api/README.md, "Change feed")."""
    return datetime.timedelta(seconds=getattr(settings, "API_CHANGES_LAG_SECONDS", 30))


class ChangesView(APIView):
    """Changes (created, updated, deleted) of the rows the caller may read, oldest first, from `filter[since]`."""

    site = None
    permission_classes = [AnyPrincipal]  # which types are listed is decided by each type's read right
    renderer_classes = RENDERERS[:3]  # JSON:API, JSON, XML
    content_negotiation_class = JsonApiNegotiation
    resource_name = False  # the document is rendered as built
    schema = ChangesSchema()

    def get_exception_handler(self):
        return exception_handler

    def get(self, request):
        params = request.query_params
        _check_parameters(params)
        now = clock.now()
        since = _since(params, now)
        resources = self._resources(params.get("filter[type]"))
        start = Position.start(since)
        if params.get("page[after]"):
            start = max(start, Position.from_token(params["page[after]"]))
        size = JsonApiPagination().page_size({"size": params.get("page[size]")})
        rows = changes(resources, request.user, start, now - lag(), size + 1)
        page, more = rows[:size], len(rows) > size
        watermark = (page[-1].position if page else start).token()
        url = request.build_absolute_uri()
        document = {
            "data": [self._entry(change) for change in page],
            "links": {"self": url, "next": replace_query_param(url, "page[after]", watermark)},
            "meta": {
                "watermark": watermark,
                "caughtUp": not more,
                "timeZone": settings.TIME_ZONE,
                "lagSeconds": int(lag().total_seconds()),
            },
        }
        return Response(document)

    def _resources(self, value):
        """The versioned resources whose changes the caller may read (filter[type]: those named, each readable)."""
        principal = principal_for(self.request.user)
        readable = lambda r: r.rights is None or principal.has_right(r.rights.get("GET"))  # noqa: E731
        versioned = {type_: r for type_, r in self.site.resources.items() if has_history(r)}
        if value is None:
            return [r for r in versioned.values() if readable(r)]
        names = [name for name in value.split(",") if name]
        unknown = [name for name in names if name not in versioned]
        if unknown or not names:
            raise QueryParameterError(
                "filter[type]", f"filter[type] takes types with history: {', '.join(sorted(versioned))}"
            )
        refused = [name for name in names if not readable(versioned[name])]
        if refused:
            error = PermissionDenied(f"no right to read {', '.join(refused)}")
            error.parameter = "filter[type]"
            raise error
        return [versioned[name] for name in dict.fromkeys(names)]

    def _entry(self, change):
        base = self.request.build_absolute_uri(self.site.root_path(self.request))
        linkage = {"type": change.resource_type, "id": change.resource_id} if change.exists else None
        relationship = {"data": linkage}
        if change.exists:
            relationship["links"] = {"related": f"{base}{change.resource_type}/{change.resource_id}"}
        return {
            "type": TYPE,
            "id": change.position.token(),
            "attributes": {
                "resourceType": change.resource_type,
                "resourceId": change.resource_id,
                "action": change.action,
                "at": TIMESTAMP.to_representation(change.position.at),
                "auditUserId": change.audit_user_id,
            },
            "relationships": {"resource": relationship},
        }


def _check_parameters(params):
    for key in params:
        if key not in ALLOWED:
            raise QueryParameterError(key, f"unknown query parameter: {key}")
        if len(params.getlist(key)) > 1:
            raise QueryParameterError(key, f"repeated query parameter not allowed: {key}")
        if "\x00" in params[key]:
            raise QueryParameterError(key, "NUL characters are not allowed")


def _since(params, now):
    if "filter[since]" not in params:
        raise QueryParameterError("filter[since]", "filter[since] is required")
    since = local_instant(params["filter[since]"], "filter[since]")
    if since > now:
        raise QueryParameterError("filter[since]", "filter[since] is in the future")
    return since
