"""Page-number and cursor pagination, links from the public URL."""

import pytest

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def test_page_number_mode(api):
    builders.family(members=7)
    doc = api.get("/api/insurees?page[size]=3&page[number]=2")
    assert len(doc["data"]) == 3
    assert doc["meta"]["pagination"] == {"page": 2, "pages": 3, "count": 7, "size": 3}
    links = doc["links"]
    assert "page%5Bnumber%5D=1" in links["first"] and "page%5Bnumber%5D=3" in links["last"]
    assert "page%5Bnumber%5D=1" in links["prev"] and "page%5Bnumber%5D=3" in links["next"]
    last = api.get(links["last"].replace("http://testserver", ""))
    assert len(last["data"]) == 1 and last["links"]["next"] is None


def test_count_rides_in_the_page_query_and_follows_filters_and_scope(api, callers, scoped_world):
    """The total comes from the page statement (a scalar subquery); an empty page counts apart."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    builders.family(members=4)
    with CaptureQueriesContext(connections["legacy"]) as queries:
        doc = api.get("/api/insurees?page[size]=2&filter[isHead]=false")
    assert len(queries.captured_queries) == 1
    members = builders.Insuree.objects.current().filter(is_head=False).count()
    assert doc["meta"]["pagination"]["count"] == members and len(doc["data"]) == 2
    empty = api.get("/api/insurees?filter[chfId]=nobody")
    assert empty["data"] == [] and empty["meta"]["pagination"] == {"page": 1, "pages": 1, "count": 0, "size": 50}
    past = api.get("/api/insurees?page[number]=99")  # JSON:API: an empty collection, not an error
    assert (
        past["data"] == []
        and past["meta"]["pagination"]["count"] == builders.Insuree.objects.current().count()
        and past["links"]["next"] is None
    )
    clerk = callers["clerk"].get("/api/insurees?page[size]=1")  # district A: its family's head and member
    assert clerk["meta"]["pagination"]["count"] == 2


def _total_queries(queries):
    return [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_remembered_total_never_hides_rows_and_the_last_page_counts_exactly(api, settings):
    """api.totals: within API_COUNT_CACHE_SECONDS the total of the same list is not counted again; rows
    added meanwhile are still listed, `next` still leads to them and the last page says the true total."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    settings.API_COUNT_CACHE_SECONDS = 60
    fam = builders.family(members=7)
    assert api.get("/api/insurees?page[size]=3")["meta"]["pagination"]["count"] == 7
    added = [builders.insuree(fam) for _ in range(3)]  # as the legacy application would, meanwhile
    with CaptureQueriesContext(connections["legacy"]) as queries:
        first = api.get("/api/insurees?page[size]=3")
    assert not _total_queries(queries) and first["meta"]["pagination"]["count"] == 7  # remembered
    seen, url = [], "/api/insurees?page[size]=3"
    while url:
        doc = api.get(url)
        seen += [item["id"] for item in doc["data"]]
        url = doc["links"]["next"] and doc["links"]["next"].replace("http://testserver", "")
    assert seen == [m.uuid for m in fam.members.current().order_by("pk")] and added[-1].uuid in seen
    assert doc["meta"]["pagination"] == {"page": 4, "pages": 4, "count": 10, "size": 3}  # exact on the last page
    page3 = api.get("/api/insurees?page[size]=3&page[number]=3")  # full page with more after it
    assert page3["meta"]["pagination"]["count"] >= 10 and page3["links"]["next"]


def test_remembered_totals_are_per_scope_and_filter_and_off_with_zero(api, callers, settings):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    settings.API_COUNT_CACHE_SECONDS = 60
    everyone = api.get("/api/insurees?page[size]=1")["meta"]["pagination"]["count"]
    clerk = callers["clerk"].get("/api/insurees?page[size]=1")["meta"]["pagination"]["count"]
    outsider = callers["outsider"].get("/api/insurees?page[size]=1")["meta"]["pagination"]["count"]
    heads = api.get("/api/insurees?page[size]=1&filter[isHead]=true")["meta"]["pagination"]["count"]
    assert everyone == builders.Insuree.objects.current().count() > heads
    assert clerk == outsider == 2 and everyone > clerk  # scoped_world: two per district
    assert callers["clerk"].get("/api/insurees?page[size]=1")["meta"]["pagination"]["count"] == 2
    settings.API_COUNT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connections["legacy"]) as queries:
        api.get("/api/insurees?page[size]=1")
    assert len(_total_queries(queries)) == 1


def test_default_page_size_is_50(api):
    builders.family(members=51)
    doc = api.get("/api/insurees")
    assert len(doc["data"]) == 50 and doc["meta"]["pagination"]["count"] == 51


def test_cursor_mode_walks_every_row_once_without_count(api, django_assert_max_num_queries):
    fam = builders.family(members=7)
    seen, url = [], "/api/insurees?page[size]=3&page[after]="
    while url:
        doc = api.get(url)
        assert "count" not in doc["meta"]["pagination"]
        seen += [item["id"] for item in doc["data"]]
        url = doc["links"]["next"] and doc["links"]["next"].replace("http://testserver", "")
    assert seen == [m.uuid for m in fam.members.order_by("pk")]


def test_cursor_mode_walks_a_reference_list_keyed_by_code(api):
    """Reference lists are keyed by a code (tblGender.Code): their cursor holds the code, not an integer."""
    codes = ["F", "M", "O"]
    for code in codes:
        builders.gender(code, code)
    seen, url = [], "/api/genders?page[size]=1&page[after]="
    while url:
        doc = api.get(url)
        seen += [item["id"] for item in doc["data"]]
        url = doc["links"]["next"] and doc["links"]["next"].replace("http://testserver", "")
    assert seen == codes


def test_cursor_mode_runs_no_count_query(api):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    builders.family(members=3)
    with CaptureQueriesContext(connections["legacy"]) as queries:
        api.get("/api/insurees?page[after]=&page[size]=2")
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_cursor_combined_with_filters(api):
    fam = builders.family(members=4)
    builders.family(members=4)
    doc = api.get(f"/api/insurees?filter[family]={fam.uuid}&page[after]=&page[size]=10")
    assert len(doc["data"]) == 4 and doc["links"]["next"] is None


def test_links_follow_forwarded_host_when_trusted(api, settings):
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["testserver", "gateway.example.org"]
    builders.family(members=2)
    doc = api.get("/api/insurees?page[size]=1", HTTP_X_FORWARDED_HOST="gateway.example.org")
    assert doc["links"]["next"].startswith("http://gateway.example.org/api/insurees?")
    assert doc["data"][0]["relationships"]["family"]["links"]["related"].startswith("http://gateway.example.org/")
