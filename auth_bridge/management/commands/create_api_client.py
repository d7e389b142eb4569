"""Create a technical user (state database only) with legacy rights and districts; print its token.

Districts are named by code here and bound by location id: a code later given to another district does not
move the client.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from legacy.models import Location

from ...codes import ALL_RIGHTS
from ...models import ApiClient
from ...tokens import issue_token


def _rights(raw):
    try:
        rights = sorted({int(part) for part in raw.split(",") if part.strip()})
    except ValueError:
        raise CommandError(f"--rights must be comma-separated integers, got {raw!r}") from None
    unknown = [right for right in rights if right not in ALL_RIGHTS]
    if unknown:
        raise CommandError(f"unknown right codes: {unknown}")
    return rights


class Command(BaseCommand):
    help = "Create an API client NAME with --rights and optional --district codes; prints a bearer token."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--rights", required=True, help="comma-separated legacy right codes, e.g. 101101,101001")
        parser.add_argument("--district", nargs="*", default=[], help="district codes (tblLocations, type D)")
        parser.add_argument("--all-locations", action="store_true", help="no location scoping (national client)")
        parser.add_argument("--days", type=int, default=365, help="token lifetime in days (default 365)")

    def handle(self, name, rights, district, all_locations, days, **options):
        rights = _rights(rights)
        codes = sorted(set(district))
        found = dict(Location.objects.current().filter(type="D", code__in=codes).values_list("code", "id"))
        missing = [code for code in codes if code not in found]
        if missing:
            raise CommandError(f"no current district with code(s): {', '.join(missing)}")
        if days < 1:
            raise CommandError("--days must be at least 1")
        User = get_user_model()
        if User.objects.filter(username=name).exists():
            raise CommandError(f"a user named {name!r} already exists")
        with transaction.atomic(using="default"):
            user = User.objects.create(username=name)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            ApiClient.objects.create(
                user=user, rights=rights, district_ids=sorted(found.values()), all_locations=all_locations
            )
            raw, expires = issue_token(user, lifetime=datetime.timedelta(days=days))
        self.stderr.write(f"API client {name!r} created; token expires {expires:%Y-%m-%d %H:%M}.")
        self.stdout.write(raw)
