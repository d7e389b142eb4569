from django.urls import include, path, re_path

from ops.errors import not_found
from web.views import favicon, home

urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon),
    path("health/", include("ops.urls")),
    path("api/auth/", include("auth_bridge.urls")),
    path("api/", include("api.urls")),
    re_path(r"^api/", not_found),  # JSON:API 404 under /api/ even with DEBUG on (no HTML debug page)
]
handler404 = "ops.errors.not_found"
handler500 = "ops.errors.server_error"
