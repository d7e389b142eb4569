"""Single HTTP requests against the servers the bench started (127.0.0.1 only)."""

import http.client
import json
from urllib.parse import urlsplit


class Unavailable(RuntimeError):
    """The product endpoint the workload needs is not there (yet)."""


def _failure(method, path, status):
    what = "endpoint missing" if status in (404, 405) else "request failed"
    return f"{what}: {method} {path.split('?')[0]} -> {status}"


def request(base_url, method, path, headers=None, body=None, timeout=60):
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def get_json(base_url, path, headers):
    status, body = request(base_url, "GET", path, headers)
    if status != 200:
        raise Unavailable(_failure("GET", path, status))
    try:
        return json.loads(body)
    except ValueError:
        raise Unavailable(f"GET {path} did not answer JSON") from None


def token(base_url, path, login):
    username, password = login
    body = json.dumps({"username": username, "password": password})
    status, answer = request(base_url, "POST", path, {"Content-Type": "application/json"}, body)
    if status not in (200, 201):
        raise Unavailable(_failure("POST", path, status))
    return json.loads(answer)["token"]


def path_of(url):
    """A `links` URL -> the path and query to request from our own server."""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")
