"""SQL Server proven without a server: every statement of the API's read and write paths, compiled by
mssql-django for SQL Server 2019 (api/tests/sqlserver.py), parses as T-SQL, names only tables and columns
our SQL Server DDL has, carries at most 2,100 parameters and pages in a deterministic order
(legacy/tests/tsql.py).

The requests are derived from the site's registry (`api.urls.site`), so a new resource is walked too: for
every resource, lists with every declared filter lookup and relation filter (all in one request: one
statement holds them all), every sort key, search, page-number and cursor pages, a sparse fieldset, every
include, asOf, CSV (whole and paged) and plain JSON; detail, related, relationship and history URLs; and,
where the resource is writable, POST of a copy of a row, PATCH (the history copy and the update) and DELETE
(logical: a history copy and an update, no SQL DELETE). They run for real (real database, real token
logins) as a clerk of one district (the scoped statements) and as the administrator (the unscoped ones).

CSV exports run with `API_CSV_COPY=False`: SQL Server always takes that Python writer (`api.exports.
copy_enabled` is true on PostgreSQL only); the COPY statement is PostgreSQL-only by design (T-SQL has no
COPY) and is not compiled here.
"""

import datetime
import itertools
import json
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from guardian.models import UserObjectPermission

from api.exports import copy_enabled
from api.negotiation import JSONAPI
from api.query import camel
from api.testing import token_api
from api.urls import site
from api.writes import gates
from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.accounts import django_user_for
from legacy import models as m
from legacy.testing import location
from legacy.tests.tsql import MAX_PARAMETERS, problems

from .conftest import READ_RIGHTS as READ
from .sqlserver import ALIAS, SQL_SERVER_VERSION, recompiled

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

SERVER_SET = {"legacyId", "validFrom", "validTo", "auditUserId"}
_fresh = itertools.count(1)


def _value(field):
    """A filter value of the field's type (the statement, not the match, is what is checked)."""
    if field.is_relation:
        field = field.target_field
    if isinstance(field, models.BooleanField):
        return "true"
    if isinstance(field, models.DateTimeField):
        return "2020-01-01T00:00:00"
    if isinstance(field, models.DateField):
        return "2020-01-01"
    if isinstance(field, (models.IntegerField, models.DecimalField)):
        return "1"
    return "A"


def list_urls(resource):
    """The list URLs: pages, every sort key, every filter and relation filter (each set in one request: one
    statement holds them all), search, asOf, every include, a sparse fieldset, CSV and plain JSON."""
    base, columns = f"/api/{resource.type}", {**resource.attributes, "valid_from": "validity_from"}
    urls = [base, f"{base}?page[size]=1&page[number]=2", f"{base}?page[after]=&page[size]=1", f"{base}?sort=-id"]
    if resource.sort:
        urls.append(f"{base}?sort=" + ",".join(f"{'-' * (i % 2)}{camel(key)}" for i, key in enumerate(resource.sort)))
    filters = []
    for name, lookups in resource.filters.items():
        value = _value(resource.model._meta.get_field(columns.get(name, name)))
        for lookup in lookups:
            key = camel(name) + ("" if lookup == "exact" else f".{lookup}")
            filters.append(f"filter[{key}]={value},{value}0" if lookup == "in" else f"filter[{key}]={value}")
    filters += [f"filter[{camel(name)}]={uuid.uuid4()},{uuid.uuid4()}" for name in resource.uuid_filters]
    if filters:
        urls.append(f"{base}?{'&'.join(filters)}")
    if resource.search:
        urls.append(f"{base}?filter[search]=a%20b")
    if resource.uuid_filters:  # as many ids as a request may carry (API_MAX_FILTER_VALUES; two parameters each)
        ids = ",".join(str(uuid.uuid4()) for _ in range(settings.API_MAX_FILTER_VALUES))
        urls.append(f"{base}?filter[{camel(next(iter(resource.uuid_filters)))}]={ids}")
    if resource.versioned:
        urls.append(f"{base}?filter[asOf]=2030-01-01T00:00:00")
    relations = [camel(name) for name in site.relations(resource)]
    if relations:
        urls.append(f"{base}?include={','.join(relations)}&page[size]=3")
        urls.append(f"{base}?fields[{resource.type}]={relations[0]}")
    return urls + [f"{base}?format=csv", f"{base}?format=csv&page[size]=2", f"{base}?format=json"]


def one_urls(resource, id_):
    base = f"/api/{resource.type}/{quote(id_)}"
    relations = [camel(name) for name in site.relations(resource)]
    urls = [base]
    if relations:
        urls.append(f"{base}?include={','.join(relations)}")
    urls += [f"{base}/{name}" for name in relations] + [f"{base}/relationships/{name}" for name in relations]
    if resource.versioned:
        urls.append(f"{base}/history")
    return urls


