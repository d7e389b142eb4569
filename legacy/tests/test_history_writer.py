"""The history writer writes exactly the rows the legacy application writes, and nothing on failure."""

import uuid
from itertools import pairwise

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from legacy.models import Insuree, Location
from legacy.routers import LEGACY_DB
from legacy.services import Actor, NotCurrent, NotFound, ValidationFailed, create, delete, update

from . import legacy_sql
from .rows import current_row, editable_field, new_value, twin, versioned_models, without

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

ACTOR = Actor(7, "tester")
# tblFeedback keeps no history in the legacy (the PostgreSQL port's UNIQUE(ClaimID) forbids a copy) and the
# API never updates or deletes a feedback: the history convention does not apply to it.
HISTORY = [model for model in versioned_models() if model._meta.db_table != "tblFeedback"]
MODELS = pytest.mark.parametrize("model", HISTORY, ids=lambda model: model._meta.db_table)


def _comparable(row):
    """A row's values without what must differ between twins (id, UUID, LegacyID -> its own row)."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    return without(values, row._meta.pk.attname, "uuid", "legacy_id")


def _assert_same_versions(model, ours, theirs):
    assert _comparable(model.objects.get(pk=ours.pk)) == _comparable(model.objects.get(pk=theirs.pk))
    our_history = list(model.objects.history_of(ours))
    their_history = list(model.objects.history_of(theirs))
    assert len(our_history) == len(their_history) == 1
    assert [_comparable(row) for row in our_history] == [_comparable(row) for row in their_history]
    assert our_history[0].legacy_id == ours.pk
    if hasattr(ours, "uuid"):
        history_uuid = our_history[0].uuid
        assert history_uuid == str(uuid.UUID(history_uuid)) and history_uuid != ours.uuid  # new, lower-case


@MODELS
def test_update_writes_what_a_legacy_update_writes(model):
    ours = current_row(model)
    theirs = twin(ours)
    field = editable_field(model)
    value = new_value(field)
    count = model.objects.count()

    updated = update(ours, {field.name: value}, ACTOR)

    moment = updated.validity_from
    legacy_sql.legacy_update(model, theirs.pk, {field.name: value}, moment=moment, audit_user_id=7)
    assert model.objects.count() == count + 2
    assert getattr(updated, field.attname) == value and updated.audit_user_id == 7
    assert updated.pk == ours.pk and updated.uuid == ours.uuid if hasattr(ours, "uuid") else True
    history = model.objects.history_of(ours).get()
    assert (history.validity_from, history.validity_to, history.audit_user_id) == (
        ours.validity_from,
        moment,
        ours.audit_user_id,
    )
    _assert_same_versions(model, ours, theirs)


@MODELS
def test_delete_writes_what_a_legacy_delete_writes(model):
    ours = current_row(model)
    theirs = twin(ours)

    deleted = delete(ours.pk, ACTOR, model=model)

    moment = deleted.validity_to
    assert deleted.validity_from == moment and deleted.legacy_id is None and deleted.audit_user_id == 7
    legacy_sql.legacy_delete(model, theirs.pk, moment=moment, audit_user_id=7)
    _assert_same_versions(model, ours, theirs)
    assert not model.objects.current().filter(pk=ours.pk).exists()


def test_create_writes_what_a_legacy_insert_writes():
    region = current_row(Location)
    values = {"code": "D9", "name": "District nine", "type": "D", "parent": region.pk, "male_population": 12}
    ours = create(Location, values, ACTOR)
    assert ours.uuid == str(uuid.UUID(ours.uuid))
    theirs_pk = legacy_sql.legacy_insert(
        Location,
        {
            "uuid": str(uuid.uuid4()).upper(),
            "code": "D9",
            "name": "District nine",
            "type": "D",
            "parent": region.pk,
            "male_population": 12,
            "validity_from": ours.validity_from,
            "audit_user_id": 7,
        },
    )
    assert _comparable(ours) == _comparable(Location.objects.get(pk=theirs_pk))
    assert ours.validity_to is None and ours.legacy_id is None
    assert ours.validity_from.microsecond % 1000 == 0  # milliseconds, like SQL Server datetime


def _counts():
    return {model: model.objects.count() for model in versioned_models()}


def _fail_on(keyword):
    """A database fault injected on the first statement starting with `keyword` (not a mock: the real
    statements before it have run in the same transaction)."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(keyword):
            raise RuntimeError(f"injected fault on {keyword}")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_a_failure_between_the_copy_and_the_update_leaves_no_trace(operation, django_capture_on_commit_callbacks):
    insuree = current_row(Insuree)
    before, counts = _comparable(insuree), _counts()
    with django_capture_on_commit_callbacks(using=LEGACY_DB) as callbacks:
        with connections[LEGACY_DB].execute_wrapper(_fail_on("UPDATE")), pytest.raises(RuntimeError):
            if operation == "update":
                update(insuree, {"phone": "+1 555"}, ACTOR)
            else:
                delete(insuree, ACTOR)
    assert _counts() == counts
    assert _comparable(Insuree.objects.get(pk=insuree.pk)) == before
    assert callbacks == []


