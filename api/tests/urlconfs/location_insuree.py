"""A deployment with only the `location` and `insuree` modules enabled."""

from django.urls import path

from api.site import Site

site = Site(["location", "insuree"])
urlpatterns = [path("api/", site.urls)]
