"""Lockout counters keep the start of their fixed window; API clients bind to district location ids.

Existing clients' district codes are turned into the ids of the current districts holding them now (read
from the legacy database, which is never written); a code no current district holds is dropped and named.
"""

import django.utils.timezone
from django.db import migrations, models


def codes_to_ids(apps, schema_editor):
    ApiClient = apps.get_model("auth_bridge", "ApiClient")
    clients = list(ApiClient.objects.using(schema_editor.connection.alias).exclude(district_codes=[]))
    if not clients:
        return
    from legacy.models import Location  # unmanaged legacy model: read through the legacy connection

    for client in clients:
        codes = [str(code) for code in client.district_codes]
        found = dict(Location.objects.current().filter(type="D", code__in=codes).values_list("code", "id"))
        missing = sorted(set(codes) - set(found))
        if missing:
            print(f"\n  API client {client.pk}: no current district with code(s) {', '.join(missing)}: unbound")
        client.district_ids = sorted(found.values())
        client.save(update_fields=["district_ids"])


class Migration(migrations.Migration):
    dependencies = [("auth_bridge", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="loginattempts", name="locked_until"),
        migrations.RemoveField(model_name="loginattempts", name="last_failure"),
        migrations.AddField(
            model_name="loginattempts",
            name="window_start",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(model_name="apiclient", name="district_ids", field=models.JSONField(default=list)),
        migrations.RunPython(codes_to_ids, migrations.RunPython.noop),
        migrations.RemoveField(model_name="apiclient", name="district_codes"),
    ]
