"""Real legacy rows for tests and demos (plain functions, no mocks), shaped like the official demo.

    tree = location_tree("A")                       # region -> district -> ward -> village
    clerk = legacy_user("clerk", "secret", districts=[tree.district],
                        roles=[role("Clerk", rights=[codes.Right.FAMILY_READ])])
    fam = family(tree.village)                      # with its head insuree

Every function writes to the `legacy` database and returns the created row.
"""

import datetime
import json
from types import SimpleNamespace

from django.db import transaction
from django.test import Client
from django.utils import timezone

from legacy import models as m
from legacy.passwords import new_private_key
from legacy.testing import AUDIT, T0, location_tree, new_uuid, serial_code, versioned

from .hashers import legacy_hash


# --- Health facilities (locations: legacy.testing) ------------------------------------------------------
def health_facility(district, code=None, **values):
    code = code or serial_code("HF")
    return m.HealthFacility.objects.create(
        **versioned(
            code=code,
            name=f"Health facility {code}",
            legal_form="G",
            level="H",
            care_type="B",
            location=district,
            **values,
        )
    )


# --- Users, roles, rights -----------------------------------------------------------------------------
def role(name="Role", rights=(), is_system=0, is_blocked=False, **values):
    created = m.Role.objects.create(**versioned(role_name=name, is_system=is_system, is_blocked=is_blocked, **values))
    for right in rights:
        add_right(created, right)
    return created


def add_right(role_row, right_id):
    return m.RoleRight.objects.create(role=role_row, right_id=right_id, validity_from=T0, audit_user_id=AUDIT)


def assign_role(user, role_row):
    return m.UserRole.objects.create(user=user, role=role_row, validity_from=T0, audit_user_id=AUDIT)


def add_district(user, district):
    return m.UserDistrict.objects.create(user=user, location=district, validity_from=T0, audit_user_id=AUDIT)


def legacy_user(
    login, password, *, districts=(), roles=(), health_facility=None, private_key=None, stored_password=None, **values
):
    """A current tblUsers row whose password is hashed the legacy way (upper-case hex, 256-char salt)."""
    private_key = private_key if private_key is not None else new_private_key()
    user = m.User.objects.create(
        **versioned(
            login_name=login,
            language_id="en",
            last_name=login.title(),
            other_names="Test",
            role_bitmask=0,
            health_facility=health_facility,
            private_key=private_key,
            stored_password=stored_password if stored_password is not None else legacy_hash(password, private_key),
            **values,
        )
    )
    for district in districts:
        add_district(user, district)
    for role_row in roles:
        assign_role(user, role_row)
    return user


def admin(login="Admin", password="admin123"):
    """The demo administrator: IsSystem 64 role, salt = upper-hex SHA-256 of the login (like the demo)."""
    return legacy_user(
        login, password, private_key=legacy_hash(login, ""), roles=[role("IMIS Administrator", is_system=64)]
    )


def clerk(login, password, district, rights):
    return legacy_user(login, password, districts=[district], roles=[role(f"{login} role", rights=rights, is_system=8)])


def hf_user(login, password, hf, rights):
    """A claim administrator: districts of its HF, tblUsers.HFID set (sees only this HF's claims)."""
    return legacy_user(
        login,
        password,
        districts=[hf.location],
        health_facility=hf,
        roles=[role(f"{login} role", rights=rights, is_system=256)],
    )


def _unversioned_uuid(**values):
    """Validity columns for tables without a UUID column (tblInsureePolicy, tblClaimItems, ...)."""
    return {"validity_from": T0, "audit_user_id": AUDIT, **values}


# --- Insurance data -----------------------------------------------------------------------------------
def family(village, **values):
    """A family in `village` (None = no location) with its head insuree."""
    with transaction.atomic(using="legacy"):
        fam = m.Family.objects.create(**versioned(head_id=0, location=village, **values))
        head = insuree(fam, is_head=True)
        m.Family.objects.filter(pk=fam.pk).update(head=head)  # the legacy app links the head last
    fam.refresh_from_db()
    return fam


def insuree(fam, is_head=False, **values):
    return m.Insuree.objects.create(
        **versioned(
            family=fam,
            chf_id=serial_code("", 12),
            last_name="Doe",
            other_names="Jane",
            dob=datetime.date(1990, 1, 1),
            is_head=is_head,
            **values,
        )
    )


def product(location=None, code=None, **values):
    code = code or serial_code("P")
    return m.Product.objects.create(
        **versioned(
            code=code,
            name=f"Product {code}",
            location=location,
            date_from=T0,
            date_to=datetime.datetime(2030, 1, 1),
            lump_sum=100,
            member_count=5,
            **values,
        )
    )


def policy(fam, prod, **values):
    return m.Policy.objects.create(
        **versioned(
            family=fam,
            product=prod,
            enroll_date=datetime.date(2021, 1, 1),
            start_date=datetime.date(2021, 1, 1),
            **values,
        )
    )


def premium(pol, **values):
    return m.Premium.objects.create(
        **versioned(
            policy=pol,
            amount=10,
            receipt=serial_code("R"),
            pay_date=datetime.date(2021, 1, 1),
            pay_type="C",
            created_date=datetime.date(2021, 1, 1),
            **values,
        )
    )


