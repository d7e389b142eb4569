"""CSV, the one home of its format: RFC 4180 lines, the formula guard, the columns of a resource (its
sparse fieldset's attributes and to-one relationship ids, camelCase header) and the streamed response.

A page (or one resource) is written from `api.rows.Row`s. A whole list is an export, with flat memory, by
one of two writers of the same bytes: plain row tuples through a server-side cursor and Python's csv module
(`api.renderers.csv_lines`), or, on PostgreSQL, `COPY (<the queryset's own SQL>) TO STDOUT` with every
cell formatted in SQL as `safe_cell`/`id_text` format it in Python. The COPY wraps the compiled SQL of
the very queryset the Python path would read, so the scope gate (`auth_bridge.scoping.visible`) and the
correlated linkage lookups are the same statement either way.
"""

import codecs
import csv
import io
import itertools
import time
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction
from django.http import StreamingHttpResponse
from rest_framework import serializers as drf

from .query import camel
from .serializers import IdField, LegacyIdField, LinkedField, cell_reader, id_text

BATCH = 500  # rows per chunk sent to the socket


# --- the format -------------------------------------------------------------------------------------
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def csv_lines(header, rows, batch=500):
    """Yield RFC 4180 CSV text (CRLF line ends, quoting as needed), `batch` rows per piece of text
    (one write to the socket per batch, not per row; memory stays flat)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield buffer.getvalue()
    pending = []
    for row in rows:
        pending.append([safe_cell(value) for value in row])
        if len(pending) >= batch:
            yield _written(buffer, writer, pending)
            pending = []
    if pending:
        yield _written(buffer, writer, pending)


def _written(buffer, writer, rows):
    buffer.seek(0)
    buffer.truncate()
    writer.writerows(rows)
    return buffer.getvalue()


class CsvTable:
    """The CSV of one resource type for one request: its columns (bound serializer fields: attributes and
    to-one relationship ids of the sparse fieldset), header and responses."""

    def __init__(self, serializer, filename, bom=False):
        self.fields = [
            field
            for field in serializer.readable_fields()
            if not getattr(field, "many", False) and not hasattr(field, "child_relation")
        ]
        self.header = [camel(field.field_name) for field in self.fields]
        self.filename, self.bom = filename, bom

    def rows(self, rows):
        """A response streaming `Row`s (a page, one resource, or a list read as models)."""
        cells = [cell_reader(field) for field in self.fields]  # per column, once: no serializer per row
        return self.response(csv_lines(self.header, ([cell(row) for cell in cells] for row in rows)))

    def export(self, planned):
        """A response with a whole `selectors.Planned` list: row tuples, or PostgreSQL's COPY, when every
        column can be read from a tuple, else its `Row`s; the same bytes either way."""
        content = csv_export(planned, self.fields, self.header)
        if content is None:
            return self.rows(planned.stream(planned.queryset.iterator(chunk_size=1000)))
        return self.response(content)

    def response(self, content):
        if self.bom:  # `?bom=1`: spreadsheet programs then read the file as UTF-8
            content = itertools.chain([codecs.BOM_UTF8], content)
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}.csv"'
        return response


# --- whole lists ------------------------------------------------------------------------------------
# Model fields whose Python values DRF's ModelField passes through unchanged (see PLAIN_VALUES).
PLAIN_MODEL_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.DateField,
    models.TimeField,
    models.DecimalField,
    models.BooleanField,
    models.FloatField,
    models.ForeignKey,
)


class Column(NamedTuple):
    """A CSV column read from a row tuple: its `values_list` name and, for an id converted by `id_text`,
    the id field kind (None: the value is used as read)."""

    name: str
    id_field: str | None = None


def column_reader(field, plan):
    """The `Column` giving `cell_reader`'s value from a plain row tuple of a planned queryset (`plan`: its
    `selectors.Plan`), or None when the value needs the model instance. Lets exports skip building a model
    per row."""
    if isinstance(field, IdField):
        return Column(field.id_field, field.id_field)
    if isinstance(field, LegacyIdField):
        return Column(field.column)
    if isinstance(field, drf.ModelField):
        return Column(field.model_field.attname) if isinstance(field.model_field, PLAIN_MODEL_FIELDS) else None
    if isinstance(field, LinkedField) and field.relation.name in plan.columns:
        return Column(plan.columns[field.relation.name], field.target.id_field)
    return None


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