def walk(api, recording, resource):
    """Every read URL of `resource` (200 each)."""
    for url in list_urls(resource):
        recording.request = url
        response = api.get(url, accept="*/*")
        if "page[after]=&" in url:
            following = response["links"]["next"]
            assert following, f"{resource.type}: no second cursor page"  # the world has two rows or more
            recording.request = following
            api.get(following)
    rows = api.get(f"/api/{resource.type}?page[size]=1")["data"]
    assert rows, f"{resource.type}: the caller sees no row (add one to the world of this test)"
    for url in one_urls(resource, rows[0]["id"]):
        recording.request = url
        api.get(url, accept="*/*")


def _document(api, resource, sample):
    """A POST document copying `sample` (attributes, writable relationships, nested resources)."""
    writes = site.viewset(resource).writes
    excluded = SERVER_SET | {camel(name) for name in writes.read_only}
    attributes = {k: v for k, v in sample["attributes"].items() if k not in excluded and v is not None}
    relationships = {
        camel(name): {"data": sample["relationships"][camel(name)]["data"]}
        for name in writes.relations
        if (sample["relationships"].get(camel(name)) or {}).get("data")
    }
    for name, (_, not_here) in writes.nested.items():
        nested = api.get(f"/api/{resource.type}/{sample['id']}/{camel(name)}")["data"]
        skip = SERVER_SET | {camel(n) for n in not_here}
        values = {k: v for k, v in nested["attributes"].items() if k not in skip and v is not None}
        for key, linkage in nested["relationships"].items():
            if key not in skip and isinstance((linkage or {}).get("data"), dict):
                values[key] = linkage["data"]["id"]
        attributes[camel(name)] = values
    return {"data": {"type": resource.type, "attributes": attributes, "relationships": relationships}}


def _fresh_text(value):
    text = str(next(_fresh) + 700_000_000)
    return text[-len(value) :] if len(value) < len(text) else text.rjust(len(value), "9")


