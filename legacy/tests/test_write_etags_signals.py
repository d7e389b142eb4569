"""Optimistic concurrency (etags), actors, signals and logs of the history writer."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction

from legacy.models import Insuree, Location, Premium, User
from legacy.routers import LEGACY_DB
from legacy.services import Actor, PreconditionFailed, as_actor, create, delete, etag, post_write, update
from legacy.services.etags import matches

from . import legacy_sql
from .rows import current_row

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

ACTOR = Actor(7, "tester")


def _rows(model):
    return sorted(model.objects.values_list("pk", "validity_from", "validity_to", "legacy_id"), key=str)


def test_etag_follows_the_content_not_the_read():
    insuree = current_row(Insuree)
    tag = etag(insuree)
    assert tag == etag(Insuree.objects.get(pk=insuree.pk)) and len(tag) == 64
    updated = update(insuree, {"phone": "+1 555"}, ACTOR)
    assert etag(updated) != tag
    assert etag(updated) == etag(Insuree.objects.get(pk=insuree.pk))
    uuid_upper = Insuree.objects.get(pk=insuree.pk)
    uuid_upper.uuid = uuid_upper.uuid.upper()
    assert etag(uuid_upper) == etag(updated)  # SQL Server shows UUIDs in upper case


def test_if_match_forms():
    location = current_row(Location)
    tag = etag(location)
    for accepted in (tag, f'"{tag}"', f'"other", "{tag}"', "*"):
        assert matches(accepted, etag(location)), accepted
    assert not matches('"0000"', etag(location))
    assert not matches(f'W/"{tag}"', etag(location))  # If-Match uses the strong comparison


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_stale_etag_is_refused_and_nothing_is_written(operation):
    insuree = current_row(Insuree)
    stale = etag(insuree)
    update(insuree, {"phone": "first"}, ACTOR)
    rows = _rows(Insuree)
    with pytest.raises(PreconditionFailed) as refused:
        if operation == "update":
            update(insuree, {"phone": "second"}, ACTOR, expected_etag=f'"{stale}"')
        else:
            delete(insuree, ACTOR, expected_etag=stale)
    current = Insuree.objects.get(pk=insuree.pk)
    assert refused.value.current_etag == etag(current)
    assert current.phone == "first" and _rows(Insuree) == rows


def test_a_legacy_application_update_between_read_and_write_is_detected():
    insuree = current_row(Insuree)
    read = Insuree.objects.get(pk=insuree.pk)
    tag = etag(read)
    # The legacy application saves the same insuree (same phone: only ValidityFrom/AuditUserID change).
    moment = read.validity_from.replace(year=read.validity_from.year + 1)
    legacy_sql.legacy_update(Insuree, read.pk, {"phone": read.phone}, moment=moment, audit_user_id=3)
    rows = _rows(Insuree)
    with pytest.raises(PreconditionFailed):
        update(read, {"phone": "from the API"}, ACTOR, expected_etag=tag)
    assert _rows(Insuree) == rows and Insuree.objects.get(pk=read.pk).phone == read.phone
    fresh = Insuree.objects.get(pk=read.pk)
    assert update(fresh, {"phone": "from the API"}, ACTOR, expected_etag=etag(fresh)).phone == "from the API"


def test_actors():
    class Principal:  # shaped like auth_bridge.rights.Principal, which legacy must not import
        audit_user_id = 42

    assert as_actor(Principal()).audit_user_id == 42
    assert as_actor(5) == Actor(5)
    assert Actor.technical("importer").audit_user_id == settings.LEGACY_AUDIT_USER_ID
    for bad in (True, "7", None):
        with pytest.raises(TypeError):
            as_actor(bad)


def test_post_write_is_sent_after_commit_with_before_and_after(django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, **kwargs):
        received.append((sender, kwargs))

    post_write.connect(receiver)
    try:
        insuree = current_row(Insuree)
        with django_capture_on_commit_callbacks(using=LEGACY_DB, execute=True):
            updated = update(insuree, {"phone": "+1 555"}, ACTOR)
        with django_capture_on_commit_callbacks(using=LEGACY_DB, execute=True):
            created = create(Location, {"type": "R", "code": "R9", "name": "Region"}, ACTOR)
    finally:
        post_write.disconnect(receiver)
    (sender, update_kwargs), (create_sender, create_kwargs) = received
    assert sender is Insuree and update_kwargs["action"] == "update" and update_kwargs["actor"] == ACTOR
    assert update_kwargs["before"]["phone"] == insuree.phone and update_kwargs["after"]["phone"] == "+1 555"
    assert update_kwargs["entity"].pk == updated.pk
    assert update_kwargs["history_id"] == Insuree.objects.history_of(insuree).get().pk
    assert create_sender is Location and create_kwargs["action"] == "create" and create_kwargs["before"] is None
    assert create_kwargs["after"]["id"] == created.pk


def test_nothing_is_announced_when_the_outer_transaction_rolls_back(django_capture_on_commit_callbacks):
    insuree = current_row(Insuree)
    with django_capture_on_commit_callbacks(using=LEGACY_DB) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic(using=LEGACY_DB):
            update(insuree, {"phone": "+1 555"}, ACTOR)
            raise RuntimeError("the outer transaction fails after the write")
    assert callbacks == []
    assert Insuree.objects.get(pk=insuree.pk).phone == insuree.phone


def test_writes_are_logged_with_ids_and_never_values(caplog, django_capture_on_commit_callbacks):
    user = current_row(User)
    caplog.set_level(logging.INFO, logger="legacy.writes")
    with django_capture_on_commit_callbacks(using=LEGACY_DB, execute=True):
        update(user, {"stored_password": "s3cret-hash", "private_key": "k3y-material"}, ACTOR)
    (record,) = [r for r in caplog.records if r.name == "legacy.writes"]
    message = record.getMessage()
    assert f"id={user.pk}" in message and "audit_user_id=7" in message and "tblUsers" in message
    assert "stored_password" in message  # which fields changed...
    assert "s3cret" not in message and "k3y" not in message  # ...never their values


def test_etag_ignores_how_a_driver_spells_the_same_value():
    """PostgreSQL, SQLite and SQL Server return the same stored value in different Python spellings."""

    def premium(amount, moment, uuid):
        return Premium(
            id=1,
            uuid=uuid,
            policy_id=2,
            amount=amount,
            receipt="r",
            pay_date=datetime.date(2024, 1, 1),
            pay_type="C",
            validity_from=moment,
            audit_user_id=1,
            created_date=datetime.date(2024, 1, 1),
        )

    t = datetime.datetime(2024, 1, 2, 3, 4, 5, 123000)
    same = premium(Decimal("50.50"), t, "ab-cd"), premium(Decimal("50.5"), t.replace(microsecond=123456), "AB-CD")
    assert etag(same[0]) == etag(same[1])
    assert etag(premium(Decimal("50.51"), t, "ab-cd")) != etag(same[0])
    assert etag(premium(Decimal("50.50"), t.replace(microsecond=124000), "ab-cd")) != etag(same[0])
