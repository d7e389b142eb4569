"""Permissions used by the API besides `auth_bridge.permissions.HasLegacyRight`."""

from rest_framework.permissions import BasePermission

from auth_bridge.rights import principal_for


class AnyPrincipal(BasePermission):
    """Reference lists: any authenticated caller with a legacy principal may read them."""

    def has_permission(self, request, view):
        return request.method in ("GET", "HEAD", "OPTIONS") and principal_for(request.user) is not None
