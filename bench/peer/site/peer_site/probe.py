"""Statements per request of the peer's W1 query, printed as one JSON object (`python -m peer_site.probe`).

Logs in the way a client of the modular backend does (`tokenAuth`, then `getCsrfToken` for the session's
CSRF token), sends the query twice through Django's test client and counts the second, steady-state
request, as bench.probe does for our API.
"""

import json
import os
import sys
from importlib import metadata
from pathlib import Path

import django

QUERY = (Path(__file__).with_name("w1.graphql")).read_text()


def post(client, query, headers):
    response = client.post(
        "/api/graphql", {"query": query}, content_type="application/json", HTTP_HOST="127.0.0.1", **headers
    )
    if response.status_code != 200:
        sys.exit(f"peer probe: {response.status_code} {response.content[:500]!r}")
    document = json.loads(response.content)
    if document.get("errors"):
        sys.exit(f"peer probe: {len(document['errors'])} errors, first {document['errors'][:2]}")
    return response, document["data"]


STACK = ("Django", "graphene", "graphene-django", "graphene-django-optimizer", "django-graphql-jwt", "django-axes")


def versions():
    """The modules' and the GraphQL stack's installed versions, for the report."""
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name.lower().startswith("openimis-be") or name in STACK:
            found[name] = dist.version
    return dict(sorted(found.items()))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    username, password = os.environ.get("PEER_LOGIN", "Admin:admin123").split(":", 1)
    login = f'mutation {{ tokenAuth(username: "{username}", password: "{password}") {{ token }} }}'
    token = post(client, login, {})[1]["tokenAuth"]["token"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    csrf = post(client, "mutation { getCsrfToken { csrfToken } }", headers)[1]["getCsrfToken"]["csrfToken"]
    headers["HTTP_X_CSRFTOKEN"] = csrf
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response, data = post(client, QUERY, headers)
    insurees = data["insurees"]
    print(
        json.dumps(
            {
                "statements": len(queries),
                "sql": [query["sql"][:300] for query in queries.captured_queries],
                "bytes": len(response.content),
                "rows": len(insurees["edges"]),
                "total": insurees["totalCount"],
                "uuids": [edge["node"]["uuid"] for edge in insurees["edges"]],
                "versions": versions(),
            }
        )
    )


if __name__ == "__main__":
    main()
