"""Concurrent writers on the same insurees: API workers (HTTP PATCH with If-Match, against a running
server) and legacy workers (raw SQL transactions with a row lock, as the legacy application writes).

Each acknowledged update writes a unique marker into OtherNames. `check(...)` then verifies, per insuree:
every acknowledged marker is present exactly once in the history chain, the chain is contiguous, each
worker's markers appear in the order it wrote them, and the current row holds an acknowledged marker
(the last write). Deadlocks or lock timeouts must surface as a retry or a 409/503, never as a 500.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.db import DatabaseError, connections

from api.testing import JSONAPI
from legacy import models as m

from .history import chain, chain_breaks, legacy_style_update

RETRYABLE = {409, 412, 503}


@dataclass
class WriteReport:
    acknowledged: list = field(default_factory=list)  # (worker, insuree pk, marker, n)
    retries: int = 0
    server_errors: list = field(default_factory=list)
    gave_up: int = 0

    def figures(self):
        return {
            "acknowledged": len(self.acknowledged),
            "retries": self.retries,
            "5xx": len(self.server_errors),
            "gave_up": self.gave_up,
        }


class ConcurrentWriters:
    def __init__(self, insurees, base_url=None, token=None, api_workers=4, legacy_workers=4, updates=20):
        self.insurees = insurees  # [(pk, uuid)]
        self.base_url, self.token = (base_url or "").rstrip("/"), token
        self.api_workers = api_workers if base_url else 0
        self.legacy_workers, self.updates = legacy_workers, updates
        self.report, self.lock = WriteReport(), threading.Lock()

    def _http(self, method, path, body=None, headers=()):
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            data=body,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": JSONAPI,
                "Content-Type": JSONAPI,
                "Connection": "close",
                **dict(headers),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def _api_update(self, worker, pk, uuid, marker):
        for _ in range(200):
            status, headers, body = self._http("GET", f"/api/insurees/{uuid}")
            if status == 200:
                document = json.dumps({"data": {"type": "insurees", "id": uuid, "attributes": {"otherNames": marker}}})
                status, headers, body = self._http(
                    "PATCH", f"/api/insurees/{uuid}", document.encode(), {"If-Match": headers["ETag"]}
                )
                if status == 200:
                    return True
            if status >= 500 and status != 503:
                with self.lock:
                    self.report.server_errors.append((status, body[:300]))
            elif status not in RETRYABLE:
                raise AssertionError(f"unexpected {status}: {body[:300]}")
            with self.lock:
                self.report.retries += 1
            time.sleep(0.01)
        return False

    def _legacy_update(self, worker, pk, uuid, marker):
        for _ in range(200):
            try:
                legacy_style_update(m.Insuree, pk, {"other_names": marker})
                return True
            except DatabaseError:  # deadlock/lock timeout/killed session: rolled back, retry
                connections["legacy"].close()
                with self.lock:
                    self.report.retries += 1
        return False

    def _worker(self, worker, update):
        try:
            for n in range(self.updates):
                pk, uuid = self.insurees[(worker + n) % len(self.insurees)]
                marker = f"w{worker}-{n}"
                if update(worker, pk, uuid, marker):
                    with self.lock:
                        self.report.acknowledged.append((worker, pk, marker, n))
                else:
                    with self.lock:
                        self.report.gave_up += 1
        finally:
            connections["legacy"].close()

    def run(self):
        workers = [(i, self._api_update) for i in range(self.api_workers)]
        workers += [(self.api_workers + i, self._legacy_update) for i in range(self.legacy_workers)]
        threads = [threading.Thread(target=self._worker, args=args) for args in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.report


def check(report, insurees):
    """Lost/duplicated updates, chain breaks, out-of-order versions, wrong final rows (all lists)."""
    problems = {"lost_or_duplicated": [], "chain_breaks": [], "reordered": [], "final_row": []}
    for pk, _ in insurees:
        versions = chain(m.Insuree, pk)
        markers = [v.other_names for v in versions]
        acked = [(w, marker, n) for w, p, marker, n in report.acknowledged if p == pk]
        for _, marker, _ in acked:
            if markers.count(marker) != 1:
                problems["lost_or_duplicated"].append((pk, marker, markers.count(marker)))
        problems["chain_breaks"] += chain_breaks(m.Insuree, pk)
        for worker in {w for w, _, _ in acked}:
            own = [marker for marker in markers if marker.startswith(f"w{worker}-")]
            if own != sorted(own, key=lambda value: int(value.split("-")[1])):
                problems["reordered"].append((pk, worker, own))
        if acked and markers[-1] not in {marker for _, marker, _ in acked}:
            problems["final_row"].append((pk, markers[-1]))
    return problems


def api_can_patch_insurees(schema):
    """Does the served OpenAPI schema offer PATCH on an insuree (the API half of the writers)?"""
    return any(
        "patch" in item for path, item in schema.get("paths", {}).items() if path.rstrip("/") == "/api/insurees/{id}"
    )
