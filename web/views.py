"""The landing page at `/`: what this service is and where to go next (and the icon browsers ask for)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from legacy.demo.reference import DEMO_USERS
from ops.version import version_info


def _demo_logins():
    """The demo accounts (legacy.demo.reference.DEMO_USERS, their one home), in development mode only."""
    if settings.PRODUCTION:
        return []
    return [
        {"login": login, "password": password, "role": role, "scope": _scope(districts, facility)}
        for login, password, role, districts, facility in DEMO_USERS
    ]


def _scope(districts, facility):
    if facility is not None:
        return f"claims of health facility {facility}"
    return "all locations" if districts == "all" else "district " + ", ".join(districts)


@require_safe
def home(request):
    return render(request, "web/home.html", {"version": version_info(), "demo_users": _demo_logins()})


@require_safe
def favicon(request):
    return redirect(static("web/favicon.svg"), permanent=True)
