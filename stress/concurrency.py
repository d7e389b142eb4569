"""Concurrent writers, long version (robust/concurrency.py): 8 workers x `--updates` on the same 10
insurees against gunicorn, half through the API (when it offers PATCH) and half as legacy-style SQL.
Prints figures; exit 1 on any lost/duplicated update, chain break, reorder, wrong final row or 5xx."""

import argparse
import json
import sys
import time

import django

from stress.server import gunicorn, patch_offered


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args()
    django.setup()
    from legacy import models as m
    from robust import world
    from robust.concurrency import ConcurrentWriters, check

    insurees = [
        (pk, uuid.lower()) for pk, uuid in m.Insuree.objects.current().order_by("pk").values_list("pk", "uuid")[:10]
    ]
    with gunicorn() as base:
        token = world.login("Admin")
        api = patch_offered(token)
        writers = ConcurrentWriters(
            insurees, base if api else None, token, api_workers=4, legacy_workers=4 if api else 8, updates=args.updates
        )
        started = time.monotonic()
        report = writers.run()
        seconds = time.monotonic() - started
    problems = check(report, insurees)
    figures = {
        "api_workers": writers.api_workers,
        "legacy_workers": writers.legacy_workers,
        "updates_per_worker": args.updates,
        **report.figures(),
        "seconds": round(seconds, 1),
        **{name: len(found) for name, found in problems.items()},
    }
    print("concurrency", json.dumps(figures), flush=True)
    for name, found in problems.items():
        for item in found[:5]:
            print(f"  {name}:", item)
    failed = report.server_errors or report.gave_up or any(problems.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
