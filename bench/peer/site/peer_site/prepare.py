"""Fit the copy of the bench database to the peer's models, then record the modules' migrations as applied.

`python -m peer_site.prepare` (in the peer's venv). The bench database is built by our DDL, a subset of
the official schema: the modules expect more tables (tblPayer, core_User, ...) and columns (JsonExt, ...).
Their migrations cannot run over it (they assume the official scripts ran first), so this creates each
table and column the installed models declare and the copy lacks, with Django's schema editor from the
modules' own model definitions, then runs `migrate --fake`. Existing tables keep their rows, types and
indexes; foreign-key constraints are left out (the copy is read by the bench only).
"""

import os

import django


def missing_schema(connection, models):
    """(models without a table, [(model, field)] of columns missing in existing tables)."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor, include_views=True))
        columns = {
            table: {column.name for column in connection.introspection.get_table_description(cursor, table)}
            for table in tables
        }
    new_tables, new_columns, seen = [], [], set()
    for model in models:
        meta = model._meta
        if meta.proxy or not meta.concrete_fields or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        if meta.db_table not in tables:
            # an auto-created M2M table comes with its owner's create_model, unless the owner exists
            if not meta.auto_created or meta.auto_created._meta.db_table in tables:
                new_tables.append(model)
            continue
        for field in meta.local_concrete_fields:
            if field.column not in columns[meta.db_table]:
                new_columns.append((model, field))
    return new_tables, new_columns


def rename_legacy_keys(connection, new_columns):
    """Rename the legacy key columns the modules renamed (core 1.11: tblUsers.UserID -> id, UserUUID -> UUID).

    Their migrations do it on the official schema (a column's new `db_column` is a rename); rows keep their
    keys. Returns the columns still missing.
    """
    left = []
    with connection.cursor() as cursor:
        for model, field in new_columns:
            table = model._meta.db_table
            names = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            if field.primary_key:
                old = connection.introspection.get_primary_key_column(cursor, table)
            elif field.get_internal_type() == "UUIDField":
                old = next((name for name in names if name.endswith("UUID") and name != field.column), None)
            else:
                old = None
            if old is None:
                left.append((model, field))
                continue
            quote = connection.ops.quote_name
            cursor.execute(f"ALTER TABLE {quote(table)} RENAME COLUMN {quote(old)} TO {quote(field.column)}")
            if field.get_internal_type() == "UUIDField":
                column = quote(field.column)
                cursor.execute(f"ALTER TABLE {quote(table)} ALTER COLUMN {column} TYPE uuid USING {column}::uuid")
            print(f"  renamed {table}.{old} -> {field.column}")
    return left


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")
    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    new_tables, new_columns = missing_schema(connection, apps.get_models(include_auto_created=True))
    new_columns = rename_legacy_keys(connection, new_columns)
    with connection.schema_editor() as editor:
        for model in new_tables:
            editor.create_model(model)
        for model, field in new_columns:
            editor.add_field(model, field)
        editor.deferred_sql = [sql for sql in editor.deferred_sql if "FOREIGN KEY" not in str(sql)]
    print(f"peer schema: {len(new_tables)} tables and {len(new_columns)} columns created")
    for model, field in new_columns:
        print(f"  column {model._meta.db_table}.{field.column}")
    call_command("migrate", fake=True, interactive=False, verbosity=0)
    # the fake run leaves content types and permissions out; core's ready() needs `view_user`
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


if __name__ == "__main__":
    main()
