"""The product URLs, plus baseline A (plain DRF) under /bench/ (bench.settings only)."""

from django.urls import path

from config.urls import urlpatterns as product_urlpatterns

from .baseline_drf import InsureeFamilyList

urlpatterns = [
    path("bench/baseline-a/insurees", InsureeFamilyList.as_view()),
    *product_urlpatterns,
]
