"""Grant `view` or `change` on legacy objects to a state-database user (or, with --group, a group)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from ...grants import grant, revoke
from ...objects import GRANTABLE, current_by_uuid, model_for


class Command(BaseCommand):
    help = "grant USER view|change OBJECT_TYPE UUID... (object types: " + ", ".join(GRANTABLE) + ")"
    remove = False

    def add_arguments(self, parser):
        parser.add_argument("user", help="username (or group name with --group)")
        parser.add_argument("action", choices=["view", "change"])
        parser.add_argument("object_type")
        parser.add_argument("uuids", nargs="+")
        parser.add_argument("--group", action="store_true", help="USER names a group")

    def handle(self, user, action, object_type, uuids, group, **options):
        holder = self._holder(user, group)
        model = model_for(object_type)
        if model is None:
            raise CommandError(f"unknown object type {object_type!r}; expected one of {', '.join(GRANTABLE)}")
        rows = []
        for value in uuids:
            row = current_by_uuid(model, value)
            if row is None:
                raise CommandError(f"no current {object_type} with UUID {value}")
            rows.append(row)
        for row in rows:
            (revoke if self.remove else grant)(holder, action, row)
        verb = "revoked from" if self.remove else "granted to"
        self.stdout.write(f"{action} on {len(rows)} {object_type} {verb} {user}")

    def _holder(self, name, group):
        model = Group if group else get_user_model()
        field = "name" if group else "username"
        holder = model.objects.filter(**{field: name}).first()
        if holder is None:
            raise CommandError(f"no {'group' if group else 'user'} named {name!r}")
        return holder
