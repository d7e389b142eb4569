"""Browser login and logout (session cookie), for the browsable API and the docs.

The form checks the credentials with `login.legacy_login`, the very function behind POST /api/auth/token,
so the legacy password rule, the lockout and the failure count are the same on both paths. Django's
`LoginView` adds CSRF protection and follows `next` only to same-site URLs (else LOGIN_REDIRECT_URL).
"""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

from .login import FAILED, legacy_login


class LegacyLoginForm(AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": FAILED}
    username = forms.CharField(label="Login", max_length=150, strip=False)
    password = forms.CharField(label="Password", max_length=1024, strip=False, widget=forms.PasswordInput)

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is not None and password:
            login = legacy_login(self.request, username, password)
            if login is None:
                raise self.get_invalid_login_error()
            self.user_cache = login.user
        return self.cleaned_data


class LoginView(auth_views.LoginView):
    form_class = LegacyLoginForm
    template_name = "web/login.html"
    redirect_authenticated_user = False  # a logged-in user may log in as someone else


class LogoutView(auth_views.LogoutView):
    """POST logs out (CSRF-protected); GET shows a page with the logout button instead of a 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "web/logout.html", {"next": self.get_redirect_url()})
