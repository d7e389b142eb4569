"""Compare the legacy models with what a live database has: what a DBA checks before deploying.

A column is compatible when it exists (exact spelling on PostgreSQL, whose quoted names are
case-sensitive), its type belongs to the same family as the model field, it can hold what the model
writes (length, precision), and it does not refuse a NULL the model may write.
"""

from dataclasses import dataclass

from django.apps import apps

_FAMILIES = {
    "integer": {
        "AutoField",
        "SmallAutoField",
        "BigAutoField",
        "IntegerField",
        "SmallIntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
    },
    "text": {"CharField", "TextField", "UUIDField"},
    "datetime": {"DateTimeField"},
    "date": {"DateField"},
    "boolean": {"BooleanField", "NullBooleanField"},
    "decimal": {"DecimalField"},
}
# A model date may live in a datetime column (SQL Server smalldatetime), not the reverse.
_ACCEPTS = {"date": {"date", "datetime"}}


def _family(field_type):
    return next((family for family, names in _FAMILIES.items() if field_type in names), field_type)


@dataclass(frozen=True)
class Problem:
    table: str
    column: str
    message: str

    def __str__(self):
        return f"{self.table}.{self.column}: {self.message}" if self.column else f"{self.table}: {self.message}"


def legacy_models():
    return sorted(apps.get_app_config("legacy").get_models(), key=lambda model: model._meta.db_table)


def _find(name, candidates, case_sensitive):
    if name in candidates:
        return name
    if not case_sensitive:
        return next((candidate for candidate in candidates if candidate.lower() == name.lower()), None)
    return None


def _misspelled(name, candidates):
    return next((candidate for candidate in candidates if candidate.lower() == name.lower()), None)


def _column_problems(table, field, info, introspection):
    column = field.column
    problems = []
    try:
        db_type = introspection.get_field_type(info.type_code, info)
    except KeyError:
        db_type = str(info.type_code)
    model_type = (field.target_field if field.is_relation else field).get_internal_type()
    if db_type.endswith("AutoField"):
        db_type = "IntegerField"
    model_family = _family(model_type)
    db_family = _family(db_type)
    if db_family not in _ACCEPTS.get(model_family, {model_family}):
        problems.append(Problem(table, column, f"type {db_type} is incompatible with {model_type}"))
        return problems
    max_length = getattr(field.target_field if field.is_relation else field, "max_length", None)
    db_length = info.internal_size if info.internal_size and info.internal_size > 0 else info.display_size
    if model_family == "text" and db_type == "CharField" and max_length and db_length and 0 < db_length < max_length:
        problems.append(Problem(table, column, f"holds {db_length} characters, the model writes up to {max_length}"))
    if model_family == "decimal" and info.precision and info.scale is not None:
        if info.precision < field.max_digits or info.scale != field.decimal_places:
            problems.append(
                Problem(
                    table,
                    column,
                    f"decimal({info.precision},{info.scale}) does not match "
                    f"decimal({field.max_digits},{field.decimal_places})",
                )
            )
    if field.null and not info.null_ok:
        problems.append(Problem(table, column, "NOT NULL in the database, but the model may write NULL"))
    return problems


def compare(connection):
    """Every incompatibility between the legacy models and the database behind `connection`."""
    case_sensitive = connection.vendor == "postgresql"
    problems = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for model in legacy_models():
            wanted = model._meta.db_table
            table = _find(wanted, tables, case_sensitive)
            if table is None:
                hint = _misspelled(wanted, tables)
                problems.append(Problem(wanted, "", f"table is missing{f' (found {hint})' if hint else ''}"))
                continue
            description = {info.name: info for info in connection.introspection.get_table_description(cursor, table)}
            for field in model._meta.concrete_fields:
                name = _find(field.column, description, case_sensitive)
                if name is None:
                    hint = _misspelled(field.column, description)
                    problems.append(
                        Problem(wanted, field.column, f"column is missing{f' (found {hint})' if hint else ''}")
                    )
                    continue
                problems.extend(_column_problems(wanted, field, description[name], connection.introspection))
    return problems
