"""`bench/run --insurees N`: build/reuse the data, start the servers, measure W1-W6 against the baselines.

Measures, in one run on one machine: baseline A (plain DRF), baseline B (psycopg + json, the floor),
W1-W5 under load at N concurrent clients, W6 (CSV export) against PostgreSQL COPY, and the SQL query
counts of W1-W4. A product endpoint that is missing gives `name n/a (reason)` lines, never a crash.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import claims, load
from . import workloads as w
from .client import Unavailable, get_json, path_of, token
from .database import BenchDatabases
from .export import copy_floor, measure_export
from .report import Report
from .servers import CLOCK_TICKS, Gunicorn, ServerError, cpu_ticks, database_pids

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    parser.add_argument("--insurees", type=int, required=True, help="current insurees to build, e.g. 100000")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per figure (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load first (default 2)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--driver", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--rebuild", action="store_true", help="rebuild the legacy database even if it fits")
    parser.add_argument("--build-only", action="store_true", help="build the databases, measure nothing")
    parser.add_argument(
        "--dba-indexes",
        action="store_true",
        help="also create the indexes check_legacy_schema advises (default: the official indexes only)",
    )
    parser.add_argument("--export-limit", type=int, default=900, help="seconds allowed for W6 (default 900)")
    args = parser.parse_args(argv)
    if args.insurees < 1 or args.duration < 1 or args.clients < 1 or args.warmup < 0:
        parser.error("--insurees, --duration and --clients must be positive, --warmup not negative")
    return args


class Bench:
    def __init__(self, args):
        self.args = args
        self.driver = load.driver_name(args.driver)
        self.report = Report(ROOT, args.insurees)
        self.log_dir = ROOT / "bench" / "results" / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_ENV": "development",
            "DJANGO_DEBUG": "false",
            # DEBUG off is served hardened (config/settings.py): a key of its own, plain HTTP on localhost
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "k" * 40),
            "SECURE_SSL_REDIRECT": "false",
            "PYTHONPATH": str(ROOT),
            # no worker recycling mid-measure (config/gunicorn.py reads it; a restart skews figures)
            "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "0"),
        }
        self.db = BenchDatabases(args.pg_url, args.insurees, self.report.note, self.env)
        self.env.update(LEGACY_DATABASE_URL=self.db.legacy_url, DATABASE_URL=self.db.state_url)
        self.servers = []
        self.tokens = {}

    # --- steps -----------------------------------------------------------------------------------
    def run(self):
        current = self.db.prepare(rebuild=self.args.rebuild)
        self.report.note(f"legacy database {self.db.legacy_name}: {current} current insurees")
        if self.args.build_only:
            return
        self.db.set_dba_indexes(self.args.dba_indexes)
        self.deep = w.deep_page(current)
        self.probe = self._probe()
        self.report.note(
            f"load: {self.driver}, {self.args.clients} clients, Connection: close, "
            f"{self.args.duration} s per figure after {self.args.warmup} s warm-up"
        )
        try:
            self.product = self._start("product", "config.wsgi:application", {})
            baseline = self.probe["baseline"]
            self.floor = self._start(
                "baseline_b",
                "bench.baseline_wsgi:application",
                {
                    "BENCH_BASELINE_SQL": baseline["sql"],
                    "BENCH_BASELINE_PARAMS": json.dumps(baseline["params"]),
                    "BENCH_BASELINE_SPLIT": str(baseline["split"]),
                },
            )
            flags = self.product.command()[1 : self.product.command().index("--bind")]
            self.report.note(f"gunicorn {' '.join(flags)} -> {len(self.product.worker_pids())} workers")
            self._baselines()
            self._product_load()
            self._submissions()
            self._export()
        finally:
            for server in self.servers:
                server.stop()
        self._query_counts()
        self.report.ratio("ratio_W1_over_A", "W1_rps", "baseA_rps")
        self.report.ratio("ratio_W1_over_B", "W1_rps", "baseB_rps")
        self.report.ratio("ratio_W1_cursor_over_A", "W1_cursor_rps", "baseA_rps")

    def _probe(self):
        try:
            result = subprocess.run(
                [sys.executable, "-m", "bench.probe", "--deep-page", str(self.deep)],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=900,
            )
        except subprocess.TimeoutExpired:
            sys.exit("bench: the probe (python -m bench.probe) took more than 900 s")
        lines = result.stdout.strip().splitlines()
        if result.returncode or not lines:
            sys.exit(f"bench: the probe (python -m bench.probe) failed:\n{result.stderr[-3000:]}")
        return json.loads(lines[-1])

    def _start(self, name, app, extra_env):
        server = Gunicorn(name, app, {**self.env, **extra_env}, ROOT, self.log_dir)
        self.servers.append(server)
        try:
            return server.start()
        except ServerError as error:
            sys.exit(f"bench: {error}")

    def _measure(self, name, server, path, headers=None, body=None, duration=None, timeout=10):
        """Warm up, then load one URL (POST `body` if given); adds name_rps, name_p50, name_p99 (or n/a lines)."""
        url = server.base_url + path
        duration = duration or self.args.duration
        try:
            if self.args.warmup > 0:
                load.run(url, headers or {}, self.args.warmup, self.args.clients, self.driver, body, timeout)
            before = {pid: cpu_ticks(pid) for pid in server.worker_pids()}
            database_before = {pid: cpu_ticks(pid) for pid in database_pids()}
            result = load.run(url, headers or {}, duration, self.args.clients, self.driver, body, timeout)
        except load.LoadError as error:
            self.report.missing(f"{name}_rps", str(error).splitlines()[0])
            return None
        used = [cpu_ticks(pid) - ticks for pid, ticks in before.items()]
        database_used = sum(cpu_ticks(pid) - database_before.get(pid, 0) for pid in database_pids())
        if sum(used) > 0:  # all requests on one worker would halve throughput on 2 cores
            self.report.note(
                f"{name}: CPU split across workers " + " / ".join(f"{100 * ticks / sum(used):.0f}%" for ticks in used)
            )
        if result.requests == 0:
            self.report.missing(f"{name}_rps", f"no response within {duration} s: raise --duration")
            return None
        if result.errors:
            self.report.missing(f"{name}_rps", f"{result.errors} failed of {result.requests} requests")
            return None
        self.report.add(f"{name}_rps", result.rps, "req/s")
        self.report.add(f"{name}_p50", result.p50_ms, "ms")
        self.report.add(f"{name}_p99", result.p99_ms, "ms")
        self.report.add(f"{name}_n", result.requests, "requests")
        # where the time goes: CPU of the server's workers and of the (local) PostgreSQL server per request
        self.report.add(f"{name}_cpu_app", 1000 * sum(used) / CLOCK_TICKS / result.requests, "ms/req")
        if database_before:
            self.report.add(f"{name}_cpu_db", 1000 * database_used / CLOCK_TICKS / result.requests, "ms/req")
        return result

    def _baselines(self):
        rows = get_json(self.product.base_url, "/bench/baseline-a/insurees", {})
        floor = get_json(self.floor.base_url, "/", {})
        if len(rows) != len(floor) or [r["id"] for r in rows] != [r["InsureeID"] for r in floor]:
            sys.exit("bench: baselines A and B do not return the same insurees")
        self.report.note(
            f"baselines: {len(rows)} insurees with their family, A {len(json.dumps(rows))} bytes, "
            f"B {len(json.dumps(floor, default=str))} bytes"
        )
        self._measure("baseA", self.product, "/bench/baseline-a/insurees")
        self._measure("baseB", self.floor, "/")

    def _auth(self, login):
        if login not in self.tokens:
            self.tokens[login] = token(self.product.base_url, w.TOKEN_PATH, login)
        return {"Authorization": f"Bearer {self.tokens[login]}"}

    def _workload(self, workload, names=None):
        """Check one request answers 200 JSON, then load it. Returns the document (None if n/a)."""
        try:
            headers = self._auth(workload.login)
            document = get_json(self.product.base_url, workload.path, headers)
        except Unavailable as error:
            for name in names or [f"{workload.name}_rps"]:
                self.report.missing(name, str(error))
            return None
        self._measure(workload.name, self.product, workload.path, headers)
        return document

    def _product_load(self):
        first = self._workload(w.W1)
        self._workload(w.W1_CURSOR)
        self._workload(w.W2)
        self._workload(w.W3)
        data = (first or {}).get("data") or []
        if data:
            self._workload(w.single(data[0]["id"]))
        else:
            self.report.missing("W4_rps", "endpoint missing: no insuree id from W1")
        self.report.add("W5_deep_page", self.deep, "page")
        cursor_first = self._workload(w.W5_CURSOR_FIRST)
        cursor = self._deep_cursor(cursor_first)
        deep_cursor = w.cursor_page(cursor or "", self.deep)
        if cursor is not None:
            self._workload(deep_cursor)
        else:
            self.report.missing(
                f"{deep_cursor.name}_rps", "no cursor for the deep page (TODO hook: bench.probe.deep_cursor)"
            )
        self._workload(w.W5_NUMBER_FIRST)
        self._workload(w.number_page(self.deep))
        for mode in ("cursor", "number"):
            self.report.ratio(f"ratio_W5_{mode}_deep_over_p1", f"W5_{mode}_p{self.deep}_p50", f"W5_{mode}_p1_p50")
        self._workload(w.W7)
        self._workload(w.W8)

    def _submissions(self):
        """W9: entered claims submitted once each (bench/claims.py), for at most --duration seconds."""
        headers = self._auth(w.ADMIN)
        wanted = max(100, 60 * self.args.duration)  # more than 2 cores submit in that time
        tagged = claims.etags(self.product.base_url, headers, claims.entered_claims(self.db.legacy_url, wanted))
        if not tagged:
            self.report.missing("W9_rps", "no entered claim (status 2) left in the bench database: --rebuild")
            return
        pids = self.product.worker_pids()
        before, database_before = {pid: cpu_ticks(pid) for pid in pids}, {p: cpu_ticks(p) for p in database_pids()}
        result = claims.submit_all(self.product.base_url, headers, tagged, self.args.duration, self.args.clients)
        used = sum(cpu_ticks(pid) - ticks for pid, ticks in before.items())
        database_used = sum(cpu_ticks(pid) - database_before.get(pid, 0) for pid in database_pids())
        if result.failed or not result.submitted:
            self.report.missing("W9_rps", f"{result.failed} of {result.failed + result.submitted} submissions failed")
            return
        self.report.add("W9_rps", result.rps, "req/s")
        self.report.add("W9_n", result.submitted, "requests")
        self.report.add("W9_cpu_app", 1000 * used / CLOCK_TICKS / result.submitted, "ms/req")
        if database_before:
            self.report.add("W9_cpu_db", 1000 * database_used / CLOCK_TICKS / result.submitted, "ms/req")

    def _deep_cursor(self, first_document, time_limit=120):
        """The API's own encoder (from the probe), else walk `links.next` within a time bound."""
        if self.probe.get("deep_cursor") is not None:
            self.report.note(f"cursor of page {self.deep}: api.pagination.encode_cursor on the pk at its offset")
            return self.probe["deep_cursor"]
        if first_document is None:
            return None
        self.report.note(f"cursor of page {self.deep}: walking links.next (at most {time_limit} s)")
        if self.deep == 1:
            return ""
        document, page, started = first_document, 1, time.monotonic()
        headers = self._auth(w.ADMIN)
        while time.monotonic() - started < time_limit:
            next_url = (document.get("links") or {}).get("next")
            if not next_url:
                return None
            if page + 1 == self.deep:
                return _after(next_url)
            try:
                document = get_json(self.product.base_url, path_of(next_url), headers)
            except Unavailable:
                return None
            page += 1
        return None

    def _export(self):
        try:
            headers = self._auth(w.ADMIN)
            pids = self.product.worker_pids()
            result = measure_export(self.product.base_url, w.W6.path, headers, pids, self.args.export_limit)
        except Unavailable as error:
            for name in ("W6_rows_per_s", "W6_peak_rss"):
                self.report.missing(name, str(error))
            result = None
        columns = self.probe["columns"]
        if result is not None:
            if not result.complete:
                self.report.note(
                    f"W6 stopped at --export-limit {self.args.export_limit} s: figures cover the rows read until then"
                )
            self.report.add("W6_rows", result.rows, "rows")
            self.report.add("W6_rows_per_s", result.rows / result.seconds, "rows/s")
            self.report.add("W6_peak_rss", result.peak_rss_mb, "MB")
            self.report.add("W6_rss_before", result.start_rss_mb, "MB")
            unknown = [name for name in result.header if name not in columns]
            if unknown:
                self.report.note(f"W6 CSV columns without a legacy column (left out of COPY): {unknown}")
            selected = [columns[name] for name in result.header if name in columns]
        else:
            selected = sorted(set(columns.values()))
            self.report.note("W6 floor: COPY of every insuree column (the API's CSV columns are unknown)")
        rows, seconds = copy_floor(self.db.legacy_url, list(dict.fromkeys(selected)))
        self.report.add("W6_copy_rows", rows, "rows")
        self.report.add("W6_copy_rows_per_s", rows / seconds, "rows/s")
        self.report.ratio("ratio_W6_over_copy", "W6_rows_per_s", "W6_copy_rows_per_s")

    def _query_counts(self):
        for name, counts in self.probe["queries"].items():
            if "error" in counts:
                self.report.missing(f"queries_{name}", counts["error"])
                continue
            self.report.add(f"queries_{name}", counts["total"], "queries")
            self.report.add(f"queries_{name}_legacy", counts["legacy"], "queries")


def _after(url):
    """The `page[after]` value of a `links.next` URL."""
    return parse_qs(urlsplit(url).query, keep_blank_values=True).get("page[after]", [None])[0]


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the `finally` that stops the servers
    try:
        bench = Bench(args)
    except load.LoadError as error:
        sys.exit(f"bench: {error}")
    try:
        bench.run()
    finally:
        if bench.report.lines:
            print(f"# written to {bench.report.write().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
