"""A constant number of SQL queries per request, whatever the page size and includes."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _count(api, url):
    with CaptureQueriesContext(connections["legacy"]) as queries:
        api.get(url)
    return len(queries.captured_queries)


def _families(n):
    village = builders.location_tree()[3]
    hf = builders.health_facility()
    for _ in range(n):
        fam = builders.family(village, members=2)
        builders.claim(fam.head, hf, items=2, services=2)
        builders.premium(builders.policy(fam))


@pytest.mark.parametrize(
    "url",
    [
        "/api/insurees?page[size]={n}",
        "/api/insurees?page[size]={n}&include=family.location.parent,family.members,gender,healthFacility",
        "/api/insurees?page[size]={n}&page[after]=&include=family",
        "/api/insurees?page[size]={n}&fields[insurees]=chfId&include=family.location",  # left out, yet included
        "/api/families?page[size]={n}&include=members,head,location",
        "/api/claims?page[size]={n}&include=items,services,insuree.family,healthFacility",
        "/api/policies?page[size]={n}&include=premiums,family,product,officer",
        "/api/locations?page[size]={n}&include=parent.parent",
    ],
)
def test_query_count_does_not_grow_with_the_page(api, url):
    _families(26)
    small, large = _count(api, url.format(n=5)), _count(api, url.format(n=50))
    assert small == large, (small, large)


def test_to_many_linkage_without_include_is_one_query(api):
    _families(6)
    small = _count(api, "/api/families?page[size]=2&fields[families]=members")
    large = _count(api, "/api/families?page[size]=6&fields[families]=members")
    assert small == large == 2  # page (with the COUNT as a subquery), members linkage


def test_to_many_linkage_streams_in_batches_with_the_ids_of_visible_rows(admin, callers, scoped_world, monkeypatch):
    """selectors.Plan.stream: rows from `.iterator()` get their linkage ids per batch of parent rows (memory
    stays flat), from plain (parent, id) pairs read through the caller's scope."""
    from django.http import QueryDict

    from api.query import parse
    from api.selectors import Plan, planned, rows
    from api.urls import site
    from auth_bridge.accounts import django_user_for
    from legacy.models import User

    _families(5)
    families = site.resources["families"]
    query = parse(QueryDict("fields[families]=members"), families, site)
    monkeypatch.setattr(Plan, "batch_size", 2)
    clerk = django_user_for(User.objects.current().get(login_name="clerkA"))
    for user in (admin, clerk):
        visible = rows(families, user).order_by("pk")  # (reads the caller's rights and districts)
        planned_rows = planned(site, families, user, query, visible)
        with CaptureQueriesContext(connections["legacy"]) as queries:
            walked = {
                row.instance.pk: row.linkage["members"]
                for row in planned_rows.stream(planned_rows.queryset.iterator(chunk_size=2))
            }
        assert walked == {fam.pk: [m.uuid for m in fam.members.current().order_by("pk")] for fam in visible}
        assert len(queries.captured_queries) == 1 + -(-len(walked) // 2)  # the rows, one linkage query per batch
    assert set(walked) == {scoped_world.a.family.pk}  # the clerk: her district's family only


def test_csv_stream_query_count_is_per_chunk_not_per_row(api):
    _families(6)
    with CaptureQueriesContext(connections["legacy"]) as queries:
        response = api.client.get("/api/insurees?format=csv&fields[insurees]=chfId,family")
        assert len(b"".join(response.streaming_content).splitlines()) == 13
    # one statement reads the rows, with the family linkage as a scoped subquery (a PostgreSQL export by COPY
    # also sets its transaction's settings: api/exports.py)
    reads = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SELECT set_config("))
    ]
    assert len(reads) == 1, reads


@pytest.mark.parametrize(
    "url",
    [
        "/api/insurees?page[size]={n}&include=family.members,family.location",
        "/api/claims?page[size]={n}&include=items,services,insuree",
    ],
)
def test_serializer_fields_are_built_once_per_type_not_per_included_row(api, monkeypatch, url):
    """DRF deep-copies every declared field per serializer; DJA makes a serializer per included row."""
    from api.serializers import ResourceSerializer

    built = []
    real = ResourceSerializer.get_fields
    monkeypatch.setattr(ResourceSerializer, "get_fields", lambda self: built.append(type(self)) or real(self))
    _families(12)
    api.get(url.format(n=2))
    small = len(built)
    built.clear()
    document = api.get(url.format(n=12))
    assert len(document["included"]) > 5
    assert len(built) == small == len(set(built)), (small, len(built))
