"""The shared cache table (CACHES `DatabaseCache`, see CACHE_URL) in the state database: `migrate` is the one
setup step, for the demo, CI and every deployment. Nothing to do when the cache is Redis."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("auth_bridge", "0002_fixed_lockout_window_client_district_ids")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
