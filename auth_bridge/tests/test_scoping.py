"""`visible`: each model x each kind of principal, NULL locations, history rows, and query counts."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from auth_bridge import testing as t
from auth_bridge.cache import request_cache
from auth_bridge.models import ApiClient
from auth_bridge.scoping import visible
from legacy import models as m

from .conftest import ALL, as_django_user
from .conftest import side as _side

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def pks(model, user, queryset=None):
    return set(visible(queryset if queryset is not None else model.objects.all(), user).values_list("pk", flat=True))


def client_user(name, districts=(), all_locations=False):
    user = get_user_model().objects.create(username=name)
    ApiClient.objects.create(user=user, rights=ALL, district_ids=[d.pk for d in districts], all_locations=all_locations)
    return user


SCOPED = [
    (m.Family, "family"),
    (m.Insuree, "head"),
    (m.Insuree, "member"),
    (m.Policy, "policy"),
    (m.Premium, "premium"),
    (m.InsureePolicy, "insuree_policy"),
    (m.HealthFacility, "hf"),
    (m.Claim, "claim"),
    (m.ClaimItem, "claim_item"),
    (m.ClaimService, "claim_service"),
    (m.Officer, "officer"),
    (m.Product, "product"),
]


@pytest.mark.parametrize("model,attr", SCOPED, ids=[f"{mod.__name__}.{a}" for mod, a in SCOPED])
def test_district_clerk_sees_own_district_only(world, model, attr):
    user = as_django_user(world.clerk)
    seen = pks(model, user)
    assert getattr(world.a, attr).pk in seen
    assert getattr(world.b, attr).pk not in seen


@pytest.mark.parametrize("model,attr", SCOPED, ids=[f"{mod.__name__}.{a}" for mod, a in SCOPED])
def test_administrator_sees_everything(world, model, attr):
    user = as_django_user(world.admin)
    assert pks(model, user) == set(model.objects.values_list("pk", flat=True))
    assert {getattr(world.a, attr).pk, getattr(world.b, attr).pk} <= pks(model, user)


def test_rows_with_null_location_are_not_visible_to_scoped_users(world):
    user = as_django_user(world.clerk)
    assert world.null.family.pk not in pks(m.Family, user)
    assert world.null.head.pk not in pks(m.Insuree, user)
    assert world.null.policy.pk not in pks(m.Policy, user)
    assert world.null.premium.pk not in pks(m.Premium, user)
    assert world.null.officer.pk not in pks(m.Officer, user)
    assert world.null.family.pk in pks(m.Family, as_django_user(world.admin))


def test_exact_family_sets_including_history_rows(world):
    user = as_django_user(world.clerk)
    assert pks(m.Family, user) == {world.a.family.pk, world.a.family_history.pk}
    assert pks(m.Family, user, m.Family.objects.current()) == {world.a.family.pk}


def test_hf_claim_administrator_sees_only_its_health_facility_claims(world):
    user = as_django_user(world.hf_admin)
    assert pks(m.Claim, user) == {world.a.claim.pk}
    assert world.a.other_claim.pk in pks(m.Claim, as_django_user(world.clerk))
    assert pks(m.ClaimItem, user) == {world.a.claim_item.pk}
    assert pks(m.HealthFacility, user) == {world.a.hf.pk, world.a.other_hf.pk}  # HFs still by district


def test_locations_in_and_below_districts_plus_their_region(world):
    user = as_django_user(world.clerk)
    a, b = world.a.tree, world.b.tree
    assert pks(m.Location, user) == {a.region.pk, a.district.pk, a.ward.pk, a.village.pk}
    assert not pks(m.Location, user) & {b.region.pk, b.district.pk, b.ward.pk, b.village.pk}


def test_products_national_region_and_district(world):
    seen = pks(m.Product, as_django_user(world.clerk))
    assert {world.national.pk, world.region_product.pk, world.a.product.pk} <= seen
    assert world.b.product.pk not in seen


def test_legacy_users_sharing_a_district(world):
    seen = pks(m.User, as_django_user(world.clerk))
    assert seen == {world.clerk.pk, world.hf_admin.pk}
    outsider = t.clerk("clerkB", "pw", world.b.tree.district, ALL)
    assert pks(m.User, as_django_user(outsider)) == {outsider.pk}
    assert pks(m.UserDistrict, as_django_user(outsider)) == set(outsider.districts.values_list("pk", flat=True))


def test_out_of_district_user_sees_none_of_a(world):
    outsider = as_django_user(t.clerk("clerkB", "pw", world.b.tree.district, ALL))
    for model, attr in SCOPED:
        assert getattr(world.a, attr).pk not in pks(model, outsider), model


def test_user_without_districts_sees_no_scoped_rows(world):
    lonely = as_django_user(t.legacy_user("lonely", "pw", roles=[t.role(rights=ALL)]))
    for model, _ in SCOPED:
        seen = pks(model, lonely)
        assert seen == (set() if model is not m.Product else {world.national.pk}), model


def test_public_tables_visible_to_any_principal_but_not_anonymous(world):
    from django.contrib.auth.models import AnonymousUser

    m.Gender.objects.create(code="M", name="Male")
    itm = t.item()
    user = as_django_user(world.clerk)
    for model in (m.Gender, m.Item, m.Role, m.Education):
        assert pks(model, user) == set(model.objects.values_list("pk", flat=True))
    assert "M" in pks(m.Gender, user) and itm.pk in pks(m.Item, user)
    assert pks(m.Gender, AnonymousUser()) == set()
    assert pks(m.Family, None) == set()


def test_unknown_models_are_denied_by_default(world):
    from django.contrib.auth.models import Group

    Group.objects.create(name="not a legacy model")
    assert list(visible(Group.objects.all(), as_django_user(world.admin))) == []


def test_technical_clients(world):
    scoped = client_user("etl", districts=[world.b.tree.district])
    assert pks(m.Family, scoped) == {world.b.family.pk}
    assert pks(m.Claim, scoped) == {world.b.claim.pk}
    national = client_user("national", all_locations=True)
    assert pks(m.Family, national) == set(m.Family.objects.values_list("pk", flat=True))
    nowhere = client_user("nowhere")
    assert pks(m.Family, nowhere) == set()


def test_visible_composes_with_filters_and_ordering(world):
    user = as_django_user(world.clerk)
    queryset = m.Insuree.objects.filter(last_name="Doe").order_by("-pk")
    result = list(visible(queryset, user).values_list("pk", flat=True))
    assert result == sorted({world.a.head.pk, world.a.member.pk}, reverse=True)
    # a filter that reaches out of scope through a relation finds nothing
    assert not visible(m.Insuree.objects.filter(family=world.b.family), user).exists()


def _count_queries(fn):
    with CaptureQueriesContext(connections["default"]) as state, CaptureQueriesContext(connections["legacy"]) as legacy:
        fn()
    return len(state) + len(legacy)


@pytest.mark.parametrize(
    "model",
    [
        m.Family,
        m.Insuree,
        m.Policy,
        m.Premium,
        m.Claim,
        m.ClaimItem,
        m.Location,
        m.HealthFacility,
        m.Product,
        m.User,
        m.Officer,
    ],
)
def test_query_count_of_visible_does_not_grow_with_rows(world, model):
    user = as_django_user(world.clerk)
    before = _count_queries(lambda: list(visible(model.objects.all(), user)))
    for _ in range(3):
        _side(world.a.tree)
        t.clerk(f"more{t.new_uuid()[:8]}", "pw", world.a.tree.district, ALL)
    user = as_django_user(world.clerk)
    after = _count_queries(lambda: list(visible(model.objects.all(), user)))
    assert after == before <= 8
    with request_cache():
        list(visible(model.objects.all(), user))
        assert _count_queries(lambda: list(visible(model.objects.all(), user))) == 1  # only the read itself
