"""POST /api/auth/token (log in, get a bearer token), DELETE /api/auth/token (revoke it), GET /api/auth/me."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from legacy.models import Location
from web.renderers import BrowsableAPIRenderer

from .accounts import credentials_fingerprint
from .authentication import BearerTokenAuthentication
from .codes import RIGHT_NAMES
from .login import FAILED, legacy_login
from .models import ApiToken
from .rights import legacy_roles, login_name_of, principal_for
from .schema import PrincipalResponse, TokenResponse
from .tokens import issue_token, revoke


class Credentials(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=1024, trim_whitespace=False)


class JsonApiMetaRenderer(JSONRenderer):
    """`Accept: application/vnd.api+json` (a JSON:API client's only media type): the answer as a valid JSON:API
    document, the values in top-level `meta` (a token is not a resource), errors as they are."""

    media_type = "application/vnd.api+json"
    format = "vnd.api+json"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict):
            data = {"jsonapi": {"version": "1.1"}, **(data if "errors" in data else {"meta": data})}
        return super().render(data, accepted_media_type, renderer_context)


class JsonApiBodyParser(JSONParser):
    media_type = "application/vnd.api+json"


def _credentials_of(body):
    """The credentials object: the body itself, or a JSON:API document's `data.attributes`."""
    if not isinstance(body, dict):
        return {}
    data = body.get("data")
    if isinstance(data, dict) and isinstance(data.get("attributes"), dict):
        return data["attributes"]
    return body


class TokenView(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, JsonApiBodyParser]
    renderer_classes = [JSONRenderer, JsonApiMetaRenderer]
    throttle_classes = []

    @extend_schema(request=Credentials, responses={201: TokenResponse})
    def post(self, request):
        credentials = Credentials(data=_credentials_of(request.data))
        credentials.is_valid(raise_exception=True)
        login = legacy_login(request._request, **credentials.validated_data)
        if login is None:
            raise exceptions.AuthenticationFailed(FAILED)
        raw, expires = issue_token(login.user, credential_fingerprint=credentials_fingerprint(login.legacy_row))
        # USE_TZ is off (legacy data is naive local time): state the offset so clients need not guess it
        expires_at = expires if timezone.is_aware(expires) else timezone.make_aware(expires)
        return Response({"token": raw, "expires": expires_at.isoformat()}, status=201)

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Token revoked.")})
    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            raise exceptions.NotAuthenticated("Send the token to revoke as 'Authorization: Bearer <token>'.")
        revoke(request.auth)
        return Response(status=204)


class WhoAmIView(APIView):
    """Who you are in openIMIS terms: your login name, roles, rights (code and name) and districts."""

    # (the docstring is what people read in the browsable API; programs adapt their UI to it; 3 queries at most)
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer, JsonApiMetaRenderer, BrowsableAPIRenderer]
    serializer_class = PrincipalResponse  # documents the response (drf-spectacular needs it on APIViews)

    def get_view_name(self):
        return "Who am I"

    @extend_schema(responses=PrincipalResponse)
    def get(self, request):
        principal = principal_for(request.user)
        if principal is None:
            raise exceptions.PermissionDenied("This account has no access to legacy data.")
        roles = legacy_roles(principal.legacy_user_id) if principal.legacy_user_id is not None else []
        districts = Location.objects.current().filter(pk__in=principal.district_ids).order_by("code", "pk")
        return Response(
            {
                "username": login_name_of(request.user),
                "kind": principal.kind,
                "legacyUserId": principal.legacy_user_id,
                "isAdmin": principal.is_admin,
                "roles": [{"id": role_id, "name": name} for role_id, name in roles],
                "rights": [{"code": code, "name": RIGHT_NAMES.get(code)} for code in sorted(principal.rights)],
                "districtIds": sorted(principal.district_ids),
                "districts": [
                    {"id": district.pk, "code": district.code, "name": district.name}
                    for district in districts.only("pk", "code", "name")
                ],
                "healthFacilityId": principal.health_facility_id,
                "allLocations": principal.all_locations,
            }
        )
