"""The scenarios' world: named districts and people as real legacy rows, and an HTTP client of the API.

Rows come from `auth_bridge.testing` (the project's builders); requests go through Django's test
client (`context.test.client`), so every scenario crosses the same URL, authentication, rights and
scoping code as a real caller.
"""

import json
from types import SimpleNamespace

from api.testing import JSONAPI
from auth_bridge import codes
from auth_bridge import testing as t
from legacy import models as m
from legacy.testing import location

PRONOUNS = {"she", "her", "he", "him", "they", "them", "it"}
# The words scenarios use -> the right areas of auth_bridge.codes ("families" -> family: read 101001, ...).
AREAS = {"families": "family", "insurees": "insuree", "policies": "policy", "claims": "claim"}


def scenario_world(context):
    """Per-scenario state, created on first use (behave drops it when the scenario ends)."""
    if not hasattr(context, "world"):
        context.world = SimpleNamespace(country=None, districts={}, people={}, actor=None)
    return context.world


# --- Places --------------------------------------------------------------------------------------------
def district(context, name):
    """District `name` (created with one ward and one village the first time it is named)."""
    world = scenario_world(context)
    if name not in world.districts:
        if world.country is None:
            world.country = location("R", code="CTRY", name="Country")
        row = location("D", world.country, code=name[:8].upper(), name=name)
        ward = location("W", row, name=f"{name} ward")
        world.districts[name] = SimpleNamespace(row=row, village=location("V", ward, name=f"{name} village"))
    return world.districts[name]


def district_of_family(family):
    """The district a family lives in: village -> ward -> district, as the legacy screens place it."""
    return family.location.parent.parent.name


# --- People --------------------------------------------------------------------------------------------
def add_person(context, name, login, password=None, token=None):
    world = scenario_world(context)
    world.people[name] = SimpleNamespace(name=name, login=login, password=password, token=token)
    world.actor = world.people[name]
    return world.actor


def person(context, who):
    """The person a step names, or the last one named for `she`/`he`/`it`."""
    world = scenario_world(context)
    found = world.actor if who.lower() in PRONOUNS else world.people.get(who)
    assert found is not None, f"nobody called {who!r} was introduced in this scenario"
    world.actor = found
    return found


def rights_for(words, actions=("read",)):
    """'families and insurees' -> the legacy rights of those words for `actions` ('read', 'edit', ...)."""
    names = [w.strip() for w in words.replace(" and ", ",").split(",") if w.strip()]
    unknown = [n for n in names if n not in AREAS]
    assert not unknown, f"no rights known for {unknown}; known: {sorted(AREAS)}"
    return [codes.RIGHTS[AREAS[n]][action] for n in names for action in actions]


# --- The API -------------------------------------------------------------------------------------------
def log_in(context, login, password):
    """POST /api/auth/token with a login and password; returns the response."""
    return t.log_in(context.test.client, login, password)


def token_of(context, someone):
    if someone.token is None:
        response = log_in(context, someone.login, someone.password)
        assert response.status_code == 201, (
            f"{someone.name} could not log in: {response.status_code} {response.content!r}"
        )
        someone.token = response.json()["token"]
    return someone.token


def request(context, someone, method, url, body=None, **headers):
    """`method` `url` (path or absolute `links` URL) as `someone` with their bearer token, in JSON:API.

    `body` (a dict) is sent as a JSON:API document; `headers` are extra request headers such as
    `HTTP_IF_MATCH`. Returns the response.
    """
    extra = {"content_type": JSONAPI, "data": json.dumps(body)} if body is not None else {}
    return context.test.client.generic(
        method, url, HTTP_ACCEPT=JSONAPI, HTTP_AUTHORIZATION=f"Bearer {token_of(context, someone)}", **extra, **headers
    )


def get(context, someone, url):
    return request(context, someone, "GET", url)


def document(response):
    assert response.status_code == 200, f"expected 200, got {response.status_code}: {response.content[:300]!r}"
    return response.json()


def families_by_id(ids):
    """Family rows for the JSON:API ids of a response (ids are lower-case legacy UUIDs)."""
    rows = m.Family.objects.select_related("location__parent__parent").filter(uuid__in=ids)
    return {row.uuid.lower(): row for row in rows}
