"""A row as plain values: what signals carry and what the etag hashes."""

import datetime
import json
from decimal import Decimal

from django.db import models


def snapshot(obj):
    """{attname: value} for every mapped column (FKs by their raw id), Python values as read."""
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def canonical(obj):
    """A text form of the row that is the same on every database for the same content.

    Decimals at the column's scale, times to the millisecond, UUID text in lower case: the spots where
    drivers and vendors would otherwise disagree about the same stored value.
    """
    values = [
        [field.column, _plain(field, getattr(obj, field.attname))]
        for field in sorted(obj._meta.concrete_fields, key=lambda f: f.column.lower())
    ]
    return json.dumps([obj._meta.db_table, values], separators=(",", ":"), ensure_ascii=False)


def _plain(field, value):
    if value is None or isinstance(value, (bool, int)):
        return value
    target = field.target_field if field.is_relation else field
    if isinstance(value, Decimal):
        places = getattr(target, "decimal_places", None)
        return str(value.quantize(Decimal(1).scaleb(-places)) if places is not None else value.normalize())
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="milliseconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and field.name == "uuid":
        return value.lower()
    if isinstance(target, models.BooleanField):
        return bool(value)
    return value if isinstance(value, (str, float)) else str(value)
