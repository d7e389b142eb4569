"""The change feed's one statement: a UNION ALL over the versioned tables' history columns.

Per table, three branches of rows the caller may see (`auth_bridge.scoping.visible`, on every version):
- versions held by current rows (`LegacyID IS NULL`): a change at `ValidityFrom`; skipped when it is the
  delete marker that the history convention writes (`ValidityFrom = ValidityTo`, legacy-schema.md §0);
- versions held by history copies (`LegacyID` = the entity): a change at their (old) `ValidityFrom`;
- deletes: current rows with a `ValidityTo` (no successor): a change at `ValidityTo`, seen by the scope of
  the entity's last version (the deleted row itself).
A version is `created` when no older version of its entity exists, else `updated`. Each row is gated by
its own values, so a row moved out of the caller's scope shows the caller no later change.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast

from auth_bridge.scoping import visible

from ..serializers import id_text
from .positions import DELETE, VERSION, Position

COLUMNS = ("feed_at", "feed_rank", "feed_entity", "feed_kind", "feed_key", "feed_audit", "feed_first", "feed_gone")
ORDER = COLUMNS[:4]  # the Position
AT = DateTimeField()


@dataclass(frozen=True)
class Change:
    """One entry of the feed, as the view renders it."""

    position: Position
    resource_type: str
    resource_id: str
    action: str  # created | updated | deleted
    audit_user_id: int | None
    exists: bool  # the resource is not deleted (its `resource` relationship is not null)


def has_history(resource):
    """Versioned tables keep history copies (`LegacyID`); the feed reads nothing else."""
    return resource.versioned and any(field.name == "legacy_id" for field in resource.model._meta.fields)


def changes(resources, user, after, horizon, size):
    """Up to `size` changes after `after` (a Position), none later than `horizon`, oldest first."""
    ranked = sorted(resources, key=lambda resource: resource.type)
    branches = [
        branch.values_list(*COLUMNS)
        for rank, resource in enumerate(ranked)
        for branch in _branches(resource, rank, user, after, horizon)
    ]
    if not branches:
        return []
    return [_change(ranked, row) for row in _first(branches, size)]


def _first(branches, size):
    """The first `size` rows of all branches in position order, in one statement.

    Each branch is limited to its own first `size` rows first (its rank and kind are constants, so its order
    is (at, entity)): with an index on ValidityFrom (or ValidityTo) a branch stops after a page instead of
    computing its flags for every row of the table and sorting them all. The union of the branches' first
    rows holds the first rows of the whole feed. Each branch is a derived table of its own: SQLite and
    SQL Server allow no ORDER BY/LIMIT on a compound statement's members themselves."""
    connection = connections[branches[0].db]
    q = connection.ops.quote_name
    parts, params = [], []
    for index, branch in enumerate(branches):
        limited = branch.order_by("feed_at", "feed_entity")[:size]
        sql, branch_params = limited.query.get_compiler(connection=connection).as_sql()
        parts.append(f"SELECT * FROM ({sql}) {q(f'branch{index}')}")
        params.extend(branch_params)
    order = ", ".join(q(column) for column in ORDER)
    union = " UNION ALL ".join(parts)
    statement = f"SELECT * FROM ({union}) {q('feed')} ORDER BY {order} {connection.ops.limit_offset_sql(0, size)}"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return [(AT.to_python(row[0]), *row[1:]) for row in rows]  # SQLite returns date-times as text


def _change(ranked, row):
    at, rank, entity, kind, key, audit, first, gone = row
    resource = ranked[rank]
    action = "deleted" if kind == DELETE else ("created" if first else "updated")
    return Change(
        Position(at, resource.type, entity, kind),
        resource.type,
        id_text(resource.id_field, key),
        action,
        audit,
        not gone,
    )


def _branches(resource, rank, user, after, horizon):
    model = resource.model
    rows = visible(model._default_manager.all(), user)
    entity = model._default_manager.filter(pk=OuterRef("legacy_id"))
    key = _key(resource, F(resource.id_field))
    flag = lambda condition: Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())  # noqa: E731
    current = rows.filter(legacy_id__isnull=True).filter(
        _after("validity_from", "pk", resource.type, VERSION, after, horizon)
    )
    current = current.exclude(validity_to__isnull=False, validity_to=F("validity_from"))  # the delete marker
    yield _annotated(
        current,
        at="validity_from",
        rank=rank,
        entity=F("pk"),
        kind=VERSION,
        key=key,
        first=flag(~Exists(model._default_manager.filter(legacy_id=OuterRef("pk")))),
        gone=flag(Q(validity_to__isnull=False)),
    )
    earlier = model._default_manager.filter(legacy_id=OuterRef("legacy_id")).filter(
        Q(validity_from__lt=OuterRef("validity_from"))
        | Q(validity_from=OuterRef("validity_from"), pk__lt=OuterRef("pk"))
    )
    copies = rows.filter(legacy_id__isnull=False).filter(
        _after("validity_from", "legacy_id", resource.type, VERSION, after, horizon)
    )
    yield _annotated(
        copies,
        at="validity_from",
        rank=rank,
        entity=F("legacy_id"),
        kind=VERSION,
        key=_key(resource, Subquery(entity.values(resource.id_field)[:1])),
        first=flag(~Exists(earlier)),
        gone=flag(Exists(entity.filter(validity_to__isnull=False))),
    )
    deletes = rows.filter(legacy_id__isnull=True, validity_to__isnull=False).filter(
        _after("validity_to", "pk", resource.type, DELETE, after, horizon)
    )
    yield _annotated(
        deletes, at="validity_to", rank=rank, entity=F("pk"), kind=DELETE, key=key, first=Value(0), gone=Value(1)
    )


def _key(resource, expression):
    """The resource id column, as text in every branch (a UNION needs one type per column)."""
    if resource.id_field == "uuid":
        return expression
    return Cast(expression, CharField(max_length=50))


def _annotated(rows, *, at, rank, entity, kind, key, first, gone):
    values = (F(at), Value(rank, IntegerField()), entity, Value(kind, IntegerField()), key, F("audit_user_id"))
    return rows.annotate(**dict(zip(COLUMNS, (*values, first, gone), strict=True)))


def _after(at, entity, type_, kind, after, horizon):
    """Rows whose change lies after the position `after` and not later than `horizon` (see positions.py).

    The conditions are written on the columns themselves (not the UNION's output), with a plain range on
    the timestamp first, so that an index on ValidityFrom / ValidityTo bounds the scan.
    """
    condition = Q(**{f"{at}__lte": horizon})
    if type_ > after.type:
        return condition & Q(**{f"{at}__gte": after.at})
    if type_ < after.type:
        return condition & Q(**{f"{at}__gt": after.at})
    tie = Q(**{f"{entity}__gte" if kind > after.kind else f"{entity}__gt": after.entity})
    return condition & Q(**{f"{at}__gte": after.at}) & (Q(**{f"{at}__gt": after.at}) | tie)
