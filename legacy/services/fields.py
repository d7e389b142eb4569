"""Incoming values -> column values: the checks that keep the database from answering with an error.

Every problem becomes a ValidationFailed keyed by model field name, so a bad value is a 422 and never
a database exception (PostgreSQL enforces lengths, SQLite does not: both must refuse the same input).
"""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from .errors import Errors

# Columns only the history writer sets.
WRITER_FIELDS = frozenset({"uuid", "validity_from", "validity_to", "legacy_id", "audit_user_id"})


def field_of(model, key):
    """The concrete field called `key` (its name or attname, e.g. `family` or `family_id`), or None."""
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if field.concrete else None


def clean_values(model, values, *, creating):
    """{key: raw value} -> {attname: clean value}, or ValidationFailed listing every bad field."""
    errors, clean = Errors(), {}
    for key, raw in values.items():
        field = field_of(model, key)
        if field is None:
            errors.add(key, "Unknown field.")
        elif field.primary_key or field.name in WRITER_FIELDS:
            errors.add(field.name, "This field is set by the server.")
        else:
            try:
                clean[field.attname] = clean_value(field, raw)
            except ValidationError as error:
                for message in error.messages:
                    errors.add(field.name, message)
    if creating:
        for field in model._meta.concrete_fields:
            required = not (field.null or field.has_default() or field.primary_key or field.name in WRITER_FIELDS)
            if required and field.attname not in clean and field.name not in errors.by_field:
                errors.add(field.name, "This field is required.")
    errors.raise_if_any()
    return clean


def clean_value(field, value):
    """One value as the column will store it; raises django ValidationError."""
    if isinstance(value, models.Model):
        value = value.pk
    if value is None:
        if not field.null:
            raise ValidationError("This field may not be null.")
        return None
    target = field.target_field if field.is_relation else field
    value = target.to_python(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value)  # the legacy database holds local wall-clock time
    if value == "" and not field.null:
        raise ValidationError("This field may not be blank.")
    target.run_validators(value)
    return value
