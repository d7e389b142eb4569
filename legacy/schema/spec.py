"""The legacy tables this project maps, as facts: one `Table` of `Column`s per unmanaged model.

Column facts come from the models (`_meta`: table and column names, type, length, precision, NULL,
primary key, foreign keys, defaults). `vendor_facts.TABLE_FACTS` adds only what a model cannot say: the
SQL Server and PostgreSQL-port types, nullability and defaults where they differ from the model,
columns no model maps (RowID, SQL Server-only columns), and the port's UUID uniques; `indexes` holds the
other indexes. `legacy.schema.ddl` renders these facts for each vendor; `ops.grants` and
`check_legacy_schema` read them too. See legacy/schema/README.md for how a new table gets its facts.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .vendor_facts import TABLE_FACTS, TableFacts


@dataclass(frozen=True)
class Column:
    """`name` is the PostgreSQL spelling, which SQL Server (case-insensitive) accepts too; `ms_name` is set
    only where SQL Server spells it differently. `pg=None`: the PostgreSQL port lacks the column. Foreign
    keys are `table.column`, with SQL Server's modifiers verbatim after a space."""

    name: str
    ms: str
    pg: str | None
    ms_name: str | None = None
    ms_null: bool = False
    pg_null: bool = False
    identity: bool = False
    ms_default: str | None = None
    pg_default: str | None = None
    ms_fk: str | None = None
    pg_fk: str | None = None

    @property
    def mssql_name(self):
        return self.ms_name or self.name


@dataclass(frozen=True)
class Table:
    name: str
    pk: str
    columns: tuple
    pg_unique: tuple = ()

    def column(self, name):
        return next(c for c in self.columns if c.name == name)


# Model field type -> (SQL Server type, PostgreSQL type); `{n}` is max_length, `{p},{s}` digits and places.
_TYPES = {
    "AutoField": ("int", "integer"),
    "IntegerField": ("int", "integer"),
    "SmallIntegerField": ("smallint", "smallint"),
    "BooleanField": ("bit", "boolean"),
    "CharField": ("nvarchar({n})", "varchar({n})"),
    "TextField": ("ntext", "text"),
    "DateField": ("date", "date"),
    "DateTimeField": ("datetime", "timestamptz"),
    "DecimalField": ("decimal({p},{s})", "numeric({p},{s})"),
}


def _types(field):
    target = field.target_field if field.is_relation else field  # a foreign key has its target's type
    kind = target.get_internal_type()
    ms, pg = _TYPES[kind]
    if kind == "CharField" and field.column.endswith("UUID") and target.max_length == 36:
        ms = "uniqueidentifier"
    sizes = {
        "n": target.max_length,
        "p": getattr(target, "max_digits", None),
        "s": getattr(target, "decimal_places", None),
    }
    return ms.format(**sizes), pg.format(**sizes)


def _ms_default(field):
    """SQL Server's default as its scripts write it: the model's default (which mirrors it) or the UUID and
    ValidityFrom defaults every versioned table has."""
    if field.column.endswith("UUID") and field.max_length == 36:
        return "(newid())"
    if not field.has_default() or callable(field.default):
        return "(getdate())" if field.column == "ValidityFrom" and not field.null else None
    value = field.default
    if isinstance(value, bool):
        return f"(({int(value)}))"
    if isinstance(value, (int, Decimal)):
        return f"(({value}))"
    return f"('{value}')"


def _foreign_key(field):
    if not field.is_relation:
        return None
    return f"{field.related_model._meta.db_table}.{field.target_field.column}"


def _column(field, facts):
    ms, pg = _types(field)
    base = Column(
        name=field.column,
        ms=ms,
        pg=pg,
        ms_null=field.null,
        pg_null=field.null,
        identity=isinstance(field, models.AutoField),
        ms_default=_ms_default(field),
        ms_fk=_foreign_key(field),
        pg_fk=_foreign_key(field),
    )
    return _apply(base, facts.ms.get(field.column), facts.pg.get(field.column))


def _apply(column, ms, pg):
    """`column` with the vendors' differences (`vendor_facts.Vendor`, None = as derived) applied."""
    changes = {}
    for prefix, vendor in (("ms", ms), ("pg", pg)):
        if vendor is None:
            continue
        if vendor.type is not None:
            changes[prefix] = vendor.type or None  # "": the vendor lacks the column
        if vendor.null is not None:
            changes[f"{prefix}_null"] = vendor.null
        if vendor.default is not None:
            changes[f"{prefix}_default"] = vendor.default or None
        if vendor.fk is not None:
            changes[f"{prefix}_fk"] = vendor.fk or None
    if ms is not None and ms.name:
        changes["ms_name"] = ms.name
    return replace(column, **changes)


def _extra(extra):
    return Column(
        extra.name,
        ms=extra.ms,
        pg=extra.pg,
        ms_name=extra.ms_name,
        ms_null=extra.ms_null,
        pg_null=extra.pg_null,
        ms_default=extra.ms_default,
        pg_default=extra.pg_default,
    )


def _table(model, facts):
    unknown = (set(facts.ms) | set(facts.pg)) - {field.column for field in model._meta.concrete_fields}
    if unknown:
        raise ImproperlyConfigured(
            f"vendor_facts names columns {model._meta.db_table} has no model field for: {unknown}"
        )
    columns = [_column(field, facts) for field in model._meta.concrete_fields]
    columns += [_extra(extra) for extra in facts.extra]
    return Table(model._meta.db_table, pk=model._meta.pk.column, columns=tuple(columns), pg_unique=facts.pg_unique)


def _mapped_models():
    """Every legacy model, in the order of `TABLE_FACTS` (then by table name for a table without an entry)."""
    order = list(TABLE_FACTS)
    found = apps.get_app_config("legacy").get_models()
    return sorted(
        found,
        key=lambda m: (order.index(m._meta.db_table) if m._meta.db_table in order else len(order), m._meta.db_table),
    )


def _build():
    unmapped = set(TABLE_FACTS) - {model._meta.db_table for model in _mapped_models()}
    if unmapped:
        raise ImproperlyConfigured(f"vendor_facts has entries for tables without a model: {unmapped}")
    return tuple(_table(model, TABLE_FACTS.get(model._meta.db_table, TableFacts())) for model in _mapped_models())


TABLES = _build()
TABLES_BY_NAME = {table.name: table for table in TABLES}
