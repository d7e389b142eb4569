"""Schemathesis over our own OpenAPI schema, in process (WSGI), as an administrator and a scoped clerk.

`Fuzzer(app, tokens, oracle, site).run(max_examples)` tries every operation of /api/schema and returns a
`FuzzReport`: cases tried, 5xx responses, schema-conformance failures, and rows a scoped caller received
outside its visible set (checked by `robust.oracle`, independently of the read gate). Used by the short
pytest run (robust/tests/test_fuzz.py) and the long run (stress/fuzz.py).
"""

import datetime
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.core.failures import FailureGroup

from .oracle import out_of_scope

SCHEMA_PATH = "/api/schema?format=json"


@dataclass
class FuzzReport:
    cases: int = 0
    server_errors: list = field(default_factory=list)
    nonconforming: list = field(default_factory=list)
    leaks: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)

    def add(self, other):
        self.cases += other.cases
        self.server_errors += other.server_errors
        self.nonconforming += other.nonconforming
        self.leaks += other.leaks
        for code, count in other.statuses.items():
            self.statuses[code] = self.statuses.get(code, 0) + count

    def figures(self):
        return {
            "cases": self.cases,
            "5xx": len(self.server_errors),
            "nonconforming": len(self.nonconforming),
            "out_of_scope_rows": len(self.leaks),
            "statuses": dict(sorted(self.statuses.items())),
        }


@contextmanager
def wsgi_app():
    """Django's WSGI app for in-process calls that keep the caller's (test) database connections open,
    as django.test.Client does: no close_old_connections around each request."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    _keep_connections()
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _keep_connections():
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)


def known_ids(site, per_type=4):
    """A few real ids per resource type, current rows first then history rows, spread over the table."""
    ids = {}
    for type_, resource in site.resources.items():
        rows = list(resource.model.objects.order_by("pk").values_list(resource.id_field, flat=True))
        step = max(1, len(rows) // per_type)
        ids[type_] = [str(value).lower() if resource.id_field == "uuid" else str(value) for value in rows[::step]]
    return ids


# A schema-valid write may still break a rule no JSON schema can state (the family must exist and be in
# scope, CHFIDs are unique, the If-Match must be current): 412/422/428 are right answers to such input.
SEMANTIC_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "428", "429"]


def load_schema(app, token):
    config = schemathesis.config.SchemathesisConfig.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": SEMANTIC_STATUSES}}}
    )
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, app, config=config, headers={"Authorization": f"Bearer {token}"})


def _past(value):
    """A generated `filter[since]` of the change feed, moved to 2020 when it lies in the future."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return value if moment.replace(tzinfo=None) < datetime.datetime(2026, 1, 1) else "2020-01-01T00:00:00"


class Fuzzer:
    """Runs generated cases for one caller; `fresh_token()` gives a token that DELETE /api/auth/token may revoke."""

    def __init__(self, schema, token, fresh_token, oracle=None, site=None, known_ids=None):
        self.schema, self.token, self.fresh_token = schema, token, fresh_token
        self.oracle, self.site = oracle, site
        self.known_ids = known_ids or {}  # type -> real ids (in and out of the caller's scope)

    def strategy(self, operation):
        """Generated cases, and as many again on real ids: random ids alone would only reach 404s."""
        strategy = operation.as_strategy()
        parts = operation.path.split("/")
        ids = self.known_ids.get(parts[2]) if len(parts) > 3 and parts[3] == "{id}" else None
        if not ids:
            return strategy
        return st.one_of(strategy, st.one_of([operation.as_strategy(path_parameters={"id": i}) for i in ids]))

    def operations(self):
        for result in self.schema.get_all_operations():
            yield result.ok()

    def run(self, max_examples, seed=0):
        report = FuzzReport()
        for operation in self.operations():
            self._run_operation(operation, max_examples, seed, report)
        return report

    def _run_operation(self, operation, max_examples, seed, report):
        @hypothesis.settings(
            max_examples=max_examples,
            deadline=None,
            database=None,
            derandomize=seed == 0,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=self.strategy(operation))
        def one(case):
            self._call(operation, case, report)

        one()

    def _call(self, operation, case, report):
        revoking = operation.method.upper() == "DELETE" and operation.path == "/api/auth/token"
        token = self.fresh_token() if revoking else self.token
        if revoking:  # django.test.Client (the login) reconnects close_old_connections after its request
            _keep_connections()
        headers = {"Authorization": f"Bearer {token}"}
        if case.query and "page[after]" in case.query:  # documented exclusions no OpenAPI 3.0 schema can state
            for excluded in ("page[number]", "sort"):
                case.query.pop(excluded, None)
        if case.query and operation.path.startswith("/api/changes"):  # "not in the future" (400) neither
            case.query["filter[since]"] = _past(case.query.get("filter[since]"))
        response = case.call(headers=headers)
        if self.oracle is not None and operation.method.upper() != "GET":
            self.oracle.refresh()  # the caller may just have written: judge later reads on fresh data
        report.cases += 1
        report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
        label = f"{operation.method.upper()} {case.formatted_path} {case.query or ''}"
        if response.status_code >= 500:
            report.server_errors.append(f"{response.status_code} {label}: {response.text[:300]}")
        try:
            case.validate_response(response, headers=headers)
        except FailureGroup as group:
            report.nonconforming.append(
                f"{response.status_code} {label} -> {response.text[:200]}: "
                + "; ".join(f"{failure.title}: {str(failure.message)[:400]}" for failure in group.exceptions)
            )
        if (
            self.oracle is not None
            and response.status_code == 200
            and "json" in response.headers.get("content-type", [""])[0]
        ):
            document = json.loads(response.content)
            if isinstance(document, dict):
                report.leaks += [f"{label}: {leak}" for leak in out_of_scope(document, self.oracle, self.site)]
