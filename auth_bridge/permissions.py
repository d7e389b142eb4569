"""DRF permission: the caller must hold the legacy right that the view names for the HTTP method."""

from rest_framework.permissions import BasePermission

from .rights import principal_for


class HasLegacyRight(BasePermission):
    """Deny by default. A view declares `required_rights = {"GET": 101101, "POST": 101102, ...}`;
    a method missing from the mapping is refused (HEAD/OPTIONS follow GET)."""

    def has_permission(self, request, view):
        principal = principal_for(request.user)
        if principal is None:
            return False
        rights = getattr(view, "required_rights", {})
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        right = rights.get(method)
        return right is not None and principal.has_right(right)
