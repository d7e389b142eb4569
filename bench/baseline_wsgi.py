"""Baseline B, the floor: baseline A's SQL through psycopg and `json`, in a bare WSGI app.

The statement comes from the harness (BENCH_BASELINE_SQL and BENCH_BASELINE_PARAMS, compiled from
baseline A's queryset by bench.probe; its first BENCH_BASELINE_SPLIT columns are the insuree's, the rest
the family's, nested like baseline A), the database from LEGACY_DATABASE_URL. One connection per
server thread, autocommit.
Served by gunicorn with the same settings as the product: `gunicorn bench.baseline_wsgi:application`.
"""

import datetime
import decimal
import json
import os
import threading

import psycopg

SQL = os.environ.get("BENCH_BASELINE_SQL", "")
PARAMS = json.loads(os.environ.get("BENCH_BASELINE_PARAMS", "[]"))
SPLIT = int(os.environ.get("BENCH_BASELINE_SPLIT", "0"))
DSN = os.environ.get("LEGACY_DATABASE_URL", "")
_local = threading.local()


def _default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _connection():
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        conn = _local.conn = psycopg.connect(DSN, autocommit=True)
    return conn


def _rows():
    with _connection().cursor() as cursor:
        cursor.execute(SQL, PARAMS)
        names = [column.name for column in cursor.description]
        own, family = names[:SPLIT], names[SPLIT:]
        return [
            {**dict(zip(own, row[:SPLIT], strict=True)), "family": dict(zip(family, row[SPLIT:], strict=True))}
            for row in cursor.fetchall()
        ]


def application(environ, start_response):
    if not SQL or not DSN:
        body = b'{"error": "BENCH_BASELINE_SQL and LEGACY_DATABASE_URL must be set"}'
        start_response("500 Internal Server Error", [("Content-Type", "application/json")])
        return [body]
    body = json.dumps(_rows(), default=_default).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
