from django.urls import path
from django.views.generic import RedirectView

from .session import LoginView, LogoutView
from .views import TokenView, WhoAmIView

urlpatterns = [
    path("token", TokenView.as_view(), name="auth-token"),
    path("me", WhoAmIView.as_view(), name="auth-me"),
    path("login", LoginView.as_view(), name="login"),  # browser session (browsable API, docs)
    path("logout", LogoutView.as_view(), name="logout"),
    # the browsable API's former login URL (bookmarks): the same page, with its `next`
    path("session/login/", RedirectView.as_view(pattern_name="login", query_string=True, permanent=True)),
]
