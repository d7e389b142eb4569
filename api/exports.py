"""CSV exports of whole lists, with flat memory: plain row tuples through a server-side cursor, written
by Python's csv module (`api.renderers.csv_lines`)."""
from functools import partial

from .renderers import csv_lines
from .serializers import column_reader, id_text

def csv_export(queryset, fields, header):
    """The CSV text of `queryset`'s rows, or None when a column needs the model instance (the caller then
    writes from model rows)."""
    columns = [column_reader(field, queryset) for field in fields]
    if None in columns:
        return None
    values = queryset.prefetch_related(None).values_list(*[column.name for column in columns])
    converters = [(index, partial(id_text, column.id_field)) for index, column in enumerate(columns)
                  if column.id_field is not None]
    return csv_lines(header, (_converted(row, converters) for row in values.iterator(chunk_size=2000)))


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
