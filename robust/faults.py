"""Database faults under load: kill every PostgreSQL connection of the legacy database while HTTP readers
and legacy-style writers run, then measure what callers saw and how fast the service recovered.

`FaultRun(base_url, token, insuree_ids).run(seconds, kill_at, outage)` returns a `FaultReport`. The fault,
during `outage` seconds: on PostgreSQL `pg_terminate_backend` on every other backend of the database,
repeated; on SQLite (no server to kill) an exclusive lock held on the database file.
"""

import sqlite3
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.db import connections

from api.testing import JSONAPI
from legacy import models as m

from .history import legacy_style_update


def kill_backends(alias="legacy"):
    """Terminate every other session on the alias's database; returns how many were killed."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def database_outage(seconds, alias="legacy"):
    """Make the database unusable for `seconds`; returns how many sessions were killed (0 on SQLite)."""
    connection = connections[alias]
    until, killed = time.monotonic() + seconds, 0
    if connection.vendor == "postgresql":
        while time.monotonic() < until:
            killed += kill_backends(alias)
            time.sleep(0.05)
        return killed
    locker = sqlite3.connect(connection.settings_dict["NAME"], timeout=30, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        time.sleep(max(0.0, until - time.monotonic()))
        locker.execute("ROLLBACK")
    finally:
        locker.close()
    return killed


@dataclass
class FaultReport:
    requests: int = 0
    statuses: dict = field(default_factory=dict)
    bad: list = field(default_factory=list)  # 5xx other than a JSON:API 503, or a non-JSON:API error
    max_latency: float = 0.0
    killed: int = 0
    recovery_seconds: float | None = None  # from the end of the outage to the first success of every reader
    writes_acknowledged: int = 0
    writes_failed: int = 0
    acknowledged: list = field(default_factory=list)  # (insuree pk, marker)

    def figures(self):
        return {
            "requests": self.requests,
            "statuses": dict(sorted(self.statuses.items())),
            "bad": len(self.bad),
            "max_latency_s": round(self.max_latency, 3),
            "backends_killed": self.killed,
            "recovery_s": None if self.recovery_seconds is None else round(self.recovery_seconds, 3),
            "writes_acknowledged": self.writes_acknowledged,
            "writes_failed": self.writes_failed,
        }


class FaultRun:
    def __init__(self, base_url, token, insuree_ids, readers=4, writers=2, api_writers=0):
        self.base_url, self.token, self.insuree_ids = base_url.rstrip("/"), token, insuree_ids
        self.readers, self.writers, self.api_writers = readers, writers, api_writers
        self.lock = threading.Lock()
        self.report = FaultReport()
        self.first_success_after = {}

    def _get(self, path):
        request = urllib.request.Request(
            self.base_url + path,
            headers={"Authorization": f"Bearer {self.token}", "Accept": JSONAPI, "Connection": "close"},
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, ctype, body = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            status, ctype, body = error.code, error.headers.get("Content-Type", ""), error.read()
        return status, ctype, body, time.monotonic() - started

    def _reader(self, number, stop, outage_end):
        paths = [
            "/api/insurees/?page[size]=5",
            "/api/families/?include=head&page[size]=3",
            f"/api/insurees/{self.insuree_ids[number % len(self.insuree_ids)][1]}/history",
        ]
        n = 0
        while not stop.is_set():
            status, ctype, body, latency = self._get(paths[n % len(paths)])
            n += 1
            with self.lock:
                self.report.requests += 1
                self.report.statuses[status] = self.report.statuses.get(status, 0) + 1
                self.report.max_latency = max(self.report.max_latency, latency)
                if status >= 500 and not (status == 503 and ctype.startswith(JSONAPI) and b'"errors"' in body):
                    self.report.bad.append((status, body[:200]))
                if (
                    status == 200
                    and outage_end[0] is not None
                    and number not in self.first_success_after
                    and time.monotonic() >= outage_end[0]
                ):
                    self.first_success_after[number] = time.monotonic() - outage_end[0]

    def _writer(self, number, stop):
        n = 0
        while not stop.is_set():
            pk, _ = self.insuree_ids[(number + n) % len(self.insuree_ids)]
            marker = f"f{number}-{n}"
            n += 1
            try:
                legacy_style_update(m.Insuree, pk, {"other_names": marker})
            except Exception:  # a killed connection: the transaction is rolled back, nothing acknowledged
                with self.lock:
                    self.report.writes_failed += 1
                connections["legacy"].close()
                time.sleep(0.05)
                continue
            with self.lock:
                self.report.writes_acknowledged += 1
                self.report.acknowledged.append((pk, marker))
        connections["legacy"].close()

    def _api_writer(self, number, stop):
        """PATCH + If-Match through the API; 503/412 are retried inside, any other 5xx is a finding."""
        from .concurrency import ConcurrentWriters

        api = ConcurrentWriters(self.insuree_ids, self.base_url, self.token)
        n = 0
        while not stop.is_set():
            pk, uuid = self.insuree_ids[(number + n) % len(self.insuree_ids)]
            marker = f"a{number}-{n}"
            n += 1
            done = api._api_update(number, pk, uuid, marker)
            with self.lock:
                self.report.bad += [("api write",) + error for error in api.report.server_errors]
                api.report.server_errors.clear()
                if done:
                    self.report.writes_acknowledged += 1
                    self.report.acknowledged.append((pk, marker))
                else:
                    self.report.writes_failed += 1

    def run(self, seconds=6.0, kill_at=1.5, outage=1.0):
        stop, outage_end = threading.Event(), [None]
        threads = [threading.Thread(target=self._reader, args=(i, stop, outage_end)) for i in range(self.readers)]
        threads += [threading.Thread(target=self._writer, args=(i, stop)) for i in range(self.writers)]
        threads += [threading.Thread(target=self._api_writer, args=(i, stop)) for i in range(self.api_writers)]
        for thread in threads:
            thread.start()
        time.sleep(kill_at)
        self.report.killed = database_outage(outage)
        outage_end[0] = time.monotonic()
        time.sleep(max(0.0, seconds - kill_at - outage))
        stop.set()
        for thread in threads:
            thread.join()
        if len(self.first_success_after) == self.readers:
            self.report.recovery_seconds = max(self.first_success_after.values())
        return self.report
