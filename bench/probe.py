"""Django-side facts for the harness, printed as one JSON object (run: python -m bench.probe ...).

- `queries`: SQL queries per request for W1-W4, W7, W8, W9 (Django test client + CaptureQueriesContext on both
  database aliases; each request is sent twice and the second, steady-state one is counted);
- `baseline`: baseline A's SQL, compiled from its queryset, for baseline B;
- `columns`: JSON:API attribute names of the insuree -> legacy columns (for the W6 COPY floor);
- `deep_cursor`: the `page[after]` cursor of page N, computed with the API's own encoder when it has one.
"""

import argparse
import json
import os

import django
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import workloads as w


def baseline_sql():
    from legacy.models import Insuree

    from .baseline_drf import baseline_queryset

    sql, params = baseline_queryset().query.get_compiler(using="legacy").as_sql()
    return {"sql": sql, "params": list(params), "split": len(Insuree._meta.concrete_fields)}


def column_map():
    from api.query import camel
    from legacy.models import Insuree

    names = {}
    for field in Insuree._meta.concrete_fields:
        for name in (field.name, field.attname, camel(field.name), camel(field.attname)):
            names[name] = field.column
    names.setdefault("id", Insuree._meta.get_field("uuid").column)  # JSON:API ids are the legacy UUIDs
    names.setdefault("validFrom", Insuree._meta.get_field("validity_from").column)  # the API's shorter names
    names.setdefault("validTo", Insuree._meta.get_field("validity_to").column)
    return names


def deep_cursor(page):
    from legacy.models import Insuree

    try:
        from api.pagination import encode_cursor
    except ImportError:
        return None  # TODO(bench): the API has no cursor encoder to import; the harness walks links.next
    offset = (page - 1) * w.PAGE_SIZE - 1
    if offset < 0:
        return ""
    try:
        pk = Insuree.objects.current().order_by("pk").values_list("pk", flat=True)[offset]
    except IndexError:
        return None
    return encode_cursor(pk)


def _what(response):
    return "endpoint missing" if response.status_code in (404, 405) else "request failed"


class Counter:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.tokens = {}

    def token(self, login):
        if login not in self.tokens:
            username, password = login
            response = self.client.post(
                w.TOKEN_PATH, {"username": username, "password": password}, content_type="application/json"
            )
            if response.status_code not in (200, 201):
                raise LookupError(f"{_what(response)}: POST {w.TOKEN_PATH} -> {response.status_code}")
            self.tokens[login] = json.loads(response.content)["token"]
        return self.tokens[login]

    def count(self, workload):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token(workload.login)}"}
        for _ in range(2):
            with (
                CaptureQueriesContext(connections["legacy"]) as legacy,
                CaptureQueriesContext(connections["default"]) as state,
            ):
                response = self.client.get(workload.path, **headers)
        if response.status_code != 200:
            raise LookupError(f"{_what(response)}: GET {workload.path} -> {response.status_code}")
        return response, {"legacy": len(legacy), "state": len(state), "total": len(legacy) + len(state)}

    def count_submission(self):
        """W9: statements of one claim submission (GET for its ETag first, uncounted); the second one counted."""
        from legacy.models import Claim

        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token(w.ADMIN)}"}
        entered = Claim.objects.current().filter(status=2, items__validity_to__isnull=True).distinct()
        ids = [str(uuid).lower() for uuid in entered.order_by("-pk").values_list("uuid", flat=True)[:2]]
        if len(ids) < 2:
            raise LookupError("no entered claim (status 2) left in the bench database")
        for claim_id in ids:
            tag = self.client.get(f"/api/claims/{claim_id}", **headers).get("ETag")
            with (
                CaptureQueriesContext(connections["legacy"]) as legacy,
                CaptureQueriesContext(connections["default"]) as state,
            ):
                response = self.client.post(f"/api/claims/{claim_id}/submit", **headers, HTTP_IF_MATCH=tag or "")
        if response.status_code != 200:
            raise LookupError(f"{_what(response)}: POST /api/claims/<id>/submit -> {response.status_code}")
        return {"legacy": len(legacy), "state": len(state), "total": len(legacy) + len(state)}


def query_counts():
    counter, results = Counter(), {}
    first_id = None
    for workload in (w.W1, w.W1_SMALL, w.W2, w.W3, "W4", w.W7, w.W8):
        if workload == "W4":
            if first_id is None:
                results["W4"] = {"error": "no insuree id from W1"}
                continue
            workload = w.single(first_id)
        try:
            response, counts = counter.count(workload)
        except LookupError as error:
            results[workload.name] = {"error": str(error)}
            continue
        results[workload.name] = counts
        if workload is w.W1:
            data = json.loads(response.content).get("data") or [{}]
            first_id = data[0].get("id")
    try:
        results["W9"] = counter.count_submission()
    except LookupError as error:
        results["W9"] = {"error": str(error)}
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deep-page", type=int, required=True)
    args = parser.parse_args()
    print(
        json.dumps(
            {
                "baseline": baseline_sql(),
                "columns": column_map(),
                "deep_cursor": deep_cursor(args.deep_page),
                "queries": query_counts(),
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()  # before main() imports the models (profile.py imports this module after its own setup)
    main()
