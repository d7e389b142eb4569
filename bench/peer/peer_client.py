"""A client of the peer's GraphQL API, logging in as its own clients do (127.0.0.1 only).

`tokenAuth` gives the JWT; the modules' queries also check a CSRF token kept in the session
(core.schema `_check_csrf_token`), which the `getCsrfToken` mutation stores and returns: every request then
carries the JWT, the session cookie and `X-CSRFToken`.
"""

import http.client
import json
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from ..client import Unavailable

PATH = "/api/graphql"
SESSION_COOKIE = "openimis_session"


def _exchange(base_url, body, headers):
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        conn.request("POST", PATH, body=body, headers={"Content-Type": "application/json", **headers})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        conn.close()


def post(base_url, body, headers):
    """POST one GraphQL document; the answer's bytes, or Unavailable on an HTTP or GraphQL error."""
    status, _, answer = _exchange(base_url, body, headers)
    if status != 200:
        raise Unavailable(f"request failed: POST {PATH} -> {status}")
    errors = json.loads(answer).get("errors")
    if errors:
        raise Unavailable(f"GraphQL errors from the peer: {errors[:2]}")
    return answer


def login(base_url, login_pair):
    """Headers for the peer's queries: JWT, session cookie and CSRF token."""
    username, password = login_pair
    mutation = f'mutation {{ tokenAuth(username: "{username}", password: "{password}") {{ token }} }}'
    token = json.loads(post(base_url, json.dumps({"query": mutation}).encode(), {}))["data"]["tokenAuth"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    csrf_query = json.dumps({"query": "mutation { getCsrfToken { csrfToken } }"}).encode()
    status, cookie, answer = _exchange(base_url, csrf_query, headers)
    session = SimpleCookie(cookie).get(SESSION_COOKIE)
    if status != 200 or session is None:
        raise Unavailable(f"getCsrfToken: {status}, no {SESSION_COOKIE} cookie")
    csrf = json.loads(answer)["data"]["getCsrfToken"]["csrfToken"]
    return {
        **headers,
        "Content-Type": "application/json",
        "Cookie": f"{SESSION_COOKIE}={session.value}",
        "X-CSRFToken": csrf,
    }
