"""Short schemathesis run over every operation of /api/schema, as the administrator and as a scoped clerk.

No 5xx, every response conforms to the schema, and the clerk never receives a row outside the visible set
that `robust.oracle` derives independently. The long run is `stress/run` (stress/fuzz.py).
"""

import pytest

from api.urls import site
from robust import world
from robust.fuzz import Fuzzer, known_ids, load_schema, wsgi_app
from robust.oracle import ScopeOracle

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

EXAMPLES = 2  # per operation and caller: 109 operations x 2 callers x 2 = a few hundred cases


@pytest.fixture
def seeded(settings):
    world.seed(families=8)


@pytest.mark.parametrize("login", ["Admin", "Clerk"])
def test_fuzz_every_operation(seeded, login):
    token = world.login(login)
    oracle = None if login == "Admin" else ScopeOracle(world.legacy_user(login))
    with wsgi_app() as app:
        report = Fuzzer(load_schema(app, token), token, lambda: world.login(login), oracle, site, known_ids(site)).run(
            EXAMPLES
        )
    assert report.cases >= 100, report.figures()
    assert report.server_errors == [], report.server_errors[:5]
    assert report.nonconforming == [], "\n".join(item[:400] for item in report.nonconforming[:15])
    assert report.leaks == [], report.leaks[:10]
