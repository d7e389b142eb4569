"""The seeded world the robustness checks run on: the project's demo data (legacy.demo) and real logins."""

from auth_bridge.testing import token_login
from legacy import models as m
from legacy.demo import DemoSeeder
from legacy.demo.reference import DEMO_USERS

PASSWORDS = {login: password for login, password, *_ in DEMO_USERS}


def seed(families=21, seed_value=2024):
    """Fill the (empty) legacy database with the demo population: Admin, Clerk (R1D1), ClaimAdmin, ..."""
    return DemoSeeder(families=families, seed=seed_value).run()


def legacy_user(login):
    return m.User.objects.current().get(login_name=login)


def login(login_name, client=None, password=None):
    """A bearer token from POST /api/auth/token with the demo password (the real login path)."""
    password = password if password is not None else PASSWORDS[login_name]
    return token_login(login_name, password, client)


def legacy_row_counts():
    """Row count of every legacy table: equal before and after = the database is unchanged."""
    from django.db import connections

    from legacy.schema.spec import TABLES

    connection = connections["legacy"]
    counts = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table.name)}")
            counts[table.name] = cursor.fetchone()[0]
    return counts