def insuree_policy(ins, pol, **values):
    values = _unversioned_uuid(**values)
    return m.InsureePolicy.objects.create(insuree=ins, policy=pol, **values)


def officer(district, **values):
    return m.Officer.objects.create(
        **versioned(code=serial_code("E"), last_name="Officer", other_names="E", location=district, **values)
    )


def item(**values):
    return m.Item.objects.create(
        **versioned(
            **{"code": serial_code("I", 6), "name": "Item", "type": "D", "price": 5, "care_type": "B"}
            | {"patient_category": 15}
            | values
        )
    )


def service(**values):
    return m.Service.objects.create(
        **versioned(
            **{
                "code": serial_code("S", 6),
                "name": "Service",
                "type": "P",
                "level": "S",
                "price": 5,
                "care_type": "B",
                "patient_category": 15,
            }
            | values
        )
    )


def diagnosis(code=None, **values):
    """A current ICD code (tblICDCodes): every claim names one."""
    values = _unversioned_uuid(**values)
    return m.Diagnosis.objects.create(code=code or serial_code("D", 6), name="Diagnosis", **values)


def claim(ins, hf, **values):
    if "icd_id" not in values:
        values["icd_id"] = diagnosis().pk
    defaults = {
        "code": serial_code("C"),
        "date_from": datetime.date(2021, 2, 1),
        "date_claimed": datetime.date(2021, 2, 2),
    }
    return m.Claim.objects.create(**versioned(insuree=ins, health_facility=hf, **(defaults | values)))


def claim_item(clm, itm=None, **values):
    values = _unversioned_uuid(**values)
    return m.ClaimItem.objects.create(claim=clm, item=itm or item(), qty_provided=1, price_asked=5, **values)


def claim_service(clm, svc=None, **values):
    values = _unversioned_uuid(**values)
    return m.ClaimService.objects.create(claim=clm, service=svc or service(), qty_provided=1, price_asked=5, **values)


# --- Whole worlds ------------------------------------------------------------------------------------
def insurance_side(tree):
    """Insurance data under one location tree: HF, family (head + member), product, policy, premium,
    coverage, claim with an item and a service, enrolment officer."""
    hf = health_facility(tree.district)
    fam = family(tree.village)
    member = insuree(fam)
    prod = product(tree.district)
    pol = policy(fam, prod)
    clm = claim(fam.head, hf)
    return SimpleNamespace(
        tree=tree,
        hf=hf,
        family=fam,
        head=fam.head,
        member=member,
        product=prod,
        policy=pol,
        premium=premium(pol),
        insuree_policy=insuree_policy(member, pol),
        claim=clm,
        claim_item=claim_item(clm),
        claim_service=claim_service(clm),
        officer=officer(tree.district),
        feedback=feedback(clm),
    )


def feedback(clm, **values):
    """A tblFeedback row of the claim (as uspInsertFeedback writes it)."""
    return m.Feedback.objects.create(**versioned(claim=clm, care_rendered=True, assessment=4, **values))


def two_districts():
    """Districts A and B with insurance data each, plus rows with NULL locations (a family with its policy
    and premium, an officer), a national product and a product of region A. Scoping tests start here."""
    a, b = insurance_side(location_tree("A")), insurance_side(location_tree("B"))
    orphan = family(None)
    null = SimpleNamespace(family=orphan, head=orphan.head, policy=policy(orphan, a.product), officer=officer(None))
    null.premium = premium(null.policy)
    return SimpleNamespace(a=a, b=b, null=null, national=product(None), region_product=product(a.tree.region))


# --- Legacy-style changes -----------------------------------------------------------------------------
def update_legacy(row, **changes):
    """Update `row` the legacy way: a history copy of the old values, then the new values in place."""
    now = timezone.now()
    model = type(row)
    with transaction.atomic(using="legacy"):
        old = model.objects.get(pk=row.pk)
        old.pk = None
        if hasattr(old, "uuid"):
            old.uuid = new_uuid()
        old.validity_to, old.legacy_id = now, row.pk
        old.save(force_insert=True)
        for name, value in changes.items():
            setattr(row, name, value)
        row.validity_from = now
        row.save()
    return row


def delete_legacy(row):
    """Delete `row` the legacy way: a history copy, then ValidityFrom = ValidityTo = now on the row."""
    update_legacy(row)
    now = timezone.now()
    type(row).objects.filter(pk=row.pk).update(validity_from=now, validity_to=now)
    row.refresh_from_db()
    return row


def set_password(user, password):
    """Change a legacy password the legacy way: new PrivateKey, upper-case hash, history row."""
    private_key = new_private_key()
    return update_legacy(user, private_key=private_key, stored_password=legacy_hash(password, private_key))


# --- Logging in ------------------------------------------------------------------------------------------
TOKEN_URL = "/api/auth/token"


def log_in(client, login, password):
    """POST /api/auth/token with a JSON body, as a client would; the response (a test client's)."""
    body = json.dumps({"username": login, "password": password})
    return client.post(TOKEN_URL, body, content_type="application/json")


def token_login(login, password="pw", client=None):
    """A bearer token for a legacy login from the real login endpoint (201, or the test fails)."""
    response = log_in(client or Client(), login, password)
    assert response.status_code == 201, (login, response.status_code, response.content[:300])
    return response.json()["token"]
