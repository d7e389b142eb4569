from django.urls import include, path

from .views import TokenView


urlpatterns = [
    path("token", TokenView.as_view(), name="auth-token"),
    path("session/", include("rest_framework.urls")),  # session login/logout for the browsable API
]
