"""Database faults under load (short version of stress/faults.py), against a live server: readers over
HTTP and legacy-style writers while the legacy database fails (PostgreSQL: every session killed,
repeatedly; SQLite: the file exclusively locked). Callers get 200 or a JSON:API 503 in time, the service
recovers without a restart, and no history chain is half-written."""

import pytest
from django.conf import settings
from django.db import connections

from legacy import models as m
from robust import world
from robust.faults import FaultRun
from robust.history import chain_breaks, marker_counts

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "legacy"])


def test_service_survives_a_database_outage(live_server, empty_legacy_tables):
    world.seed(families=2)
    token = world.login("Admin")
    insurees = [
        (pk, uuid.lower()) for pk, uuid in m.Insuree.objects.current().order_by("pk").values_list("pk", "uuid")[:4]
    ]
    report = FaultRun(live_server.url, token, insurees, readers=2, writers=2).run(seconds=4, kill_at=1, outage=1)

    print(report.figures())
    assert report.killed > 0 or connections["legacy"].vendor == "sqlite"  # the fault really happened
    assert report.bad == []
    assert set(report.statuses) <= {200, 503}, report.statuses
    assert report.max_latency <= settings.DATABASE_TIMEOUT + 2
    assert report.recovery_seconds is not None and report.recovery_seconds <= 5, report.figures()
    assert report.writes_acknowledged > 0
    assert [b for pk, _ in insurees for b in chain_breaks(m.Insuree, pk)] == []
    assert [
        (pk, marker)
        for pk, marker in report.acknowledged
        if marker_counts(m.Insuree, pk, "other_names").get(marker) != 1
    ] == []
