"""Who is who, and where: districts, families, clerks, administrators, reporting clients."""

import io

from behave import given
from django.core.management import call_command

from auth_bridge import testing as t
from features import world as w
from legacy import models as m


# --- Districts and their families ----------------------------------------------------------------------
def _families(context, district_name, count, size):
    village = w.district(context, district_name).village
    for _ in range(count):
        family = t.family(village)
        for _ in range(size - 1):
            t.insuree(family)


@given("district {district} has {count:d} families")
def step_families(context, district, count):
    _families(context, district, count, size=1)


@given("district {district} has {count:d} families of {size:d} people")
def step_families_of(context, district, count, size):
    _families(context, district, count, size)


def _someone_in(context, district_name):
    """A current insuree of the district who is not a head of family (heads cannot simply leave)."""
    village = w.district(context, district_name).village
    return m.Insuree.objects.current().filter(family__location=village, is_head=False).order_by("pk").first()


@given("one person in {district} has changed name since enrolment")
def step_renamed(context, district):
    t.update_legacy(_someone_in(context, district), last_name="Renamed")


@given("one person in {district} has been removed")
def step_removed(context, district):
    t.delete_legacy(_someone_in(context, district))


# --- People --------------------------------------------------------------------------------------------
def _clerk(context, name, district, password, rights):
    login = name.lower()
    row = t.clerk(login, password, w.district(context, district).row, rights)
    w.add_person(context, name, login, password).row = row


@given('{name} is a clerk of district {district} whose password is "{password}"')
def step_clerk_with_password(context, name, district, password):
    _clerk(context, name, district, password, w.rights_for("families"))


@given("{name} is a clerk of district {district} who may read {what}")
def step_clerk_with_rights(context, name, district, what):
    _clerk(context, name, district, f"{name}-secret", w.rights_for(what))


@given("{name} is a clerk of district {district} who may change {what}")
def step_clerk_who_may_change(context, name, district, what):
    """Read and edit rights (e.g. 101101 and 101103 for insurees): for the write scenarios."""
    _clerk(context, name, district, f"{name}-secret", w.rights_for(what, actions=("read", "edit")))


@given("{name} is an administrator")
def step_administrator(context, name):
    login, password = name.lower(), f"{name}-secret"
    w.add_person(context, name, login, password).row = t.admin(login, password)


@given("a national reporting client that may read {what}")
def step_reporting_client(context, what):
    """A technical API client made with `manage.py create_api_client --all-locations` (prints its token)."""
    rights = ",".join(str(right) for right in w.rights_for(what))
    out = io.StringIO()
    call_command("create_api_client", "reporting", rights=rights, all_locations=True, stdout=out, stderr=io.StringIO())
    w.add_person(context, "the reporting client", login="reporting", token=out.getvalue().strip())
