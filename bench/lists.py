"""The views `bench/api_lists.py` times: plain DRF, stock djangorestframework-jsonapi, and ours (imported
by it once Django is set up)."""

import os
import statistics
import time

from django.contrib.auth.models import User
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework_json_api import serializers as dja
from rest_framework_json_api.pagination import JsonApiPageNumberPagination
from rest_framework_json_api.renderers import JSONRenderer

from api.site import Site
from api.tests import builders
from legacy.models import Insuree
from legacy.schema import create_legacy_schema


class PlainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Insuree
        fields = ["id", "uuid", "chf_id", "last_name", "other_names", "dob", "family", "gender"]


class PlainPages(PageNumberPagination):
    page_size = 50


class PlainList(generics.ListAPIView):
    queryset = Insuree.objects.current().order_by("pk")
    serializer_class = PlainSerializer
    permission_classes = [AllowAny]
    pagination_class = PlainPages


class StockSerializer(dja.ModelSerializer):
    class Meta:
        model = Insuree
        fields = ["chf_id", "last_name", "other_names", "dob", "family", "gender"]


class StockList(generics.ListAPIView):
    queryset = Insuree.objects.current().order_by("pk")
    serializer_class = StockSerializer
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = JsonApiPageNumberPagination
    resource_name = "insurees"


def measure(name, view, url, rounds):
    factory, user = APIRequestFactory(), User(username="bench", is_superuser=True, is_active=True)
    timings = []
    for _ in range(rounds):
        request = factory.get(url)
        force_authenticate(request, user)
        start = time.perf_counter()
        with CaptureQueriesContext(connections["legacy"]) as queries:
            response = view(request)
            response.render()
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:300]
    print(f"{name:58} {statistics.median(timings):7.2f} ms  {len(queries.captured_queries):3d} queries")


def main(families=60, rounds=30):
    create_legacy_schema(connections["legacy"])
    with transaction.atomic(using="legacy"):
        village = builders.location_tree()[3]
        for _ in range(families):
            builders.family(village, members=3)
    site = Site()
    if os.environ.get("PROFILE"):
        import cProfile

        view = site.viewset(site.resources["insurees"]).as_view({"get": "list"})
        cProfile.runctx("measure('profile', view, os.environ['PROFILE'], 20)", globals(), locals(), sort="cumulative")
        return
    ours = site.viewset(site.resources["insurees"]).as_view({"get": "list"})
    measure("plain DRF (JSON, no linkage uuids)", PlainList.as_view(), "/?page=1", rounds)
    measure("stock DJA ModelSerializer", StockList.as_view(), "/?page[size]=50", rounds)
    measure("ours: JSON:API, 6 relationships with scoped linkage", ours, "/?page[size]=50", rounds)
    measure("ours: + include=family", ours, "/?page[size]=50&include=family", rounds)
    measure(
        "ours: sparse fields[insurees]=chfId,lastName", ours, "/?page[size]=50&fields[insurees]=chfId,lastName", rounds
    )
    measure("ours: cursor mode", ours, "/?page[size]=50&page[after]=", rounds)
