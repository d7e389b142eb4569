"""The API for the modules enabled by ADAPTER_MODULES (mounted at /api/ by config.urls)."""

from .site import Site

site = Site()
urlpatterns = site.urlpatterns
app_name = site.namespace
