"""Families and insurees: the legacy rules that keep a family consistent."""

import datetime

import pytest

from legacy.models import Family, Insuree, InsureePolicy
from legacy.routers import LEGACY_DB
from legacy.services import ValidationFailed, post_write
from legacy.services.families import create_family, delete_family, update_family
from legacy.services.insurees import add_member, delete_insuree, update_insuree

from .domain import ACTOR, family_with_head, head_values, location_tree
from .rows import current_row

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


def _counts():
    return (Family.objects.count(), Insuree.objects.count(), InsureePolicy.objects.count())


def test_a_family_is_created_with_its_head_in_one_go(django_capture_on_commit_callbacks):
    village = location_tree().village
    received = []
    post_write.connect(receiver := lambda sender, **kw: received.append((sender, kw["after"])))
    try:
        with django_capture_on_commit_callbacks(using=LEGACY_DB, execute=True):
            family, head = family_with_head(village)
    finally:
        post_write.disconnect(receiver)
    family.refresh_from_db()
    assert family.head_id == head.pk and head.family_id == family.pk and head.is_head
    assert family.location_id == village.pk and family.validity_from == head.validity_from
    assert (family.audit_user_id, head.audit_user_id) == (7, 7)
    assert family.uuid == family.uuid.lower() and head.uuid == head.uuid.lower()
    assert not Family.objects.history_of(family).exists() and not Insuree.objects.history_of(head).exists()
    assert [(sender, after["id"]) for sender, after in received] == [(Insuree, head.pk), (Family, family.pk)]
    assert received[1][1]["head_id"] == head.pk  # announced as linked, never with the placeholder


def test_a_bad_family_or_head_writes_nothing():
    tree = location_tree()
    _, existing_head = family_with_head(tree.village)
    counts = _counts()
    with pytest.raises(ValidationFailed) as bad_family:
        create_family({"location": tree.ward.pk}, head_values(), ACTOR)
    assert set(bad_family.value.errors) == {"location"}
    with pytest.raises(ValidationFailed) as bad_head:  # the family row is written first, then rolled back
        create_family(
            {"location": tree.village.pk},
            head_values(chf_id=existing_head.chf_id, dob=datetime.date.today() + datetime.timedelta(days=1)),
            ACTOR,
        )
    assert set(bad_head.value.errors) == {"head.chf_id", "head.dob"}
    with pytest.raises(ValidationFailed) as missing:
        create_family({"location": tree.village.pk}, head_values(last_name=None), ACTOR)
    assert set(missing.value.errors) == {"head.last_name"}
    with pytest.raises(ValidationFailed) as head_given:
        create_family({"location": tree.village.pk, "head": existing_head.pk}, head_values(), ACTOR)
    assert set(head_given.value.errors) == {"head"}
    assert _counts() == counts


def test_members_join_current_families_only():
    family, head = family_with_head()
    member = add_member(family, head_values(is_head=True, last_name="Member"), ACTOR)
    assert member.family_id == family.pk and not member.is_head
    with pytest.raises(ValidationFailed) as duplicate:
        add_member(family, head_values(chf_id=member.chf_id), ACTOR)
    assert set(duplicate.value.errors) == {"chf_id"}
    delete_family(family, ACTOR)
    counts = _counts()
    with pytest.raises(ValidationFailed) as gone:
        add_member(family, head_values(), ACTOR)
    assert set(gone.value.errors) == {"family"}
    assert _counts() == counts


def test_a_head_cannot_be_deleted_while_its_family_exists():
    family, head = family_with_head()
    counts = _counts()
    with pytest.raises(ValidationFailed) as refused:
        delete_insuree(head, ACTOR)
    assert set(refused.value.errors) == {"is_head"}
    assert _counts() == counts and Insuree.objects.get(pk=head.pk).is_current


def test_deleting_a_member_deletes_its_policy_links():
    family, _ = family_with_head()
    member = add_member(family, head_values(), ACTOR)
    link = current_row(InsureePolicy)
    InsureePolicy.objects.filter(pk=link.pk).update(insuree_id=member.pk)
    deleted = delete_insuree(member, ACTOR)
    link.refresh_from_db()
    assert deleted.validity_to == link.validity_to == deleted.validity_from and link.legacy_id is None
    assert InsureePolicy.objects.history_of(link).count() == 1


def test_deleting_a_family_deletes_its_members_the_legacy_way():
    family, head = family_with_head()
    member = add_member(family, head_values(), ACTOR)
    deleted = delete_family(family, ACTOR)
    moment = deleted.validity_to
    for row in (Family.objects.get(pk=family.pk), Insuree.objects.get(pk=head.pk), Insuree.objects.get(pk=member.pk)):
        assert row.validity_from == row.validity_to == moment and row.legacy_id is None
        assert type(row).objects.history_of(row).get().validity_to == moment
    assert not Insuree.objects.current().filter(family_id=family.pk).exists()


def test_insuree_changes_keep_heads_and_numbers_consistent():
    family, head = family_with_head()
    other_family, other_head = family_with_head()
    member = add_member(family, head_values(), ACTOR)
    counts = _counts()
    for changes, fields in (
        ({"is_head": True}, {"is_head"}),
        ({"chf_id": other_head.chf_id}, {"chf_id"}),
        ({"chf_id": ""}, {"chf_id"}),
    ):
        with pytest.raises(ValidationFailed) as refused:
            update_insuree(member, changes, ACTOR)
        assert set(refused.value.errors) == fields
    with pytest.raises(ValidationFailed):
        update_insuree(head, {"family": other_family.pk}, ACTOR)
    assert _counts() == counts
    moved = update_insuree(member, {"family": other_family.pk, "phone": "+1"}, ACTOR)
    assert moved.family_id == other_family.pk and Insuree.objects.history_of(member).count() == 1


def test_family_changes_keep_their_head_and_a_village():
    tree = location_tree()
    family, head = family_with_head(tree.village)
    with pytest.raises(ValidationFailed) as refused:
        update_family(family, {"location": tree.district.pk}, ACTOR)
    assert set(refused.value.errors) == {"location"}
    with pytest.raises(ValidationFailed):
        update_family(family, {"head": 0}, ACTOR)
    changed = update_family(family, {"family_address": "Road 2"}, ACTOR)
    assert changed.head_id == head.pk and changed.family_address == "Road 2"
