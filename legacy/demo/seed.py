"""Seed a legacy database with a realistic, consistent population, in bulk (1,000,000 insurees on PG).

Families are written in chunks, each chunk one transaction: families (head pending), insurees, the
head link, policies with their insuree-policy rows and premiums, claims with items and services, and
some history and logically deleted rows written with the legacy convention.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from legacy.models import (
    Claim,
    ClaimItem,
    ClaimService,
    Family,
    Insuree,
    InsureePolicy,
    Policy,
    Premium,
)

from . import reference
from .reference import EPOCH, SEED_AUDIT_USER_ID, new_uuid

UPDATED_AT = datetime.datetime(2021, 6, 1, 10, 30, 0)
DELETED_AT = datetime.datetime(2022, 2, 1, 9, 0, 0)
LAST_NAMES = [
    "Mwangi",
    "Otieno",
    "Kamau",
    "Njeri",
    "Mushi",
    "Lema",
    "Moshi",
    "Kimaro",
    "Swai",
    "Massawe",
    "Mrema",
    "Temba",
    "Shayo",
    "Minja",
    "Urassa",
    "Kessy",
    "Mbwambo",
    "Ngowi",
    "Lyimo",
    "Macha",
]
OTHER_NAMES = [
    "Amani",
    "Baraka",
    "Neema",
    "Rehema",
    "Juma",
    "Zawadi",
    "Imani",
    "Halima",
    "Musa",
    "Upendo",
    "Salma",
    "Daudi",
    "Furaha",
    "Pendo",
    "Hassani",
    "Mariamu",
    "Tumaini",
    "Asha",
    "Elia",
    "Faraja",
]
POLICY_ACTIVE, POLICY_EXPIRED = 2, 8
CLAIM_STATUSES = [2, 4, 8, 16]


@dataclass
class SeedReport:
    counts: dict = field(default_factory=dict)
    users: list = field(default_factory=list)


class DemoSeeder:
    def __init__(self, families=21, chunk_size=2000, seed=2024, progress=None):
        self.families = families
        self.chunk_size = chunk_size
        self.random = random.Random(seed)
        self.progress = progress or (lambda done: None)
        self.serial = 0

    def run(self):
        with transaction.atomic(using="legacy"):
            reference.create_reference_lists()
            districts, self.villages = reference.create_locations()
            facilities = reference.create_health_facilities(districts)
            self.products = reference.create_products(districts["R1D1"])
            self.officers = reference.create_officers(districts)
            self.items, self.services = reference.create_medical_lists()
            reference.create_diagnoses()
            roles = reference.create_roles()
            users = reference.create_users(roles, districts, facilities)
        self.admin_id = users[0].pk
        self.facilities_by_district = {}
        for facility in facilities:
            self.facilities_by_district.setdefault(facility.location_id, []).append(facility)
        self.district_of_village = {village.pk: village.parent.parent_id for village in self.villages}
        done = 0
        while done < self.families:
            size = min(self.chunk_size, self.families - done)
            with transaction.atomic(using="legacy"):
                self._chunk(done, size)
            done += size
            self.progress(size)
        return SeedReport(counts=self.counts(), users=[(u[0], u[1]) for u in reference.DEMO_USERS])

    @staticmethod
    def counts():
        models = (Family, Insuree, Policy, Premium, Claim)
        return {model._meta.db_table: (model.objects.current().count(), model.objects.count()) for model in models}

    def _versioned(self, updated=False, **values):
        if updated:
            return {"validity_from": UPDATED_AT, "audit_user_id": self.admin_id, **values}
        return {"validity_from": EPOCH, "audit_user_id": SEED_AUDIT_USER_ID, **values}

    def _chunk(self, offset, size):
        rng = self.random
        families = Family.objects.bulk_create(
            [
                Family(
                    **self._versioned(
                        uuid=new_uuid(),
                        head_id=0,
                        location=self.villages[(offset + i) % len(self.villages)],
                        poverty=rng.random() < 0.2,
                        family_type_id="H",
                        family_address=f"Plot {offset + i + 1}",
                    )
                )
                for i in range(size)
            ]
        )
        insurees = Insuree.objects.bulk_create(
            [insuree for family in families for insuree in self._members(family, rng.randint(0, 4))]
        )
        heads = {insuree.family_id: insuree.pk for insuree in insurees if insuree.is_head}
        for family in families:
            family.head_id = heads[family.pk]
        Family.objects.bulk_update(families, ["head"], batch_size=500)
        self._history(insurees)
        members = {}
        for insuree in insurees:
            if insuree.validity_to is None:
                members.setdefault(insuree.family_id, []).append(insuree)
        self._policies(families, members)
        self._claims(families, members)

    def _members(self, family, extra):
        for n in range(1 + extra):
            self.serial += 1
            head = n == 0
            yield Insuree(
                **self._versioned(
                    uuid=new_uuid(),
                    family=family,
                    chf_id=f"{100000000 + self.serial}",
                    last_name=self.random.choice(LAST_NAMES),
                    other_names=self.random.choice(OTHER_NAMES),
                    dob=datetime.date(1950 + self.serial % 60, 1 + self.serial % 12, 1 + self.serial % 28),
                    gender_id="MF"[self.serial % 2],
                    is_head=head,
                    card_issued=self.serial % 3 == 0,
                    marital="M" if head else "S",
                    phone=f"+255 75 {self.serial:07d}"[:50],
                    relationship_id=None if head else 4,
                    profession_id=1 + self.serial % 6,
                    education_id=1 + self.serial % 7,
                    vulnerability=False,
                    is_offline=False,
                )
            )
        if self.serial % 7 == 0:  # some families also have a member deleted in the legacy app
            self.serial += 1
            yield Insuree(
                **self._versioned(
                    uuid=new_uuid(),
                    family=family,
                    chf_id=f"{100000000 + self.serial}",
                    last_name="Removed",
                    other_names=self.random.choice(OTHER_NAMES),
                    dob=datetime.date(1990, 5, 5),
                    gender_id="F",
                    is_head=False,
                    card_issued=False,
                    relationship_id=7,
                    vulnerability=False,
                    validity_from=DELETED_AT,
                    validity_to=DELETED_AT,
                )
            )

    def _history(self, insurees):
        """Every fifth current insuree changed phone in 2021: a history copy plus the updated row."""
        changed = [i for i in insurees if i.validity_to is None and i.pk % 5 == 0]
        copies = []
        for insuree in changed:
            copy = Insuree(**{f.attname: getattr(insuree, f.attname) for f in Insuree._meta.concrete_fields})
            copy.pk, copy.uuid, copy.validity_to, copy.legacy_id = None, new_uuid(), UPDATED_AT, insuree.pk
            copy.phone = f"+255 65 {insuree.pk:07d}"
            copies.append(copy)
        Insuree.objects.bulk_create(copies)
        Insuree.objects.filter(pk__in=[i.pk for i in changed]).update(
            validity_from=UPDATED_AT, audit_user_id=self.admin_id
        )

    def _policies(self, families, members):
        rng = self.random
        policies = []
        for family in families:
            start = datetime.date(2021, 1 + family.pk % 12, 1)
            expired = family.pk % 10 == 0
            if expired:
                start = start.replace(year=2019)
            product = self.products[family.pk % len(self.products)]
            policies.append(
                Policy(
                    **self._versioned(
                        uuid=new_uuid(),
                        family=family,
                        enroll_date=start,
                        start_date=start,
                        effective_date=start,
                        expiry_date=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
                        status=POLICY_EXPIRED if expired else POLICY_ACTIVE,
                        stage="N",
                        product=product,
                        officer=rng.choice(self.officers),
                        value=product.premium_adult * len(members[family.pk]),
                        is_offline=False,
                    )
                )
            )
        policies = Policy.objects.bulk_create(policies)
        InsureePolicy.objects.bulk_create(
            [
                InsureePolicy(
                    **self._versioned(
                        insuree=insuree,
                        policy=policy,
                        enrollment_date=policy.enroll_date,
                        start_date=policy.start_date,
                        effective_date=policy.effective_date,
                        expiry_date=policy.expiry_date,
                        is_offline=False,
                    )
                )
                for policy in policies
                for insuree in members[policy.family_id]
            ]
        )
        Premium.objects.bulk_create(
            [
                Premium(
                    **self._versioned(
                        uuid=new_uuid(),
                        policy=policy,
                        amount=policy.value,
                        receipt=f"RCP{policy.pk:08d}",
                        pay_date=policy.enroll_date,
                        pay_type="C",
                        created_date=policy.enroll_date,
                        is_photo_fee=False,
                        is_offline=False,
                    )
                )
                for policy in policies
            ]
        )

    def _claims(self, families, members):
        """A claim for one insuree in three families, at a facility of the family's district."""
        claims = []
        for family in families:
            if family.pk % 3:
                continue
            insuree = members[family.pk][-1]
            facility = self.facilities_by_district[self.district_of_village[family.location_id]][family.pk % 3]
            day = datetime.date(2022, 1 + family.pk % 12, 1 + family.pk % 28)
            claims.append(
                Claim(
                    **self._versioned(
                        uuid=new_uuid(),
                        insuree=insuree,
                        code=f"C{family.pk:07d}"[:8],
                        date_from=day,
                        date_to=day,
                        icd_id=1 + family.pk % 20,
                        status=CLAIM_STATUSES[family.pk % 4],
                        date_claimed=day,
                        health_facility=facility,
                        feedback=False,
                        claimed=0,
                    )
                )
            )
        claims = Claim.objects.bulk_create(claims)
        items, services = [], []
        for claim in claims:
            item, service = self.items[claim.pk % len(self.items)], self.services[claim.pk % len(self.services)]
            items.append(
                ClaimItem(
                    **self._versioned(
                        claim=claim, item=item, status=1, availability=True, qty_provided=2, price_asked=item.price
                    )
                )
            )
            services.append(
                ClaimService(
                    **self._versioned(claim=claim, service=service, status=1, qty_provided=1, price_asked=service.price)
                )
            )
        ClaimItem.objects.bulk_create(items)
        ClaimService.objects.bulk_create(services)
        for claim, item, service in zip(claims, items, services, strict=True):
            claim.claimed = item.price_asked * item.qty_provided + service.price_asked
        Claim.objects.bulk_update(claims, ["claimed"], batch_size=500)
