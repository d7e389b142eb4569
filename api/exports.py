"""CSV exports of whole lists, with flat memory.

Two writers of the same bytes: plain row tuples through a server-side cursor and Python's csv module
(`api.renderers.csv_lines`), or, on PostgreSQL, `COPY (<the queryset's own SQL>) TO STDOUT` with every
cell formatted in SQL as `safe_cell`/`id_text` format it in Python. The COPY wraps the compiled SQL of
the very queryset the Python path would read, so the scope gate (`auth_bridge.scoping.visible`) and the
correlated linkage lookups are the same statement either way.
"""

import time
from functools import partial

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction

from .renderers import DANGEROUS, csv_lines
from .serializers import column_reader, id_text

BATCH = 500  # rows per chunk sent to the socket


def csv_export(planned, fields, header):
    """The CSV text (str or bytes chunks) of a `selectors.Planned` read's rows, or None when a column needs
    the model instance (the caller then writes from `Row`s)."""
    columns = [column_reader(field, planned.plan) for field in fields]
    if None in columns:
        return None
    queryset = planned.queryset
    values = queryset.values_list(*[column.name for column in columns])
    if copy_enabled(queryset.db):
        statement = copy_statement(values, columns)
        if statement is not None:
            return _primed(_copy_chunks(connections[queryset.db], *statement, header))
    converters = [
        (index, partial(id_text, column.id_field))
        for index, column in enumerate(columns)
        if column.id_field is not None
    ]
    return csv_lines(header, (_converted(row, converters) for row in values.iterator(chunk_size=2000)))


def copy_enabled(alias):
    return connections[alias].vendor == "postgresql" and getattr(settings, "API_CSV_COPY", True)


# --- Python: row tuples -----------------------------------------------------------------------------
def _converted(row, converters):
    """A row tuple with the ids converted as `cell_reader` does (None stays None)."""
    if not converters:
        return row
    row = list(row)
    for index, convert in converters:
        if row[index] is not None:
            row[index] = convert(row[index])
    return row


# --- PostgreSQL: COPY -------------------------------------------------------------------------------
def copy_statement(values, columns):
    """(COPY statement, params) over the `values_list` queryset `values`, or None when a column's type
    has no SQL formatting here (or the queryset matches nothing by construction)."""
    query = values.query
    if len(getattr(query, "selected", None) or ()) != len(columns):  # the SELECT is our columns, in order
        return None
    cells = [
        _cell_sql(f"q.c{index}", _model_field(values, column.name), column.id_field)
        for index, column in enumerate(columns)
    ]
    if None in cells:
        return None
    try:
        # compiled for the legacy connection (sql_with_params() would use the default one's dialect)
        select, params = query.get_compiler(using=values.db).as_sql()
    except EmptyResultSet:
        return None  # e.g. `.none()` for an unknown principal: the Python path writes the header only
    aliases = ", ".join(f"c{index}" for index in range(len(columns)))
    statement = f"COPY (SELECT {', '.join(cells)} FROM ({select}) AS q({aliases})) TO STDOUT WITH (FORMAT csv)"
    return statement, params


def _model_field(values, name):
    annotation = values.query.annotations.get(name)
    field = (
        annotation.output_field
        if annotation is not None
        else values.model._meta.get_field(values.model._meta.pk.name if name == "pk" else name)
    )
    while field.is_relation:  # a foreign key holds its target's value
        field = field.target_field
    return field


_GUARDED = ", ".join(str(ord(char)) for char in DANGEROUS)


def _text(expr, shown=None):
    """`safe_cell` of the text `shown` (default `expr`, whose first character it shares): the formula
    guard, and '' as NULL (COPY would quote an empty string; the csv module writes it bare). Every
    guarded character is below 'A': most cells take the first branch after one comparison."""
    shown = shown or expr
    return (
        f"CASE WHEN ascii({expr}) > {max(map(ord, DANGEROUS))} THEN {shown} "
        f"WHEN ascii({expr}) IN ({_GUARDED}) THEN '''' || {shown} ELSE NULLIF({shown}, '') END"
    )


