"""Small checks shared by the domain services (references, uniqueness, dates) and their validate hooks."""

from legacy.routers import LEGACY_DB

from .locks import serialise
from .snapshots import snapshot


def current_row(model, pk):
    """The current row `pk` of `model`, or None (history copies and deleted rows do not count)."""
    if pk is None:
        return None
    return model.objects.using(LEGACY_DB).current().filter(pk=pk).first()


def require_current(errors, field, model, pk, label, **conditions):
    """Add an error unless `pk` is a current `model` row matching `conditions`; return the row."""
    row = current_row(model, pk)
    if row is None or any(getattr(row, name) != value for name, value in conditions.items()):
        errors.add(field, f"Must be a current {label}.")
        return None
    return row


def require_code(errors, field, model, value):
    """Reference tables (gender, relations, ...) have no validity: the code must exist."""
    if value is not None and not model.objects.using(LEGACY_DB).filter(pk=value).exists():
        errors.add(field, f"Unknown code {value!r}.")


def unique_among_current(errors, field, model, column, value, exclude_pk=None, **scope):
    """Codes and numbers are unique among current rows only (history copies repeat them).

    Inside a write's transaction the check holds an application lock on the value (`locks.serialise`,
    upper-cased: SQL Server's usual collation compares without case) until commit, so two concurrent
    writes of the same value cannot both pass it."""
    if value in (None, ""):
        return
    serialise(f"{model._meta.db_table}.{column}={str(value).upper()}")
    rows = model.objects.using(LEGACY_DB).current().filter(**{column: value}, **scope)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if rows.exists():
        errors.add(field, f"{value!r} is already used by a current row.")


def not_before(errors, field, later, earlier, earlier_label):
    if later is not None and earlier is not None and later < earlier:
        errors.add(field, f"Must not be before {earlier_label}.")


def merged(current, changes):
    """The values a row will have after `changes` ({attname: value}) are applied."""
    return {f.attname: changes.get(f.attname, getattr(current, f.attname)) for f in current._meta.concrete_fields}


def on_create(check):
    """history.create's `validate`: the new row's values must pass `check` (one place for the shape)."""
    return lambda obj: check(snapshot(obj)).raise_if_any()


def on_update(check, exclude_current=False):
    """history.update's `validate`: the row as it will be must pass `check`.

    `exclude_current` passes the row's own pk as `exclude_pk`, for checks of codes unique among
    current rows (the row being changed must not collide with itself).
    """

    def validate(current, clean):
        excluded = {"exclude_pk": current.pk} if exclude_current else {}
        check(merged(current, clean), **excluded).raise_if_any()

    return validate
