"""Rows that already exist in the legacy database before a test writes (built with the plain ORM)."""

import datetime

from django.db import models

from legacy.models import VersionedModel
from legacy.schema.compat import legacy_models
from legacy.services.fields import WRITER_FIELDS
from legacy.services.history import new_uuid
from legacy.services.snapshots import snapshot

from .test_models import _build, _value

T0 = datetime.datetime(2021, 3, 4, 5, 6, 7, 123000)


def versioned_models():
    return [model for model in legacy_models() if issubclass(model, VersionedModel)]


def current_row(model):
    """A current row of `model` with a value in every column (and real rows behind its FKs)."""
    obj, pending = _build(model)
    assert pending == []
    model.objects.filter(pk=obj.pk).update(validity_from=T0, validity_to=None, legacy_id=None)
    obj.refresh_from_db()
    return obj


def twin(obj):
    """Another current row with the same values as `obj` (its own id and UUID)."""
    values = {k: v for k, v in snapshot(obj).items() if k != obj._meta.pk.attname}
    if "uuid" in values:
        values["uuid"] = new_uuid()
    return type(obj).objects.create(**values)


def editable_field(model):
    """A column a client may change (not a key, not a writer column, not a flag); plain ones first.

    Chosen by name, not by declaration order: moving columns (to an abstract base, say) must not change
    which column the history-writer tests update.
    """
    candidates = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key or field.name in WRITER_FIELDS or isinstance(field, models.BooleanField))
    ]
    return min(candidates, key=lambda field: (field.is_relation, field.name))


def new_value(field):
    """A value the row does not have yet; for a FK, the id of a new real target row."""
    if field.is_relation:
        target, pending = _build(field.related_model)
        assert pending == []
        return getattr(target, field.target_field.attname)
    return _value(field)


def without(values, *names):
    return {k: v for k, v in values.items() if k not in names}
