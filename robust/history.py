"""Checks of the legacy history convention after concurrent or interrupted writes.

A chain = the history rows of an entity (LegacyID = its id, ordered by ValidityFrom) then its current
row. It is contiguous when each version's ValidityTo equals the next one's ValidityFrom: a history copy
without its update, or an update without its copy, breaks it.
"""

import datetime
from itertools import pairwise

from django.db import transaction

from legacy.tests import legacy_sql


def chain(model, entity_id):
    history = list(model.objects.filter(legacy_id=entity_id).order_by("validity_from", "pk"))
    return history + [model.objects.get(pk=entity_id)]


def chain_breaks(model, entity_id):
    """Human-readable breaks of the chain of `entity_id` (empty when contiguous)."""
    versions = chain(model, entity_id)
    breaks = []
    for older, newer in pairwise(versions):
        if older.validity_to != newer.validity_from:
            breaks.append(
                f"{model.__name__} {entity_id}: row {older.pk} ends {older.validity_to}, "
                f"row {newer.pk} starts {newer.validity_from}"
            )
    if versions[-1].validity_to is not None:
        breaks.append(f"{model.__name__} {entity_id}: current row {entity_id} has ValidityTo set")
    return breaks


def marker_counts(model, entity_id, field):
    """How many versions of the entity carry each value of `field` (each acknowledged write: exactly 1)."""
    counts = {}
    for version in chain(model, entity_id):
        value = getattr(version, field)
        counts[value] = counts.get(value, 0) + 1
    return counts


def legacy_style_update(model, pk, changes, audit_user_id=1):
    """One update as the legacy application does it: lock the row, copy it to history, update in place,
    in one transaction. Returns the moment used (taken under the lock, so versions stay ordered)."""
    with transaction.atomic(using="legacy"):
        model.objects.select_for_update().filter(pk=pk).values_list("pk").get()
        now = datetime.datetime.now()
        moment = now.replace(microsecond=now.microsecond // 1000 * 1000)  # SQL Server datetime keeps ms
        legacy_sql.legacy_update(model, pk, changes, moment=moment, audit_user_id=audit_user_id)
    return moment
