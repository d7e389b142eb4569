"""OpenAPI descriptions (drf-spectacular) of the auth bridge's authentication classes and endpoints."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "auth_bridge.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A token from POST /api/auth/token."}


class LegacySessionScheme(SessionScheme):
    target_class = "auth_bridge.authentication.LegacySessionAuthentication"


class OIDCJWTScheme(OpenApiAuthenticationExtension):
    target_class = "auth_bridge.jwt_auth.OIDCJWTAuthentication"
    name = "oidcJwt"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An OIDC access token of the configured issuer (when OIDC is enabled).",
        }


class TrustedHeaderScheme(OpenApiAuthenticationExtension):
    target_class = "auth_bridge.authentication.TrustedHeaderAuthentication"
    name = "gatewayIdentityHeader"

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        return {
            "type": "apiKey",
            "in": "header",
            "name": settings.AUTH_TRUSTED_HEADER or "X-Remote-User",
            "description": "Set by the gateway only (off unless AUTH_TRUSTED_HEADER is configured).",
        }


@extend_schema_serializer(component_name="TokenResponse")  # named here: not derived from a resource type
class TokenResponse(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField()


class Role(serializers.Serializer):
    id = serializers.IntegerField(help_text="tblRole.RoleID")
    name = serializers.CharField(help_text="tblRole.RoleName")


class Right(serializers.Serializer):
    code = serializers.IntegerField(help_text="tblRoleRight.RightID")
    name = serializers.CharField(allow_null=True, help_text="e.g. insuree.read; null for a code the API does not use")


class District(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)


@extend_schema_serializer(component_name="PrincipalResponse")
class PrincipalResponse(serializers.Serializer):
    username = serializers.CharField(help_text="the legacy LoginName (technical clients: their client name)")
    kind = serializers.ChoiceField(choices=["legacy", "client", "operator"])
    legacyUserId = serializers.IntegerField(allow_null=True)
    isAdmin = serializers.BooleanField(help_text="a role with IsSystem 64: every right, every location")
    roles = Role(many=True, help_text="current, non-blocked legacy roles (empty for technical clients)")
    rights = Right(many=True, help_text="the rights the roles give (an administrator has all, listed or not)")
    districtIds = serializers.ListField(child=serializers.IntegerField())
    districts = District(many=True)
    healthFacilityId = serializers.IntegerField(allow_null=True)
    allLocations = serializers.BooleanField()
