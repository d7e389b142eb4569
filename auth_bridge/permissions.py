"""DRF permission: the caller must hold the legacy right that the view names for the HTTP method."""

from rest_framework.permissions import BasePermission

from .codes import right_label
from .rights import principal_for

NO_PRINCIPAL = "This account has no access to legacy data."


class HasLegacyRight(BasePermission):
    """Deny by default. A view declares `required_rights = {"GET": 101101, "POST": 101102, ...}`;
    a method missing from the mapping is refused (HEAD/OPTIONS follow GET). The 403 names the missing
    right (which right a method needs is no secret: the modules declare it, api/README.md lists it)."""

    message = NO_PRINCIPAL

    def has_permission(self, request, view):
        principal = principal_for(request.user)
        if principal is None:
            return False
        rights = getattr(view, "required_rights", {})
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        right = rights.get(method)
        if right is None:
            self.message = f"{method} is not offered to any legacy right here."
            return False
        if not principal.has_right(right):
            self.message = f"This needs the legacy right {right_label(right)}, which your roles do not give."
            return False
        return True
