"""Small builders of real legacy rows for the API tests (through the legacy models; versioned values and
location trees from `legacy.testing`)."""

import datetime
import itertools
from decimal import Decimal

from legacy.models import (
    Claim,
    ClaimItem,
    ClaimService,
    Diagnosis,
    Family,
    Feedback,
    Gender,
    HealthFacility,
    Insuree,
    Item,
    Officer,
    Policy,
    Premium,
    Product,
    Role,
    Service,
    User,
)
from legacy.testing import T0, location, location_tree, new_uuid, versioned

_serial = itertools.count(1)


def gender(code="M", name="Male"):
    return Gender.objects.get_or_create(code=code, defaults={"name": name})[0]


def family(village=None, members=1, **kwargs):
    """A family with `members` insurees, the first one its head."""
    village = village or location_tree()[3]
    fam = Family.objects.create(**versioned(head_id=0, location=village, **kwargs))
    people = [insuree(fam, is_head=(i == 0)) for i in range(members)]
    if people:
        Family.objects.filter(pk=fam.pk).update(head=people[0])
        fam.refresh_from_db()
    return fam


def insuree(fam, **kwargs):
    n = next(_serial)
    defaults = dict(
        family=fam,
        chf_id=f"{100000000 + n}",
        last_name=f"Last{n}",
        other_names=f"Other{n}",
        dob=datetime.date(1980, 1, 1 + n % 28),
        gender=gender(),
        is_head=False,
    )
    return Insuree.objects.create(**versioned(**{**defaults, **kwargs}))


def health_facility(loc=None, **kwargs):
    n = next(_serial)
    loc = loc or location("D")
    return HealthFacility.objects.create(
        **versioned(code=f"HF{n}", name=f"Clinic {n}", legal_form="G", level="H", location=loc, care_type="B", **kwargs)
    )


def product(**kwargs):
    n = next(_serial)
    return Product.objects.create(
        **versioned(
            code=f"P{n}",
            name=f"Product {n}",
            date_from=T0,
            date_to=datetime.datetime(2030, 1, 1),
            lump_sum=Decimal("10"),
            member_count=5,
            **kwargs,
        )
    )


def officer(**kwargs):
    n = next(_serial)
    return Officer.objects.create(**versioned(code=f"O{n}", last_name=f"Officer{n}", other_names="E", **kwargs))


def policy(fam, prod=None, **kwargs):
    defaults = dict(
        family=fam,
        product=prod or product(),
        enroll_date=datetime.date(2021, 1, 1),
        start_date=datetime.date(2021, 1, 1),
        status=2,
    )
    return Policy.objects.create(**versioned(**{**defaults, **kwargs}))


def premium(pol, **kwargs):
    n = next(_serial)
    return Premium.objects.create(
        **versioned(
            policy=pol,
            amount=Decimal("25.50"),
            receipt=f"R{n}",
            pay_date=datetime.date(2021, 1, 2),
            pay_type="C",
            created_date=datetime.date(2021, 1, 2),
            **kwargs,
        )
    )


def item():
    n = next(_serial)
    return Item.objects.create(
        **versioned(code=f"I{n}", name=f"Item {n}", type="D", care_type="B", price=Decimal("5"), patient_category=15)
    )


def service():
    n = next(_serial)
    return Service.objects.create(
        **versioned(
            code=f"S{n}",
            name=f"Service {n}",
            type="P",
            level="S",
            price=Decimal("7"),
            care_type="B",
            patient_category=15,
        )
    )


def diagnosis():
    return Diagnosis.objects.create(code=f"D{next(_serial)}"[:6], name="Diagnosis", validity_from=T0, audit_user_id=1)


def claim(person, hf=None, items=1, services=1, **kwargs):
    n = next(_serial)
    defaults = dict(
        insuree=person,
        code=f"C{n}",
        date_from=datetime.date(2021, 2, 1),
        icd_id=diagnosis().pk,
        date_claimed=datetime.date(2021, 2, 2),
        health_facility=hf or health_facility(),
    )
    row = Claim.objects.create(**versioned(**{**defaults, **kwargs}))
    for _ in range(items):
        ClaimItem.objects.create(
            validity_from=T0,
            audit_user_id=1,
            claim=row,
            item=item(),
            qty_provided=Decimal("1"),
            price_asked=Decimal("5"),
        )
    for _ in range(services):
        ClaimService.objects.create(
            validity_from=T0,
            audit_user_id=1,
            claim=row,
            service=service(),
            qty_provided=Decimal("1"),
            price_asked=Decimal("7"),
        )
    return row


def legacy_user(**kwargs):
    n = next(_serial)
    return User.objects.create(
        **versioned(
            language_id="en",
            last_name=f"User{n}",
            other_names="U",
            login_name=f"user{n}",
            stored_password="secret-hash",
            private_key="secret-key",
            **kwargs,
        )
    )


def role(**kwargs):
    n = next(_serial)
    return Role.objects.create(**versioned(role_name=f"Role {n}", is_system=0, is_blocked=False, **kwargs))


def new_version(obj, moment, **changes):
    """The legacy update convention: copy the old values as a history row, then update in place."""
    model = type(obj)
    old = model.objects.get(pk=obj.pk)
    old.pk = None
    old.uuid = new_uuid()
    old.validity_to = moment
    old.legacy_id = obj.pk
    old.save(force_insert=True)
    model.objects.filter(pk=obj.pk).update(validity_from=moment, **changes)
    obj.refresh_from_db()
    return old


def world():
    """One row of everything, linked the way the legacy app links them."""
    fam = family(members=2)
    head = fam.head
    hf = health_facility()
    pol = policy(fam, officer=officer())
    premium(pol)
    row = claim(head, hf)
    Feedback.objects.create(**versioned(claim=row, care_rendered=True, assessment=3, feedback_date=T0))
    legacy_user(health_facility=hf)
    role()
    return {"family": fam, "claim": row, "policy": pol}


def empty_legacy_tables():
    """Transactional setups do not flush unmanaged tables: empty them."""
    from django.db import connections, transaction

    from legacy.schema.compat import legacy_models

    with connections["legacy"].constraint_checks_disabled(), transaction.atomic(using="legacy"):
        for model in legacy_models():  # PG: the FKs are DEFERRABLE INITIALLY DEFERRED
            model._default_manager.all().delete()
