"""seed_demo builds a consistent legacy population with the legacy conventions."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from legacy.models import Claim, Family, Insuree, InsureePolicy, Location, Policy, Premium, User
from legacy.passwords import legacy_password_hash

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", families=30, chunk_size=7, stdout=out)
    return out.getvalue()


def _region_of(location_id, locations):
    location = locations[location_id]
    while location.parent_id is not None:
        location = locations[location.parent_id]
    return location


def test_every_current_insuree_has_a_current_family_whose_village_chain_reaches_a_region(seeded):
    locations = {location.pk: location for location in Location.objects.current()}
    families = {family.pk: family for family in Family.objects.current()}
    insurees = list(Insuree.objects.current())
    assert len(families) == 30 and len(insurees) >= 30
    for insuree in insurees:
        family = families[insuree.family_id]
        village = locations[family.location_id]
        assert village.type == "V"
        assert [locations[village.parent_id].type, locations[village.parent.parent_id].type] == ["W", "D"]
        assert _region_of(village.pk, locations).type == "R"


def test_each_family_has_exactly_one_current_head_and_it_is_linked(seeded):
    for family in Family.objects.current():
        heads = Insuree.objects.current().filter(family=family, is_head=True)
        assert [head.pk for head in heads] == [family.head_id]


def test_history_and_deleted_rows_follow_the_legacy_convention(seeded):
    history = Insuree.objects.filter(validity_to__isnull=False, legacy_id__isnull=False)
    deleted = Insuree.objects.filter(validity_to__isnull=False, legacy_id__isnull=True)
    assert history.exists() and deleted.exists()
    for copy in history:
        current = Insuree.objects.get(pk=copy.legacy_id)
        assert current.validity_to is None
        assert copy.validity_to == current.validity_from  # contiguous chain
        assert copy.uuid != current.uuid and copy.chf_id == current.chf_id
    for row in deleted:
        assert row.validity_from == row.validity_to


def test_policies_premiums_and_claims_hang_together(seeded):
    for policy in Policy.objects.current():
        members = set(Insuree.objects.current().filter(family_id=policy.family_id).values_list("pk", flat=True))
        covered = set(InsureePolicy.objects.filter(policy=policy).values_list("insuree_id", flat=True))
        assert covered == members
        assert Premium.objects.current().filter(policy=policy).count() == 1
    claims = list(Claim.objects.current().select_related("health_facility", "insuree__family__location__parent"))
    assert claims
    for claim in claims:
        assert claim.insuree.validity_to is None
        assert claim.health_facility.location_id == claim.insuree.family.location.parent.parent_id
        assert claim.items.exists() and claim.services.exists()


def test_demo_logins_are_hashed_like_the_legacy_application(seeded):
    assert "Admin / admin123" in seeded
    admin = User.objects.current().get(login_name="Admin")
    assert admin.stored_password == legacy_password_hash("admin123", admin.private_key)
    assert admin.stored_password == admin.stored_password.upper() and len(admin.stored_password) == 64
    roles = {ur.role.is_system for ur in admin.user_roles.select_related("role")}
    assert 64 in roles
    claim_admin = User.objects.current().get(login_name="ClaimAdmin")
    assert claim_admin.health_facility_id is not None
    clerk = User.objects.current().get(login_name="Clerk")
    assert [d.location.code for d in clerk.districts.select_related("location")] == ["R1D1"]


def test_seed_demo_refuses_a_database_with_data(seeded):
    with pytest.raises(CommandError, match="already has data"):
        call_command("seed_demo", families=1)
