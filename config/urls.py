from django.urls import include, path

urlpatterns = [
    path("api/", include("api.urls")),
    path("api-auth/", include("rest_framework.urls")),  # log in/out links of the browsable API
]
