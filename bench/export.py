"""W6: the CSV export of all current insurees (rows/s, peak worker RSS) and its floor, PostgreSQL COPY."""

import http.client
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from .client import Unavailable
from .servers import cpu_ticks, rss_kb

CHUNK = 1 << 16


@dataclass
class ExportResult:
    rows: int
    seconds: float
    peak_rss_mb: float
    start_rss_mb: float
    header: list
    complete: bool  # False: stopped at the time limit, figures cover the rows read until then


class RssSampler(threading.Thread):
    """The highest VmRSS of each worker while the export runs (sampled every 50 ms).

    The worker that served the export is the one that used the most CPU meanwhile."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids = pids
        self.before = {pid: rss_kb(pid) for pid in pids}
        self.peak = dict(self.before)
        self.ticks = {pid: cpu_ticks(pid) for pid in pids}
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.05):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_kb(pid))

    def serving(self):
        """(peak kB, start kB) of the worker that served the export."""
        if not self.pids:
            return 0, 0
        pid = max(self.pids, key=lambda p: cpu_ticks(p) - self.ticks[p])
        return self.peak[pid], self.before[pid]


def measure_export(base_url, path, headers, worker_pids, time_limit):
    parts = urlsplit(base_url)
    sampler = RssSampler(worker_pids)
    sampler.start()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    started = time.monotonic()
    try:
        conn.request("GET", path, headers={"Connection": "close", "Accept": "text/csv", **headers})
        response = conn.getresponse()
        if response.status != 200 or "csv" not in (response.getheader("Content-Type") or ""):
            raise Unavailable(f"endpoint missing: GET {path} -> {response.status} {response.getheader('Content-Type')}")
        first = response.readline()
        newlines, complete = 0, True
        while chunk := response.read(CHUNK):
            newlines += chunk.count(b"\n")
            if time.monotonic() - started > time_limit:
                complete = False
                break
        seconds = time.monotonic() - started
    finally:
        conn.close()
        sampler.done.set()
        sampler.join(1)
    header = first.decode().strip().split(",")
    peak_kb, start_kb = sampler.serving()
    return ExportResult(newlines, seconds, peak_kb / 1024, start_kb / 1024, header, complete)


def copy_floor(dsn, columns):
    """COPY of the same columns of the current insurees, in primary-key order; returns (rows, seconds)."""
    query = sql.SQL(
        'COPY (SELECT {} FROM "tblInsuree" WHERE "ValidityTo" IS NULL ORDER BY "InsureeID") TO STDOUT WITH CSV'
    ).format(sql.SQL(", ").join(map(sql.Identifier, columns)))
    started = time.monotonic()
    rows = 0
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        with cursor.copy(query) as copy:
            for block in copy:
                rows += bytes(block).count(b"\n")
    return rows, time.monotonic() - started
