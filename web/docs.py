"""The API docs (OpenAPI schema, Swagger UI, ReDoc), readable without logging in unless API_PUBLIC_DOCS=false.

Every asset is ours (drf-spectacular-sidecar, served by whitenoise): ReDoc's stock template links Google
Fonts, so `web/redoc.html` replaces it, and the pages' Content-Security-Policy keeps images, fonts and
fetches on this site (ReDoc's bundle always shows its vendor's logo from a CDN; it stays out).
With `API_PUBLIC_DOCS=false` a visitor who is not logged in is sent to the login page first (and the schema
answers 401 to programs without credentials).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import exceptions
from rest_framework.permissions import AllowAny, IsAuthenticated


class DocsAccess:
    def get_permissions(self):
        return [AllowAny()] if settings.API_PUBLIC_DOCS else [IsAuthenticated()]


OWN_ASSETS_ONLY = "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"


class DocsPage(DocsAccess):
    """A docs page: a visitor who must log in first gets the login page, not a bare 401; nothing from elsewhere."""

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = "; ".join(
            filter(None, [settings.CONTENT_SECURITY_POLICY, OWN_ASSETS_ONLY])
        )
        return response


class SchemaView(DocsAccess, SpectacularAPIView):
    pass


class SwaggerView(DocsPage, SpectacularSwaggerView):
    pass


class RedocView(DocsPage, SpectacularRedocView):
    template_name = "web/redoc.html"
