"""Every mapped column of every legacy model survives a write and a read, on the real database."""

import datetime
import itertools
import string
from decimal import Decimal

import pytest
from django.db import models

from legacy.models import Family, Insuree, Location
from legacy.schema.compat import legacy_models

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


_serial = itertools.count(1)


def _value(field):
    """A sample value for `field`, distinct across calls (UUID columns are unique)."""
    n = next(_serial)
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.BooleanField):
        return n % 2 == 0
    if isinstance(target, models.SmallIntegerField):
        return 100 + n % 30000
    if isinstance(target, (models.AutoField, models.IntegerField)):
        return 100000 + n
    if isinstance(target, models.DecimalField):
        return Decimal(f"{100 + n % 900}.45") if target.max_digits >= 5 else Decimal("1.5")
    if isinstance(target, models.DateTimeField):
        return datetime.datetime(2021, 3, 4, 5, 6, n % 60)
    if isinstance(target, models.DateField):
        return datetime.date(2020, 1, 1 + n % 28)
    if isinstance(target, models.TextField):
        return f"text {n} é"
    if isinstance(target, models.CharField) and target.max_length <= 3:
        alphabet = string.ascii_letters + string.digits
        return "".join(alphabet[(n // 62**i) % 62] for i in range(target.max_length))
    if isinstance(target, models.CharField):
        return f"{n}é{field.name}"[: target.max_length]
    raise AssertionError(f"no sample value for {field!r}")


def _plain_references():
    """Integer columns the models map as plain numbers whose database column is a foreign key (a claim's
    diagnoses and claim administrator): sample values must be real rows there too."""
    from legacy.models import Claim, ClaimAdmin, Diagnosis

    icd = {(Claim, name): Diagnosis for name in ("icd_id", "icd_id_1", "icd_id_2", "icd_id_3", "icd_id_4")}
    return {**icd, (Claim, "claim_admin_id"): ClaimAdmin}


def _build(model, stack=()):
    """Create a row of `model` with a sample value in every column and real rows behind every FK.

    Returns the row and the (row, FK) pairs created below it whose target is still being built further
    up (the Family <-> head Insuree cycle); self references point at the row itself.
    """
    values, cyclic, pending = {}, [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField):
            continue
        if field.is_relation and (field.related_model is model or field.related_model in stack):
            values[field.attname] = _value(field)  # placeholder until the target exists
            cyclic.append(field)
        elif field.is_relation:
            target, below = _build(field.related_model, (*stack, model))
            values[field.attname] = getattr(target, field.target_field.attname)
            pending.extend(below)
        elif (model, field.name) in _plain_references():
            target, below = _build(_plain_references()[(model, field.name)], (*stack, model))
            values[field.attname] = target.pk
            pending.extend(below)
        else:
            values[field.attname] = _value(field)
    obj = model.objects.create(**values)
    pending.extend((obj, field) for field in cyclic)
    resolved = [(row, field) for row, field in pending if field.related_model is model]
    for row, field in resolved:
        setattr(row, field.attname, obj.pk)
        row.save(update_fields=[field.name])
    obj.refresh_from_db()
    return obj, [item for item in pending if item not in resolved]


@pytest.mark.parametrize("model", legacy_models(), ids=lambda model: model._meta.db_table)
def test_every_mapped_column_round_trips(model):
    obj, pending = _build(model)
    assert pending == []
    fresh = model.objects.get(pk=obj.pk)
    for field in model._meta.concrete_fields:
        sample = getattr(obj, field.attname)
        assert sample is not None, (model._meta.db_table, field.attname)
        assert getattr(fresh, field.attname) == sample, (model._meta.db_table, field.attname)


def _location(**kwargs):
    defaults = dict(
        uuid=kwargs.pop("uuid", None) or f"loc-{kwargs['code']}",
        type="V",
        validity_from=datetime.datetime(2020, 1, 1),
        audit_user_id=1,
    )
    return Location.objects.create(**{**defaults, **kwargs})


def test_versioned_queries_follow_the_legacy_convention():
    t0, t1, t2 = (datetime.datetime(2020, 1, 1), datetime.datetime(2021, 1, 1), datetime.datetime(2022, 1, 1))
    village = _location(code="V1", name="Village", validity_from=t0)
    family = Family.objects.create(uuid="f-1", head_id=0, location=village, validity_from=t0, audit_user_id=1)
    current = Insuree.objects.create(
        uuid="i-1",
        family=family,
        chf_id="1",
        last_name="New",
        other_names="A",
        dob=datetime.date(1990, 1, 1),
        is_head=True,
        validity_from=t1,
        audit_user_id=2,
    )
    older = Insuree.objects.create(
        uuid="i-1-h",
        family=family,
        chf_id="1",
        last_name="Old",
        other_names="A",
        dob=datetime.date(1990, 1, 1),
        is_head=True,
        validity_from=t0,
        validity_to=t1,
        legacy_id=current.pk,
        audit_user_id=1,
    )
    deleted = Insuree.objects.create(
        uuid="i-2",
        family=family,
        chf_id="2",
        last_name="Gone",
        other_names="B",
        dob=datetime.date(1990, 1, 1),
        is_head=False,
        validity_from=t2,
        validity_to=t2,
        audit_user_id=1,
    )
    Family.objects.filter(pk=family.pk).update(head=current)  # the legacy app links the head last
    assert list(Insuree.objects.current()) == [current]
    assert list(Insuree.objects.history_of(current)) == [older]
    assert older.entity_id == current.pk and not older.is_current
    as_of_2020 = set(Insuree.objects.as_of(datetime.datetime(2020, 6, 1)).values_list("last_name", flat=True))
    assert as_of_2020 == {"Old"}
    as_of_2023 = set(Insuree.objects.as_of(datetime.datetime(2023, 1, 1)).values_list("last_name", flat=True))
    assert as_of_2023 == {"New"}
    assert deleted not in Insuree.objects.as_of(datetime.datetime(2023, 1, 1))
