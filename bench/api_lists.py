"""Time list requests of the read API against plain DRF and stock djangorestframework-jsonapi.

Run: `.venv/bin/python bench/api_lists.py [families] [rounds]` (a throw-away SQLite legacy database).
Each line: median ms per request for a 50-row page, and the SQL query count.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["LEGACY_DATABASE_URL"] = f"sqlite:///{tmp}/legacy.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/state.sqlite3"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework import generics, serializers  # noqa: E402
from rest_framework.pagination import PageNumberPagination  # noqa: E402
from rest_framework.permissions import AllowAny  # noqa: E402
from rest_framework.test import APIRequestFactory, force_authenticate  # noqa: E402
from rest_framework_json_api import serializers as dja  # noqa: E402
from rest_framework_json_api.pagination import JsonApiPageNumberPagination  # noqa: E402
from rest_framework_json_api.renderers import JSONRenderer  # noqa: E402

from api.site import Site  # noqa: E402
from api.tests import builders  # noqa: E402
from legacy.models import Insuree  # noqa: E402
from legacy.schema import create_legacy_schema  # noqa: E402


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


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
