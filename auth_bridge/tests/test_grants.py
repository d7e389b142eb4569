"""Object grants (django-guardian) combined with scoping inside `visible`, and the grant/revoke commands."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from auth_bridge import testing as t
from auth_bridge.grants import grant as grant_object
from auth_bridge.models import ApiClient
from auth_bridge.scoping import changeable, visible
from legacy import models as m

from .conftest import side as _side
from .test_scoping import _count_queries, pks

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def sides():
    return _side(t.location_tree("A")), _side(t.location_tree("B"))


@pytest.fixture
def reporter():
    user = get_user_model().objects.create(username="reporter")
    ApiClient.objects.create(user=user, rights=[101201, 111001])
    return user


def grant(*args):
    call_command("grant", *args, stdout=open("/dev/null", "w"))


def test_nothing_without_grants(sides, reporter):
    for model in (m.Policy, m.Claim, m.Product, m.HealthFacility, m.Family):
        assert pks(model, reporter) == set()


def test_view_on_a_product_shows_its_policies_and_their_premiums(sides, reporter):
    a, b = sides
    grant("reporter", "view", "product", a.product.uuid.upper())  # UUIDs match in any case
    assert pks(m.Product, reporter) == {a.product.pk}
    assert pks(m.Policy, reporter) == {a.policy.pk}
    assert pks(m.Premium, reporter) == {a.premium.pk}
    assert pks(m.InsureePolicy, reporter) == {a.insuree_policy.pk}
    assert pks(m.Family, reporter) == set()  # the product grant does not open the families
    call_command("revoke", "reporter", "view", "product", a.product.uuid, stdout=open("/dev/null", "w"))
    assert pks(m.Policy, reporter) == set()


def test_view_on_a_health_facility_shows_its_claims(sides, reporter):
    a, b = sides
    grant("reporter", "change", "health-facility", b.hf.uuid)
    assert pks(m.HealthFacility, reporter) == {b.hf.pk}
    assert pks(m.Claim, reporter) == {b.claim.pk}
    assert pks(m.ClaimService, reporter) == {b.claim_service.pk}


def test_group_grant_on_a_family_and_history_rows(sides, reporter):
    a, b = sides
    group = Group.objects.create(name="auditors")
    reporter.groups.add(group)
    grant("auditors", "view", "family", a.family.uuid, "--group")
    history = m.Family.objects.get(legacy_id=t.update_legacy(a.family, poverty=True).pk)
    assert pks(m.Family, reporter) == {a.family.pk, history.pk}
    assert pks(m.Insuree, reporter) == {a.head.pk, a.member.pk}
    assert pks(m.Policy, reporter) == {a.policy.pk}


def test_grants_add_to_district_scope_of_a_legacy_user(sides):
    a, b = sides
    from .conftest import as_django_user

    clerk = as_django_user(t.clerk("clerk", "pw", a.tree.district, [101001]))
    grant_object(clerk, "view", b.family)
    assert pks(m.Family, clerk) == {a.family.pk, b.family.pk}


def test_grant_query_count_is_constant(sides, reporter):
    a, b = sides
    grant("reporter", "view", "product", a.product.uuid)

    def fresh():  # a new request's user
        return get_user_model().objects.get(pk=reporter.pk)

    one = _count_queries(lambda: list(visible(m.Policy.objects.all(), fresh())))
    for _ in range(4):
        extra = t.policy(a.family, t.product(a.tree.district))
        grant("reporter", "view", "product", extra.product.uuid)
    five = _count_queries(lambda: list(visible(m.Policy.objects.all(), fresh())))
    assert one == five and len(pks(m.Policy, reporter)) == 5


def test_grant_command_rejects_bad_input(sides, reporter):
    a, _ = sides
    with pytest.raises(CommandError):
        grant("nobody", "view", "product", a.product.uuid)
    with pytest.raises(CommandError):
        grant("reporter", "view", "spaceship", a.product.uuid)
    with pytest.raises(CommandError):
        grant("reporter", "view", "product", t.new_uuid())
    with pytest.raises(CommandError):
        grant("reporter", "view", "family", a.product.uuid)  # a UUID of another type


def test_changeable_counts_only_change_grants(sides, reporter):
    a, b = sides
    grant("reporter", "view", "claim", a.claim.uuid)
    grant("reporter", "change", "claim", b.claim.uuid)
    assert pks(m.Claim, reporter) == {a.claim.pk, b.claim.pk}
    assert set(changeable(m.Claim.objects.all(), reporter).values_list("pk", flat=True)) == {b.claim.pk}
    assert set(changeable(m.ClaimItem.objects.all(), reporter).values_list("pk", flat=True)) == {b.claim_item.pk}


def test_bearer_requests_read_grants_only_for_users_holding_some(sides, client):
    """The token lookup tells whether the user holds any grant; the grants query runs only then."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from auth_bridge.models import LegacyLink

    a, b = sides
    row = t.clerk("clerk2", "pw", a.tree.district, [101001])
    token = t.token_login("clerk2", "pw", client)

    def families():
        with CaptureQueriesContext(connections["default"]) as state:
            response = client.get("/api/families", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
        return {item["id"] for item in response.json()["data"]}, len(state)

    seen, base = families()  # the token lookup (and the shared list-total cache), no grants query
    assert seen == {a.family.uuid.lower()}
    group = Group.objects.create(name="auditors")
    LegacyLink.objects.get(legacy_user_id=row.pk).user.groups.add(group)
    grant_object(group, "view", b.family)
    assert families() == ({a.family.uuid.lower(), b.family.uuid.lower()}, base + 1)  # and the grants