def _other_values(value):
    """Values to try instead of `value` in a PATCH (an attribute of the type the API answered)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int | float):
        return [value + 1]
    if isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [_fresh_text(value or "x")]
        return [str(day - datetime.timedelta(days=1)), str(day + datetime.timedelta(days=1))]
    return []


def _fixed(document, errors):
    """The document with each value another current row already uses replaced (or the attribute dropped)."""
    for error in errors:
        path = error.get("source", {}).get("pointer", "").split("/")[3:]  # /data/attributes/<name>[/<name>]
        holder = document["data"]["attributes"]
        for key in path[:-1]:
            holder = holder[key]
        if path and path[-1] in holder:
            value = holder[path[-1]]
            if "already used" in error["detail"] and isinstance(value, str):
                holder[path[-1]] = _fresh_text(value)
            else:
                holder.pop(path[-1])
    return document


def _created(api, recording, resource, user):
    """POST a copy of a row the caller may write (newest first, until one is accepted): the created row."""
    base = f"/api/{resource.type}"
    candidates = gates.rows(resource, user).order_by("-pk").values_list(resource.id_field, flat=True)[:5]
    for candidate in candidates:
        document = _document(api, resource, api.get(f"{base}/{str(candidate).lower()}")["data"])
        for _ in range(4):
            recording.request = f"POST {base}"
            response = api.client.post(base, json.dumps(document), content_type=JSONAPI, HTTP_ACCEPT=JSONAPI)
            if response.status_code != 422:
                break
            document = _fixed(document, response.json()["errors"])
        if response.status_code == 201:
            return response.json()["data"]
    raise AssertionError((resource.type, response.status_code, response.content[:400], document))


def write(api, recording, resource, user):
    """POST a copy of a row, PATCH it (a history copy), DELETE it."""
    created = _created(api, recording, resource, user)
    base = f"/api/{resource.type}"
    url = f"{base}/{created['id']}"
    excluded = SERVER_SET | {camel(name) for name in site.viewset(resource).writes.read_only}
    changes = [
        (key, value)
        for key, current in created["attributes"].items()
        if key not in excluded
        for value in _other_values(current)
    ]
    response = None
    for key, value in changes:  # the first change the service accepts
        recording.request = f"PATCH {url}"
        change = {"data": {"type": resource.type, "id": created["id"], "attributes": {key: value}}}
        etag = api.client.get(url, HTTP_ACCEPT=JSONAPI)["ETag"]
        response = api.client.patch(
            url, json.dumps(change), content_type=JSONAPI, HTTP_ACCEPT=JSONAPI, HTTP_IF_MATCH=etag
        )
        if response.status_code == 200:
            break
    assert response is not None and response.status_code == 200, (resource.type, changes, response)
    recording.request = f"DELETE {url}"
    etag = api.client.get(url, HTTP_ACCEPT=JSONAPI)["ETag"]
    assert api.client.delete(url, HTTP_ACCEPT=JSONAPI, HTTP_IF_MATCH=etag).status_code == 204, resource.type


@pytest.fixture
def world(fresh_rights):
    """Two districts of insurance data (auth_bridge.testing), district A twice over, two rows of each
    reference list; a clerk of district A (and 150 empty districts) with every right, and the administrator."""
    # a clerk of many districts (the scope is in every gated subquery of a statement); created first, so that
    # the newest rows a write copies are the world's
    region = location("R", code="XR")
    extra = [location("D", region, code=f"XD{n}") for n in range(150)]
    w = t.two_districts()
    t.insurance_side(w.a.tree)  # two rows of each kind in district A: a second page exists
    for model, keys in (
        (m.Gender, ("M", "F")),
        (m.Education, (1, 2)),
        (m.Profession, (1, 2)),
        (m.Relation, (1, 2)),
        (m.FamilyType, ("H", "O")),
        (m.ConfirmationType, ("C", "D")),
    ):
        for key in keys:  # two rows: a cursor page of one row has a next page
            model.objects.get_or_create(pk=key, defaults={"name": f"{model.__name__} {key}"})
    clerk = t.clerk("clerkA", "pw", w.a.tree.district, sorted(codes.ALL_RIGHTS))
    for district in extra:
        t.add_district(clerk, district)
    t.clerk("readerA", "pw", w.a.tree.district, [codes.RIGHTS["family"]["read"]])  # a second user of A
    t.admin()
    return w


def test_every_api_statement_compiles_for_sql_server(world, settings):
    settings.API_CSV_COPY = False  # the CSV writer SQL Server uses (see the module docstring)
    clerk, admin = token_api("clerkA"), token_api("Admin", "admin123")
    clerk_user = django_user_for(m.User.objects.get(login_name="clerkA"))
    with recompiled() as recording:
        sqlserver = connections[ALIAS]
        assert sqlserver.vendor == "microsoft" and sqlserver.sql_server_version == SQL_SERVER_VERSION
        assert not copy_enabled(ALIAS)  # on SQL Server, CSV lists take the Python writer walked here
        listed = [resource for resource in site.resources.values() if not resource.history_of]  # versions: via history
        for resource in listed:
            walk(clerk, recording, resource)
            if hasattr(site.viewset(resource), "create"):
                write(clerk, recording, resource, clerk_user)
        for resource in listed:  # unscoped: lists and a detail as the administrator
            recording.request = f"admin /api/{resource.type}"
            rows = admin.get(f"/api/{resource.type}?include={','.join(map(camel, site.relations(resource)))}")
            admin.get(f"/api/{resource.type}/{quote(rows['data'][0]['id'])}")
        assert sqlserver.connection is None  # compiled only: it never connected

    assert not recording.failed, recording.failed[:5]
    assert not recording.raw, recording.raw[:5]
    assert {"SQLCompiler", "SQLInsertCompiler", "SQLUpdateCompiler"} <= {c.kind for c in recording.compiled}
    tables = {f"[{resource.model._meta.db_table}]" for resource in site.resources.values()}
    assert {table for table in tables if any(table in c.sql for c in recording.compiled)} == tables
    found = {}
    for statement in recording.compiled:
        for problem in problems(statement.sql, statement.params):
            found.setdefault(problem, (recording.origins[statement.sql], statement.sql[:300]))
    assert not found, json.dumps(found, indent=1)[:6000]


def test_many_grants_stay_within_sql_servers_parameter_limit(world):
    """Granted keys are literals too (auth_bridge.rules.literal_ids): 2,101 family grants, repeated in the
    gated subqueries of one statement, would alone exceed SQL Server's 2,100 parameters."""
    granted = django_user_for(t.legacy_user("granted", "pw", roles=[t.role("Reading", rights=READ)]))
    content_type = ContentType.objects.get_for_model(m.Family)
    permission = Permission.objects.get(content_type=content_type, codename="view_family")
    UserObjectPermission.objects.bulk_create(
        UserObjectPermission(user=granted, permission=permission, content_type=content_type, object_pk=str(pk))
        for pk in [world.b.family.pk, *range(10**6, 10**6 + MAX_PARAMETERS)]
    )
    api = token_api("granted")
    with recompiled() as recording:
        recording.request = "/api/insurees?include=family"
        rows = api.get(recording.request)["data"]
    assert {row["id"] for row in rows} == {world.b.head.uuid.lower(), world.b.member.uuid.lower()}
    # (as parameters, mssql-django would compile an IN list of more than 2,048 values by filling a temp table
    # #Temp_params on the connection, one for every such list of the statement: `failed` here)
    assert not recording.failed and not recording.raw, recording.failed[:1]
    assert max(len(c.params) for c in recording.compiled) < 50
    assert not [p for c in recording.compiled for p in problems(c.sql, c.params)]
