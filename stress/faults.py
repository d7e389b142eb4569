"""Database faults under load against a real server (gunicorn): see robust/faults.py. Prints figures;
exit 1 when a caller saw anything but 200/JSON:API 503, recovery took over 5 s, or a history chain broke."""

import argparse
import json
import sys

import django

from stress.server import gunicorn, patch_offered


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--outage", type=float, default=2)
    args = parser.parse_args()
    django.setup()
    from legacy import models as m
    from robust import world
    from robust.faults import FaultRun
    from robust.history import chain_breaks, marker_counts

    with gunicorn() as base:
        token = world.login("Admin")
        insurees = list(m.Insuree.objects.current().order_by("pk").values_list("pk", "uuid")[:10])
        report = FaultRun(
            base, token, [(pk, uuid.lower()) for pk, uuid in insurees], api_writers=2 if patch_offered(token) else 0
        ).run(seconds=args.seconds, kill_at=2, outage=args.outage)
    breaks = [b for pk, _ in insurees for b in chain_breaks(m.Insuree, pk)]
    lost = [
        (pk, marker)
        for pk, marker in report.acknowledged
        if marker_counts(m.Insuree, pk, "other_names").get(marker, 0) < 1
    ]
    figures = {**report.figures(), "history_breaks": len(breaks), "lost_updates": len(lost)}
    print("faults", json.dumps(figures), flush=True)
    for line in [*report.bad[:5], *breaks[:5], *lost[:5]]:
        print("  finding:", line)
    ok = (
        not report.bad
        and not breaks
        and not lost
        and report.recovery_seconds is not None
        and report.recovery_seconds <= 5
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
