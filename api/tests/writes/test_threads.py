"""Concurrent PATCHes through the API on one row, each request in its own thread and connection."""

import threading

import pytest
from django.db import connections

from auth_bridge import testing as t
from legacy.models import Insuree

from .client import doc

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "legacy"]),
    pytest.mark.usefixtures("empty_legacy_tables"),
]

THREADS = 4


def _in_threads(work):
    start, results = threading.Barrier(THREADS), [None] * THREADS

    def run(n):
        try:
            start.wait(timeout=10)
            results[n] = work(n)
        except BaseException as error:  # reported below, in the test's thread
            results[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_same_if_match_from_several_clients_one_wins(admin, tree):
    member = t.insuree(t.family(tree.village), phone="0")
    url = f"/api/insurees/{member.uuid}"
    tag = admin.etag(url)

    results = _in_threads(lambda n: admin.patch(url, doc("insurees", {"phone": str(n + 1)}, id=member.uuid), tag)[0])

    assert sorted(results) == [200] + [412] * (THREADS - 1), results
    assert Insuree.objects.filter(legacy_id=member.pk).count() == 1
    assert Insuree.objects.get(pk=member.pk).phone == str(results.index(200) + 1)


def test_without_if_match_no_update_is_lost(admin, tree, settings):
    settings.API_REQUIRE_IF_MATCH = False
    member = t.insuree(t.family(tree.village), phone="0")
    url = f"/api/insurees/{member.uuid}"

    results = _in_threads(lambda n: admin.patch(url, doc("insurees", {"phone": str(n + 1)}, id=member.uuid))[0])

    assert results == [200] * THREADS, results
    history = list(Insuree.objects.filter(legacy_id=member.pk).order_by("validity_to", "pk"))
    assert len(history) == THREADS  # one copy per write, never two copies of the same version
    current = Insuree.objects.get(pk=member.pk).phone
    assert sorted([row.phone for row in history] + [current]) == ["0", *[str(n + 1) for n in range(THREADS)]]
    assert len({row.validity_from for row in history}) == THREADS
