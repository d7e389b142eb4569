"""Long schemathesis run (see robust/fuzz.py): every operation, `--examples` cases each, as the
administrator, the district clerk and the claim administrator. Prints figures; exit 1 on any finding."""

import argparse
import json
import sys
import time

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=10, help="cases per operation and caller")
    parser.add_argument("--logins", default="Admin,Clerk,ClaimAdmin")
    parser.add_argument("--findings", help="write every finding to this file")
    args = parser.parse_args()
    django.setup()
    from api.urls import site
    from robust import world
    from robust.fuzz import Fuzzer, FuzzReport, known_ids, load_schema, wsgi_app
    from robust.oracle import ScopeOracle

    total, failed = FuzzReport(), False
    with wsgi_app() as app:
        for login in args.logins.split(","):
            started = time.monotonic()
            token = world.login(login)
            oracle = None if login == "Admin" else ScopeOracle(world.legacy_user(login))
            fuzzer = Fuzzer(
                load_schema(app, token), token, lambda login=login: world.login(login), oracle, site, known_ids(site)
            )
            report = fuzzer.run(args.examples, seed=1)
            figures = {
                "login": login,
                "operations": len(list(fuzzer.operations())),
                **report.figures(),
                "seconds": round(time.monotonic() - started, 1),
            }
            print("fuzz", json.dumps(figures), flush=True)
            for line in (report.server_errors + report.nonconforming + report.leaks)[:20]:
                print("  finding:", line[:400])
            failed |= bool(report.server_errors or report.nonconforming or report.leaks)
            if args.findings:
                with open(args.findings, "a") as out:
                    out.writelines(
                        f"{login} {line}\n\n" for line in report.server_errors + report.nonconforming + report.leaks
                    )
            total.add(report)
    print("fuzz total", json.dumps(total.figures()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