def _integer_text(expr):
    """An integer made text by `id_text`, guarded like any text (only '-' can lead)."""
    return f"CASE WHEN {expr} < 0 THEN '''' || {expr}::text ELSE {expr}::text END"


def _cell_sql(expr, field, id_field):
    """SQL giving the text the Python path writes for `expr` (a `field` value), or None if not handled.
    `id_field`: the value is an id converted by `id_text` (text; uuids lower-cased). Relies on the
    transaction's `_SETTINGS` (DateStyle ISO) and on Django's session TimeZone."""
    if id_field is not None:
        if id_field == "uuid":
            # ASCII case mapping (`lower` in the default collation costs ~8 % of the export): the same as
            # str.lower() for every character a UUID has; no guarded character has a case
            return _text(expr, f'lower({expr} COLLATE "C")')
        if isinstance(field, (models.CharField, models.TextField)):
            return _text(expr)
        return _integer_text(expr) if isinstance(field, models.IntegerField) else None
    if isinstance(field, models.BooleanField):
        return f"{expr}::text"  # 'true'/'false' (COPY itself writes t/f)
    if isinstance(field, (models.CharField, models.TextField)):
        return _text(expr)
    if isinstance(field, models.DateTimeField):  # str(datetime): .ffffff only when microsecond != 0
        local = f"{expr}::timestamp::text"  # naive local time in the session TimeZone, as Django reads it
        return f"CASE WHEN length({local}) = 19 THEN {local} ELSE to_char({expr}, 'YYYY-MM-DD HH24:MI:SS.US') END"
    if isinstance(field, models.DateField):
        return f"{expr}::text"
    if isinstance(field, models.DecimalField) and field.decimal_places is not None and field.decimal_places <= 6:
        return f"{expr}::text"  # as str(Decimal): positional down to 1E-6 (exponent notation below)
    if isinstance(field, models.IntegerField):
        return f"{expr}::text"
    return None


def _primed(chunks):
    """Run the statement up to its first chunk now, so that a database error before the first byte is
    raised in the view (a JSON:API error), not in the middle of the response."""
    return _resumed(next(chunks), chunks)


def _resumed(first, chunks):
    """`first`, then the rest of `chunks`; closing this closes `chunks` (which ends the COPY)."""
    try:
        yield first
        yield from chunks
    finally:
        chunks.close()


# Local to the export's transaction: the cells rely on DateStyle ISO; JIT compilation costs more than it
# saves on one streamed scan (the correlated linkage lookups make the planner's estimate large); the
# statement lasts as long as the client's download.
_SETTINGS = (
    "SELECT set_config('DateStyle', 'ISO', true), set_config('jit', 'off', true), "
    "set_config('statement_timeout', %s, true)"
)


def _copy_chunks(connection, statement, params, header):
    """The header line, then the COPY's rows, BATCH per chunk, with CRLF line ends. Leaving early (the
    client went away: `close()`) cancels the COPY and drains it, so the connection stays usable."""
    head = "".join(csv_lines(header, ())).encode()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_SETTINGS, [str(settings.DATABASE_EXPORT_TIMEOUT_MS)])
        started = time.monotonic()
        with connection.wrap_database_errors, cursor.cursor.copy(statement, params) as copy:
            _log(connection, statement, params, started)
            yield head
            pending = []
            for row in copy:  # one data row per block, ending with "\n" (embedded ones are quoted)
                pending.append(row[:-1])
                if len(pending) >= BATCH:
                    yield b"\r\n".join(pending) + b"\r\n"
                    pending = []
            if pending:
                yield b"\r\n".join(pending) + b"\r\n"


def _log(connection, statement, params, started):
    """As Django's debug cursor logs a statement (CaptureQueriesContext, connection.queries)."""
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": connection.ops.compose_sql(statement, params), "time": f"{time.monotonic() - started:.3f}"}
        )
