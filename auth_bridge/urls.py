from django.urls import include, path

from .views import TokenView, WhoAmIView

urlpatterns = [
    path("token", TokenView.as_view(), name="auth-token"),
    path("me", WhoAmIView.as_view(), name="auth-me"),
    path("session/", include("rest_framework.urls")),  # session login/logout for the browsable API
]
