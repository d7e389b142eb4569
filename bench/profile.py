"""Time (and optionally profile) the bench requests in process, against a bench database the harness built.

Run: `.venv/bin/python -m bench.profile --insurees 100000 [--rounds 30] [--profile W1] [W1 W1_cursor ...]`.
No HTTP and no gunicorn, so the figures move less with the machine's load than the harness's: each line
is the median wall-clock ms of `--rounds` requests (after two unmeasured ones), the least CPU time this
process spent on one (steadier when the machine is busy; the database's time is not in it) and the SQL
query count. Baseline A
is timed the same way. `--profile NAME` prints pyinstrument's call tree of that request
(`pip install pyinstrument`; not a product dependency).
"""

import argparse
import os
import statistics
import sys
import time

WORKLOADS = ("baseA", "W1", "W1_cursor", "W2", "W3", "W4", "W6")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n")[0])
    parser.add_argument("--insurees", type=int, required=True, help="size of the bench database to use")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--profile", choices=WORKLOADS, help="print pyinstrument's call tree of this request")
    parser.add_argument("names", nargs="*", help="requests to time (default: all but W6)")
    return parser.parse_args(argv)


def setup(args):
    from .database import database_url

    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_ENV="development",
        DJANGO_DEBUG="false",
        # DEBUG off is served hardened (config/settings.py): a key of its own, plain HTTP on localhost
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "k" * 40),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        LEGACY_DATABASE_URL=database_url(args.pg_url, f"bench_legacy_{args.insurees}"),
        DATABASE_URL=database_url(args.pg_url, f"bench_state_{args.insurees}"),
    )
    import django

    django.setup()


def requests():
    """{name: () -> response bytes}: the harness's workloads through Django's test client."""
    from django.test import Client

    from . import workloads as w
    from .probe import Counter

    counter, client = Counter(), Client()

    def get(workload, accept=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {counter.token(workload.login)}"}
        if accept:
            headers["HTTP_ACCEPT"] = accept

        def send():
            response = client.get(workload.path, **headers)
            assert response.status_code == 200, (workload.path, response.status_code)
            return b"".join(response) if response.streaming else response.content

        return send

    first = client.get(w.W1.path, HTTP_AUTHORIZATION=f"Bearer {counter.token(w.ADMIN)}").json()["data"][0]["id"]
    return {
        "baseA": lambda: client.get("/bench/baseline-a/insurees").content,
        "W1": get(w.W1),
        "W1_cursor": get(w.W1_CURSOR),
        "W2": get(w.W2),
        "W3": get(w.W3),
        "W4": get(w.single(first)),
        "W6": get(w.W6, accept="text/csv"),
    }


def timed(send, rounds):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    send(), send()
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        send()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connections["legacy"]) as legacy, CaptureQueriesContext(connections["default"]) as state:
        size = len(send())
    return statistics.median(wall), min(cpu), len(legacy) + len(state), size


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup(args)
    sends = requests()
    if args.profile:
        from pyinstrument import Profiler

        sends[args.profile](), sends[args.profile]()
        with Profiler(interval=0.0002) as profiler:
            for _ in range(args.rounds):
                sends[args.profile]()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    for name in args.names or [name for name in WORKLOADS if name != "W6"]:
        wall, cpu, queries, size = timed(sends[name], args.rounds if name != "W6" else 3)
        print(f"{name:10} {wall:8.2f} ms  {cpu:8.2f} ms CPU (min) {queries:2d} queries  {size:9d} bytes")


if __name__ == "__main__":
    main()
