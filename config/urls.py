from django.urls import include, path

urlpatterns = [
    path("health/", include("ops.urls")),
    path("api/auth/", include("auth_bridge.urls")),
    path("api/", include("api.urls")),
    path("api-auth/", include("rest_framework.urls")),  # log in/out links of the browsable API
]