def test_invalid_values_are_refused_before_anything_is_written():
    insuree = current_row(Insuree)
    counts = _counts()
    with pytest.raises(ValidationFailed) as refused:
        update(
            insuree,
            {"phone": "9" * 51, "last_name": None, "dob": "not a date", "nope": 1, "validity_to": None, "uuid": "x"},
            ACTOR,
        )
    assert set(refused.value.errors) == {"phone", "last_name", "dob", "nope", "validity_to", "uuid"}
    with pytest.raises(ValidationFailed) as missing:
        create(Location, {"name": "No type"}, ACTOR)
    assert set(missing.value.errors) == {"type"}
    assert _counts() == counts


def test_history_and_deleted_rows_cannot_change():
    insuree = current_row(Insuree)
    update(insuree, {"phone": "1"}, ACTOR)
    history = Insuree.objects.history_of(insuree).get()
    counts = _counts()
    with pytest.raises(NotCurrent):
        update(history, {"phone": "2"}, ACTOR)
    delete(insuree, ACTOR)
    counts = _counts()
    with pytest.raises(NotCurrent):
        delete(insuree, ACTOR)
    with pytest.raises(NotCurrent):
        update(insuree.pk, {"phone": "3"}, ACTOR, model=Insuree)
    with pytest.raises(NotFound):
        update(10**8, {"phone": "3"}, ACTOR, model=Insuree)
    assert _counts() == counts


def test_every_update_keeps_a_chain_of_versions():
    location = current_row(Location)
    for n in range(3):
        update(location, {"name": f"v{n}"}, Actor(10 + n))
    versions = [*Location.objects.history_of(location).order_by("pk"), Location.objects.get(pk=location.pk)]
    assert [v.name for v in versions] == [location.name, "v0", "v1", "v2"]
    assert [v.audit_user_id for v in versions] == [location.audit_user_id, 10, 11, 12]
    for older, newer in pairwise(versions):
        assert older.validity_to == newer.validity_from


def test_statements_lock_copy_update_and_never_touch_rowid():
    insuree = current_row(Insuree)
    connection = connections[LEGACY_DB]
    with CaptureQueriesContext(connection) as queries:
        update(insuree, {"phone": "+1 555"}, ACTOR)
    statements = [q["sql"] for q in queries.captured_queries]
    assert not any("rowid" in sql.lower() for sql in statements)
    writes = [
        sql.split()[0].upper()
        for sql in statements
        if not sql.upper().startswith(("SELECT", "SAVEPOINT", "RELEASE", "BEGIN"))
    ]
    assert writes == ["INSERT", "UPDATE"]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in statements[0] or "FOR UPDATE" in statements[1]


def test_an_update_that_changes_nothing_writes_nothing():
    insuree = current_row(Insuree)
    counts = _counts()
    same = update(insuree, {"phone": insuree.phone, "dob": insuree.dob.isoformat()}, ACTOR)
    assert _counts() == counts and same.validity_from == insuree.validity_from
