"""`bench/peer/run --insurees N`: our W1 and the openIMIS modular backend's GraphQL API, side by side in one run.

The peer runs the modules published on PyPI (bench/peer/requirements.txt) in a venv of its own, over a copy
of the bench database (`bench_peer_<N>`, fitted to its models by `peer_site.prepare`), under the same
gunicorn settings (config/gunicorn.py). Both serve the same insurees with their family: our
`GET /api/insurees?page[size]=100&include=family` and the peer's `insurees(first: 100)` query
(bench/peer/site/peer_site/w1.graphql) with a JWT from its `tokenAuth` mutation and the CSRF token of its
`getCsrfToken` mutation. Figures: `W1_*` and `peer_*` (req/s, p50/p99, CPU per request of the workers and
of PostgreSQL), statements per request of each, `ratio_W1_over_peer`.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

from .. import workloads as w
from ..client import request
from ..harness import ROOT, Bench
from ..servers import Gunicorn
from . import peer_client, venv

SITE = Path(__file__).resolve().parent / "site"
QUERY = (SITE / "peer_site" / "w1.graphql").read_text()


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/peer/run", description=__doc__.split("\n")[0])
    parser.add_argument("--insurees", type=int, required=True, help="current insurees, e.g. 63 (demo) or 100000")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per figure (default 10)")
    parser.add_argument(
        "--peer-duration", type=int, default=60, help="seconds of load for the peer (default 60: ~1 s a request)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load first (default 2)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--driver", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--rebuild", action="store_true", help="rebuild the bench database even if it fits")
    parser.add_argument("--peer-venv", type=Path, default=ROOT / "var" / "peer" / "venv")
    parser.add_argument("--time-limit", type=int, default=5400, help="stop everything after this many s")
    args = parser.parse_args(argv)
    if args.insurees < 1 or min(args.duration, args.peer_duration, args.clients) < 1 or args.warmup < 0:
        parser.error("--insurees, --duration and --clients must be positive, --warmup not negative")
    args.dba_indexes = False
    return args


class PeerGunicorn(Gunicorn):
    """The peer's gunicorn, from its own venv, with our config file read by bench/peer/site/gunicorn_peer.py."""

    def __init__(self, python, env, log_dir):
        super().__init__("peer", "peer_site.wsgi:application", env, SITE, log_dir)
        self.python = python

    def command(self):
        gunicorn = str(Path(self.python).with_name("gunicorn"))
        config = str(SITE / "gunicorn_peer.py")
        return [gunicorn, "--config", config, "--bind", f"127.0.0.1:{self.port}", "--chdir", str(SITE), self.app]


class SideBySide(Bench):
    def __init__(self, args):
        super().__init__(args)
        # a state database of our own: bench/run's (bench_state_<N>) may be in use by a run of its own
        self.db.state_name = f"bench_peer_state_{args.insurees}"
        self.env["DATABASE_URL"] = self.db.state_url
        self.peer_name = f"bench_peer_{args.insurees}"
        self.peer_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peer_site.settings",
            "PEER_DATABASE_URL": self.db.legacy_url.rsplit("/", 1)[0] + "/" + self.peer_name,
            "PEER_PRODUCT_ROOT": str(ROOT),
            "GUNICORN_MAX_REQUESTS": self.env["GUNICORN_MAX_REQUESTS"],
            "PYTHONPATH": str(SITE),
        }

    def run(self):
        python = venv.ensure(self.args.peer_venv, self.report.note)
        current = self.db.prepare(rebuild=self.args.rebuild)
        self.report.note(f"legacy database {self.db.legacy_name}: {current} current insurees")
        self.db.set_dba_indexes(False)
        self._copy()
        self._peer("peer_site.prepare", python, timeout=1800)
        self.deep = 1
        self.probe = self._probe()
        peer_probe = json.loads(self._peer("peer_site.probe", python, timeout=600).strip().splitlines()[-1])
        self.report.note("peer versions: " + ", ".join(f"{k} {v}" for k, v in peer_probe["versions"].items()))
        try:
            self.product = self._start("product", "config.wsgi:application", {})
            peer = PeerGunicorn(python, self.peer_env, self.log_dir)
            self.servers.append(peer)
            peer.start(ready_timeout=180)
            self._check_same_rows(peer_probe)
            self._workload(w.W1)
            headers = peer_client.login(peer.base_url, w.ADMIN)
            body = json.dumps({"query": QUERY}).encode()
            self.report.add("peer_bytes", len(peer_client.post(peer.base_url, body, headers)), "bytes")
            self._measure("peer", peer, peer_client.PATH, headers, body, self.args.peer_duration, timeout=120)
        finally:
            for server in self.servers:
                server.stop()
        counts = self.probe["queries"].get("W1", {})
        if "total" in counts:
            self.report.add("queries_W1", counts["total"], "queries")
        self.report.add("queries_peer", peer_probe["statements"], "queries")
        self.report.ratio("ratio_W1_over_peer", "W1_rps", "peer_rps")
        self.report.ratio("ratio_peer_cpu_app_over_W1", "peer_cpu_app", "W1_cpu_app")

    def _copy(self):
        """A fresh copy of the bench database for the peer (its fitting adds tables, columns and rows)."""
        with psycopg.connect(self.db.legacy_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.peer_name)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(self.peer_name), sql.Identifier(self.db.legacy_name)
                )
            )
        self.report.note(f"peer database {self.peer_name}: a copy of {self.db.legacy_name}")

    def _peer(self, module, python, timeout):
        try:
            result = subprocess.run(
                [python, "-m", module], cwd=SITE, env=self.peer_env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            sys.exit(f"bench: the peer's {module} took more than {timeout} s")
        if result.returncode:
            sys.exit(f"bench: the peer's {module} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        for line in result.stdout.splitlines():  # the modules print their configuration too: keep ours
            if line.startswith(("peer schema:", "  renamed ", "  column ")):
                self.report.note("  " + line.strip())
        return result.stdout

    def _check_same_rows(self, peer_probe):
        """Both must serve the same insurees, in the same order (our ids are the legacy UUIDs)."""
        status, raw = request(self.product.base_url, "GET", w.W1.path, self._auth(w.ADMIN))
        if status != 200:
            sys.exit(f"bench: W1 is not served: GET {w.W1.path} -> {status}")
        document = json.loads(raw)
        self.report.add("W1_bytes", len(raw), "bytes")
        ours = [item["id"].lower() for item in document["data"]]
        theirs = [uuid.lower() for uuid in peer_probe["uuids"]]
        same = "the same insurees in the same order" if ours == theirs else "DIFFERENT insurees"
        self.report.note(
            f"W1: {len(ours)} insurees, {len(document.get('included', []))} included; peer: {len(theirs)} "
            f"insurees of {peer_probe['total']}, {peer_probe['bytes']} bytes: {same}"
        )


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the `finally` that stops the servers
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"bench: --time-limit {args.time_limit} s reached"))
    signal.alarm(args.time_limit)
    bench = SideBySide(args)
    try:
        bench.run()
    finally:
        if bench.report.lines:
            print(f"# written to {bench.report.write().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
