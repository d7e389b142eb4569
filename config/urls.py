from django.urls import include, path

urlpatterns = [
    path("health/", include("ops.urls")),
    path("api/auth/", include("auth_bridge.urls")),
    path("api/", include("api.urls")),
]
