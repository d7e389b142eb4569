"""CSV exports (api/exports.py): on PostgreSQL, COPY writes the very bytes of the Python writer, for the
same (scoped) rows, whatever the values hold."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from legacy import models as m

from . import builders

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

TEXTS = [
    "=SUM(A1)",
    "+1",
    "-x",
    "@a",
    "\tt",
    "\rr",
    'say "hi"',
    "a,b",
    "a\rb",
    "a\nb",
    "a\r\nb",
    "end\n",
    "",
    "Ñandú ÄÖü € 日本",
    "'q",
    " sp",
    "\\.",
    '"',
    ",",
    "x" * 100,
    "tab\tin",
    "-",
    "=",
]
MOMENTS = [
    datetime.datetime(2020, 1, 1, 8, 0),
    datetime.datetime(2020, 1, 1, 8, 0, 0, 123456),
    datetime.datetime(2021, 6, 30, 23, 59, 59, 500000),
    datetime.datetime(2019, 12, 31, 0, 0, 0, 1),
]
AMOUNTS = [Decimal("12.50"), Decimal("0.00"), Decimal("-3.10"), Decimal("1234567.05"), Decimal("0.01")]
URLS = [
    "/api/insurees",
    "/api/families",
    "/api/premiums",
    "/api/claims",
    "/api/policies",
    "/api/health-facilities",
    "/api/insurees?sort=-lastName,otherNames&fields[insurees]=lastName,phone,family,validFrom",
    "/api/insurees?filter[search]=a",
]


@pytest.fixture
def pg():
    if connections["legacy"].vendor != "postgresql":
        pytest.skip("COPY is the PostgreSQL path")


def hostile(side):
    """Rows of one district holding values a CSV writer gets wrong: every formula-trigger, quotes, commas,
    CR/LF, empty strings and NULLs, non-ASCII text, booleans true/false/null, timestamps with and without
    microseconds, decimals, upper-case UUIDs (the legacy app writes them)."""
    for n, text in enumerate(TEXTS):
        builders.insuree(
            side.family,
            last_name=text,
            other_names=TEXTS[-1 - n],
            phone=text[:50] if n % 2 else None,
            email=text if n % 3 else "",
            passport=text[:25] or None,
            current_address=text,
            validity_from=MOMENTS[n % len(MOMENTS)],
            dob=datetime.date(999 + n * 50, 1 + n % 12, 1 + n % 28),
            card_issued=bool(n % 2),
            chf_id=f"-{n}" if n % 4 == 0 else f"{n}",
        )
    m.Insuree.objects.filter(pk=side.member.pk).update(uuid=side.member.uuid.upper())
    m.Family.objects.filter(pk=side.family.pk).update(
        uuid=side.family.uuid.upper(), poverty=None, family_address="=cmd|' /C calc'!A0", is_offline=True
    )
    for n, amount in enumerate(AMOUNTS):
        row = builders.premium(side.policy, is_photo_fee=[True, False, None][n % 3])
        m.Premium.objects.filter(pk=row.pk).update(amount=amount, receipt=TEXTS[n], validity_from=MOMENTS[n % 4])
    m.Claim.objects.filter(pk=side.claim.pk).update(claimed=Decimal("99.99"), explanation="a\r\n=b", adjustment="")


def export(client, url, settings, copy):
    """(body, statements) of the CSV export of `url`, by COPY or by the Python writer."""
    settings.API_CSV_COPY = copy
    with CaptureQueriesContext(connections["legacy"]) as queries:
        response = client.get(url, HTTP_ACCEPT="text/csv")
        assert response.status_code == 200, response.content
        body = b"".join(response.streaming_content)
    return body, [query["sql"] for query in queries.captured_queries]


def same_bytes(client, url, settings):
    """Assert COPY and the Python writer give the same bytes for `url` (and that COPY ran); the rows."""
    fast, statements = export(client, url, settings, copy=True)
    slow, python_statements = export(client, url, settings, copy=False)
    assert [sql for sql in statements if sql.startswith("COPY (")], statements  # not vacuous
    assert not [sql for sql in python_statements if sql.startswith("COPY")]
    assert fast == slow, url
    return list(csv.reader(io.StringIO(fast.decode(), newline="")))


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kathmandu"])
def test_copy_export_is_byte_identical_for_hostile_values(pg, scoped_world, callers, settings, zone):
    hostile(scoped_world.a)
    hostile(scoped_world.b)
    settings.TIME_ZONE = zone  # naive local time of the connection, in Python and in SQL alike
    with connections["legacy"].cursor() as cursor:
        cursor.execute("SHOW TIME ZONE")
        assert cursor.fetchone()[0] == zone
    for url in URLS:
        rows = same_bytes(callers["admin"].client, url, settings)
        assert len(rows) > 1, url
    rows = same_bytes(callers["admin"].client, "/api/insurees", settings)
    cells = {cell for row in rows for cell in row}
    assert {"'=SUM(A1)", "'+1", "'-x", "'@a", "'\tt", "'\rr", 'say "hi"', "a\r\nb", "'-0", "true", "false"} <= cells
    assert scoped_world.a.member.uuid.lower() in cells and scoped_world.a.member.uuid.upper() not in cells


def test_copy_export_of_a_scoped_caller_is_byte_identical_and_in_scope(pg, scoped_world, callers, settings):
    w = scoped_world
    hostile(w.a)
    hostile(w.b)
    clerk = callers["clerk"].client  # district A
    for url in URLS:
        same_bytes(clerk, url, settings)
    rows = same_bytes(clerk, "/api/insurees", settings)
    shown = {row[0] for row in rows[1:]}
    assert w.a.head.uuid.lower() in shown and w.a.member.uuid.lower() in shown
    assert not shown & {w.b.head.uuid.lower(), w.b.member.uuid.lower()}
    assert len(shown) == m.Insuree.objects.filter(family=w.a.family, validity_to__isnull=True).count()
    admin_rows = same_bytes(callers["admin"].client, "/api/insurees", settings)
    assert len(admin_rows) > len(rows)


def test_copy_export_sql_wraps_the_scoped_queryset(pg, scoped_world, callers, settings):
    """The COPY wraps the SELECT the Python writer reads (the scope gate's condition included), verbatim."""
    for who in ("admin", "clerk"):
        _, fast = export(callers[who].client, "/api/insurees", settings, copy=True)
        _, slow = export(callers[who].client, "/api/insurees", settings, copy=False)
        (copy,) = [sql for sql in fast if sql.startswith("COPY (")]
        (declared,) = [sql for sql in slow if '"tblInsuree"' in sql]
        select = declared[declared.index("SELECT") :]  # (the Python writer's server-side cursor declares it)
        assert f"FROM ({select}) AS q(" in copy and copy.endswith("TO STDOUT WITH (FORMAT csv)")
        if who == "clerk":
            assert '"tblLocations"' in select  # the district condition


def test_a_client_leaving_mid_export_leaves_the_connection_usable(pg, scoped_world, api, settings):
    fam = scoped_world.a.family
    m.Insuree.objects.bulk_create(
        [
            m.Insuree(
                **builders.versioned(
                    family=fam,
                    chf_id=f"{n}",
                    last_name=f"L{n}",
                    other_names="O",
                    dob=datetime.date(1990, 1, 1),
                    gender=None,
                    is_head=False,
                )
            )
            for n in range(3000)
        ]
    )
    settings.API_CSV_COPY = True
    response = api.client.get("/api/insurees?format=csv")
    chunks = iter(response.streaming_content)
    next(chunks), next(chunks)
    # the client goes away: the WSGI server closes the body (here the test client's wrapper of it, which
    # keeps the test's transaction open)
    response._iterator.close()
    assert m.Insuree.objects.filter(family=fam).count() == 3002
    rows = list(
        csv.reader(
            io.StringIO(b"".join(api.client.get("/api/insurees?format=csv").streaming_content).decode(), newline="")
        )
    )
    assert len(rows) > 3000


def test_a_database_error_before_the_first_byte_is_a_json_api_error(pg, scoped_world, api, settings):
    settings.DATABASE_EXPORT_TIMEOUT_MS = -1  # refused by PostgreSQL when the export sets it
    response = api.client.get("/api/insurees?format=csv")
    assert not response.streaming
    assert response.status_code == 500 and response["Content-Type"] == "application/vnd.api+json"
    settings.DATABASE_EXPORT_TIMEOUT_MS = 60_000
    response = api.client.get("/api/insurees?format=csv")  # the connection is usable
    assert response.status_code == 200 and b"".join(response.streaming_content).count(b"\r\n") > 1
