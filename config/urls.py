from django.urls import include, path

urlpatterns = [
    path("health/", include("ops.urls")),
    path("api/", include("api.urls")),
]
