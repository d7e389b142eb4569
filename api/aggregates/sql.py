"""The aggregate statement: a gated inner SELECT of group values, grouped by one outer GROUP BY.

Group values read through relationships are scalar subqueries over `selectors.rows` (the read gate, and
`filter[asOf]`'s versions): a related row the caller may not see groups as null, as its linkage would be.
SQL Server refuses subqueries in GROUP BY, so the values are computed in a derived table and grouped outside
it: `SELECT g…, COUNT(*), SUM(m)… FROM (<the list's own SELECT>) agg GROUP BY g…`.
"""

from django.db import connections
from django.db.models import Case, F, OuterRef, Q, Subquery, When

from .. import selectors
from ..serializers import id_text


def grouped(spec, queryset, user, as_of):
    """[(group values, count, metric values)] of `queryset`'s rows, ordered by the group values (nulls last)."""
    columns = {f"agg_g{i}": _value(group, user, as_of) for i, group in enumerate(spec.groups)}
    columns |= {f"agg_m{i}": F(metric.field.attname) for i, metric in enumerate(spec.metrics)}
    inner = queryset.order_by().annotate(**columns).values(*columns)
    if inner.query.is_empty():
        return []
    connection = connections[inner.db]
    sql, params = inner.query.get_compiler(connection=connection).as_sql()
    q = connection.ops.quote_name
    groups = [q(f"agg_g{i}") for i in range(len(spec.groups))]
    metrics = [
        f"SUM({q(f'agg_m{i}')})" if metric.function == "sum" else f"AVG(CAST({q(f'agg_m{i}')} AS FLOAT))"
        for i, metric in enumerate(spec.metrics)
    ]
    order = ", ".join(f"CASE WHEN {g} IS NULL THEN 1 ELSE 0 END, {g}" for g in groups)
    statement = (
        f"SELECT {', '.join([*groups, 'COUNT(*)', *metrics])} FROM ({sql}) {q('agg')} "
        f"GROUP BY {', '.join(groups)} ORDER BY {order}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    width = len(groups)
    return [
        (
            tuple(_group_value(group, value) for group, value in zip(spec.groups, row[:width], strict=True)),
            row[width],
            tuple(_metric_value(metric, value) for metric, value in zip(spec.metrics, row[width + 1 :], strict=True)),
        )
        for row in rows
    ]


def _value(group, user, as_of):
    if not group.hops:
        return F(group.field.attname)
    return _through(group.hops, group.field, user, as_of)


def _through(hops, field, user, as_of):
    """The value at the end of `hops`, one gated scalar subquery per relationship followed."""
    hop, rest = hops[0], hops[1:]
    target = hop.target
    key = hop.fk.target_field.attname
    match = Q(**{key: OuterRef(hop.fk.attname)})
    if as_of and target.versioned:  # a foreign key names the entity; its version then may be a history copy
        match |= Q(legacy_id=OuterRef(hop.fk.attname))
    rows = selectors.rows(target, user, as_of).filter(match)
    if rest:
        value = _through(rest, field, user, as_of)
    elif field is not None:
        value = F(field.attname)
    else:
        value = _entity_id(target, as_of)
    return Subquery(rows.annotate(agg_value=value).values("agg_value")[:1])


def _entity_id(target, as_of):
    """The related resource's id: the current row's, also when `filter[asOf]` reads an older version."""
    if not (as_of and target.versioned):
        return F(target.id_field)
    current = target.model._default_manager.filter(pk=OuterRef("legacy_id")).values(target.id_field)[:1]
    return Case(When(legacy_id__isnull=True, then=F(target.id_field)), default=Subquery(current))


def _group_value(group, value):
    if value is None:
        return None
    if group.field is None:
        return id_text(group.hops[-1].target.id_field, value)
    return group.field.to_python(value)


def _metric_value(metric, value):
    if value is None or metric.function == "avg":
        return value if value is None else float(value)
    value = metric.field.to_python(value)
    places = getattr(metric.field, "decimal_places", None)
    return value.quantize(type(value)(1).scaleb(-places)) if places is not None else value
