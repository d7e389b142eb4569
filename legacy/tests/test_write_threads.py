"""Concurrent writers on one row, each thread with its own real database connection.

The tests commit for real (transaction=True); the `empty_legacy_tables` fixture (conftest.py) removes
their rows afterwards.
"""

import datetime
import threading
from itertools import pairwise

import pytest
from django.db import connections

from legacy.models import Family, Insuree, Location
from legacy.routers import LEGACY_DB
from legacy.services import Actor, PreconditionFailed, ValidationFailed, etag, update
from legacy.services.families import delete_family
from legacy.services.insurees import add_member

from .domain import family_with_head, head_values

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "legacy"]),
    pytest.mark.usefixtures("empty_legacy_tables"),
]

THREADS = 4


def test_threads_share_a_real_database_file_or_server():
    connection = connections[LEGACY_DB]
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db() and connection.settings_dict["NAME"].endswith(".sqlite3")


def _location():
    return Location.objects.create(
        uuid="concurrent-1",
        code="R1",
        name="v-start",
        type="R",
        male_population=0,
        validity_from=datetime.datetime(2020, 1, 1),
        audit_user_id=1,
    )


def _run_in_threads(work):
    """Run work(n) in THREADS threads released together; re-raise the first error."""
    start, errors = threading.Barrier(THREADS), []

    def run(n):
        try:
            start.wait(timeout=10)
            work(n)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connections, or the test database cannot be dropped

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    if errors:
        raise errors[0]


def _versions(location):
    return [*Location.objects.history_of(location).order_by("pk"), Location.objects.get(pk=location.pk)]


def test_blind_concurrent_updates_each_keep_exactly_one_history_row():
    location = _location()
    _run_in_threads(lambda n: update(location.pk, {"name": f"v-{n}"}, Actor(100 + n), model=Location))
    versions = _versions(location)
    assert len(versions) == THREADS + 1
    names = [version.name for version in versions]
    # every version was copied exactly once: no update lost, no old version copied twice
    assert sorted(names) == sorted(["v-start", *(f"v-{n}" for n in range(THREADS))])
    assert versions[0].validity_from == location.validity_from
    for older, newer in pairwise(versions):
        assert older.validity_to == newer.validity_from
        assert newer.audit_user_id == 100 + int(newer.name.removeprefix("v-"))
    assert versions[-1].validity_to is None


def test_read_modify_write_with_etags_never_loses_an_increment():
    location = _location()
    increments = 3

    def work(n):
        done = 0
        while done < increments:
            row = Location.objects.get(pk=location.pk)
            try:
                update(row, {"male_population": row.male_population + 1}, Actor(100 + n), expected_etag=etag(row))
            except PreconditionFailed:
                continue  # someone else wrote first: read again
            done += 1

    _run_in_threads(work)
    versions = _versions(location)
    assert versions[-1].male_population == THREADS * increments
    assert [v.male_population for v in versions] == list(range(THREADS * increments + 1))
    for older, newer in pairwise(versions):
        assert older.validity_to == newer.validity_from


def test_a_member_added_while_its_family_is_deleted_never_outlives_it():
    family, _ = family_with_head()
    outcomes = []

    def work(n):
        if n == 0:
            delete_family(family.pk, Actor(1))
        else:
            try:
                add_member(family.pk, head_values(), Actor(1))
                outcomes.append("added")
            except ValidationFailed:
                outcomes.append("refused")

    _run_in_threads(work)
    assert not Family.objects.current().filter(pk=family.pk).exists()
    assert not Insuree.objects.current().filter(family_id=family.pk).exists(), outcomes


def test_two_creates_of_the_same_chfid_cannot_both_pass_the_uniqueness_check():
    """The legacy has no unique index on CHFID: the check is serialised. Thread one creates a member and
    keeps its transaction open; thread two creates a member of another family with the same CHFID meanwhile."""
    from django.db import transaction

    family, _ = family_with_head()
    other, _ = family_with_head()
    created, holding, release, outcomes = threading.Event(), threading.Event(), threading.Event(), []

    def first():
        try:
            with transaction.atomic(using=LEGACY_DB):
                add_member(family.pk, head_values(chf_id="DUP-1"), Actor(1))
                holding.set()
                release.wait(timeout=30)
            outcomes.append("first added")
        finally:
            created.set()
            connections.close_all()

    def second():
        try:
            holding.wait(timeout=30)
            add_member(other.pk, head_values(chf_id="DUP-1"), Actor(1))
            outcomes.append("second added")
        except ValidationFailed as failure:
            outcomes.append(f"second refused: {sorted(failure.errors)}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    threads[1].join(timeout=2)  # without serialisation it finishes now, past an uncommitted duplicate
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert Insuree.objects.current().filter(chf_id="DUP-1").count() == 1, outcomes
    assert sorted(outcomes) == ["first added", "second refused: ['chf_id']"]  # either may report first
