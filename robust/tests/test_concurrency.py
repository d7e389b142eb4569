"""Concurrent writers, short version of stress/concurrency.py: 8 workers x 20 updates on the same 10
insurees, half through the API (PATCH + If-Match over HTTP, when the schema offers it) and half as
legacy-style SQL transactions with row locks. Nothing lost or duplicated, chains contiguous, no 5xx."""

import json

import pytest
from django.test import Client

from legacy import models as m
from robust import world
from robust.concurrency import ConcurrentWriters, api_can_patch_insurees, check

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "legacy"])


def test_concurrent_api_and_legacy_writers_lose_nothing(live_server, empty_legacy_tables, settings):
    world.seed(families=6)
    token = world.login("Admin")
    schema = json.loads(Client().get("/api/schema?format=json", HTTP_AUTHORIZATION=f"Bearer {token}").content)
    api = api_can_patch_insurees(schema)
    insurees = [
        (pk, uuid.lower()) for pk, uuid in m.Insuree.objects.current().order_by("pk").values_list("pk", "uuid")[:10]
    ]
    assert len(insurees) == 10
    writers = ConcurrentWriters(
        insurees, live_server.url if api else None, token, api_workers=4, legacy_workers=4 if api else 8, updates=20
    )
    report = writers.run()
    print(report.figures(), "api workers:", writers.api_workers)
    assert report.server_errors == []
    assert report.gave_up == 0
    assert len(report.acknowledged) == 8 * 20
    assert check(report, insurees) == {"lost_or_duplicated": [], "chain_breaks": [], "reordered": [], "final_row": []}
