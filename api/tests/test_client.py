"""A third-party JSON:API client (PyPI `jsonapi-client`) against a live server."""

import jsonapi_client
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from jsonapi_client.filter import Modifier

from . import builders

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "legacy"])


@pytest.fixture
def legacy_cleanup():
    """Transactional tests do not flush unmanaged tables: empty them afterwards."""
    yield
    builders.empty_legacy_tables()


@pytest.fixture
def session(live_server, legacy_cleanup):
    user = get_user_model().objects.create(username="live", is_superuser=True, is_staff=True)
    browser = Client()
    browser.force_login(user)
    cookies = {"sessionid": browser.cookies["sessionid"].value}
    with jsonapi_client.Session(f"{live_server.url}/api", request_kwargs={"cookies": cookies}) as session:
        yield session


def test_client_fetches_insurees_with_family_and_sparse_fields(session):
    with transaction.atomic(using="legacy"):  # the Family <-> head cycle needs deferred FK checks
        fam = builders.family(members=3)
    document = session.get(
        "insurees", Modifier("include=family&fields[insurees]=lastName,family&fields[families]=poverty")
    )
    people = document.resources
    assert sorted(p.id for p in people) == sorted(m.uuid for m in fam.members.current())
    first = people[0]
    assert first.lastName.startswith("Last")
    assert first.family.id == fam.uuid and first.family.poverty is False
    assert "otherNames" not in first.json["attributes"]


@pytest.mark.parametrize("mode", ["page[number]=1&page[size]=2", "page[after]=&page[size]=2"])
def test_client_walks_both_pagination_modes(session, mode):
    with transaction.atomic(using="legacy"):
        fam = builders.family(members=5)
    walked = [resource.id for resource in session.get("insurees", Modifier(mode)).iterator()]
    assert walked == [m.uuid for m in fam.members.current().order_by("pk")]
