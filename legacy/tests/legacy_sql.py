"""The legacy application's own writes, as plain SQL statement pairs (what the VB.NET app sends).

Tests apply the same change through the history writer and through these statements on a twin row,
then compare the rows field by field.
"""

from django.db import connections

from legacy.routers import LEGACY_DB
from legacy.services.history import new_uuid


def _quote(name):
    return connections[LEGACY_DB].ops.quote_name(name)


def _prep(field, value):
    target = field.target_field if field.is_relation else field
    return target.get_db_prep_value(value, connections[LEGACY_DB], prepared=False)


def _field(model, name):
    return model._meta.get_field(name)


def insert_history_copy(model, pk, moment):
    """INSERT INTO t (cols) SELECT cols with a new UUID, ValidityTo = now, LegacyID = id FROM t WHERE id."""
    meta = model._meta
    columns, select, params = [], [], []
    for field in meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(_quote(field.column))
        if field.name == "uuid":
            select.append("%s")
            params.append(new_uuid())
        elif field.name == "validity_to":
            select.append("%s")
            params.append(_prep(field, moment))
        elif field.name == "legacy_id":
            select.append(_quote(meta.pk.column))
        else:
            select.append(_quote(field.column))
    table = _quote(meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(select)} FROM {table} "
        f"WHERE {_quote(meta.pk.column)} = %s"
    )
    with connections[LEGACY_DB].cursor() as cursor:
        cursor.execute(sql, [*params, pk])


def update_in_place(model, pk, changes):
    """UPDATE t SET col = value, ... WHERE id (changes by model field name)."""
    meta = model._meta
    fields = [_field(model, name) for name in changes]
    assignments = ", ".join(f"{_quote(field.column)} = %s" for field in fields)
    params = [_prep(field, changes[field.name]) for field in fields]
    with connections[LEGACY_DB].cursor() as cursor:
        cursor.execute(
            f"UPDATE {_quote(meta.db_table)} SET {assignments} WHERE {_quote(meta.pk.column)} = %s", [*params, pk]
        )


def legacy_update(model, pk, changes, *, moment, audit_user_id):
    insert_history_copy(model, pk, moment)
    update_in_place(model, pk, {**changes, "validity_from": moment, "audit_user_id": audit_user_id})


def legacy_delete(model, pk, *, moment, audit_user_id):
    insert_history_copy(model, pk, moment)
    update_in_place(model, pk, {"validity_from": moment, "validity_to": moment, "audit_user_id": audit_user_id})


def legacy_insert(model, values):
    """INSERT INTO t (cols) VALUES (...) with values by model field name; returns the new id."""
    meta = model._meta
    fields = [_field(model, name) for name in values]
    columns = ", ".join(_quote(field.column) for field in fields)
    params = [_prep(field, values[field.name]) for field in fields]
    with connections[LEGACY_DB].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", params
        )
    uuid_field = _field(model, "uuid")
    return model.objects.get(**{uuid_field.name: values["uuid"]}).pk
