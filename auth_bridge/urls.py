from django.urls import path

from .session import LoginView, LogoutView
from .views import TokenView, WhoAmIView

urlpatterns = [
    path("token", TokenView.as_view(), name="auth-token"),
    path("me", WhoAmIView.as_view(), name="auth-me"),
    path("login", LoginView.as_view(), name="login"),  # browser session (browsable API, docs)
    path("logout", LogoutView.as_view(), name="logout"),
]
