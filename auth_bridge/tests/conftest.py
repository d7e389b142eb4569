from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.accounts import django_user_for
from legacy import models as m


@pytest.fixture(autouse=True)
def _fresh_rights(fresh_rights):
    """Every auth bridge test reads rights fresh (the root conftest's `fresh_rights`)."""


def as_django_user(legacy_row):
    """The state-database user linked to a legacy row, freshly loaded (like a new request)."""
    return get_user_model().objects.get(pk=django_user_for(legacy_row).pk)


ALL = [codes.Right.FAMILY_READ, codes.Right.INSUREE_READ, codes.Right.POLICY_READ, codes.Right.CLAIM_READ]


side = t.insurance_side


@pytest.fixture
def world():
    w = t.two_districts()
    a = w.a
    a.other_hf = t.health_facility(a.tree.district)
    a.other_claim = t.claim(a.member, a.other_hf)
    a.family_history = m.Family.objects.get(legacy_id=t.update_legacy(a.family, poverty=True).pk)
    clerk = t.clerk("clerkA", "pw", a.tree.district, ALL)
    hf_admin = t.hf_user("hfA", "pw", a.hf, ALL)
    admin = t.admin()
    return SimpleNamespace(
        a=a,
        b=w.b,
        null=w.null,
        national=w.national,
        region_product=w.region_product,
        clerk=clerk,
        hf_admin=hf_admin,
        admin=admin,
    )
