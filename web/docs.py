"""The API docs (OpenAPI schema, Swagger UI, ReDoc), readable without logging in unless API_PUBLIC_DOCS=false.

Every asset is ours (drf-spectacular-sidecar, served by whitenoise): ReDoc's stock template links Google
Fonts, so `web/redoc.html` replaces it. With `API_PUBLIC_DOCS=false` a visitor who is not logged in is
sent to the login page first (and the schema answers 401 to programs without credentials).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import exceptions
from rest_framework.permissions import AllowAny, IsAuthenticated


class DocsAccess:
    def get_permissions(self):
        return [AllowAny()] if settings.API_PUBLIC_DOCS else [IsAuthenticated()]


class LoginFirst(DocsAccess):
    """A docs page: a visitor who must log in first gets the login page, not a bare 401."""

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


class SchemaView(DocsAccess, SpectacularAPIView):
    pass


class SwaggerView(LoginFirst, SpectacularSwaggerView):
    pass


class RedocView(LoginFirst, SpectacularRedocView):
    template_name = "web/redoc.html"
