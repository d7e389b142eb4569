"""The fixed part of the demo: reference lists, the location tree, facilities, products, users."""

import datetime
import uuid
from decimal import Decimal

from legacy.models import (
    ConfirmationType,
    Diagnosis,
    Education,
    FamilyType,
    Gender,
    HealthFacility,
    Item,
    Location,
    Officer,
    Product,
    Profession,
    Relation,
    Role,
    RoleRight,
    Service,
    User,
    UserDistrict,
    UserRole,
)
from legacy.passwords import legacy_password_hash, seed_private_key

EPOCH = datetime.datetime(2019, 1, 1, 8, 0, 0)
SEED_AUDIT_USER_ID = -1  # the official seed scripts write -1 as AuditUserID

GENDERS = [("M", "Male"), ("F", "Female"), ("O", "Other")]
EDUCATIONS = ["Nursery", "Primary school", "Secondary school", "University", "Postgraduate studies", "PhD", "Other"]
PROFESSIONS = ["Housewife", "Employee", "Self Employee", "Farmer", "Student", "Other"]
RELATIONS = [
    "Brother/Sister",
    "Father/Mother",
    "Uncle/Aunt",
    "Son/Daughter",
    "Grand parents",
    "Employee",
    "Others",
    "Spouse",
]
FAMILY_TYPES = [
    ("C", "Council"),
    ("H", "Household"),
    ("O", "Organization"),
    ("P", "Priests"),
    ("S", "Students"),
    ("T", "Teachers"),
]
CONFIRMATION_TYPES = [("A", "Poverty certificate"), ("B", "Local council"), ("C", "Ministry"), ("D", "Other")]

# region -> district -> ward -> villages: 2 regions, 5 districts, 10 wards, 14 villages (the official demo's shape)
LOCATION_TREE = {
    ("R1", "Tahida"): {
        ("R1D1", "Rajo"): {("R1D1W1", "Jaber"): ["Rachla", "Jabal"], ("R1D1W2", "Majhi"): ["Agilo"]},
        ("R1D2", "Jamu"): {("R1D2W1", "Gamu"): ["Ogja", "Kamu"], ("R1D2W2", "Kyatu"): ["Nuru"]},
        ("R1D3", "Mbele"): {("R1D3W1", "Saba"): ["Saba Kati"], ("R1D3W2", "Tumbi"): ["Tumbi Juu"]},
    },
    ("R2", "Ultha"): {
        ("R2D1", "Distry"): {("R2D1W1", "Utha"): ["Uthe", "Utho"], ("R2D1W2", "Vill"): ["Villa"]},
        ("R2D2", "Vida"): {("R2D2W1", "Vida"): ["Vidaka"], ("R2D2W2", "Vudo"): ["Vudoka", "Vudola"]},
    },
}

IMIS_ADMINISTRATOR = 64
CLERK = 8
CLAIM_ADMINISTRATOR = 256

CLERK_RIGHTS = [
    101001,
    101002,
    101003,
    101004,
    101101,
    101102,
    101103,
    101104,
    101201,
    101202,
    101203,
    101204,
    101301,
    101302,
    101303,
    101304,
    121001,
    121101,
    121501,
    121901,
]
CLAIM_ADMIN_RIGHTS = [111001, 111002, 111004, 111005, 111006, 111007, 111010, 101101, 121101, 121901]

# (login, password, role, districts: "all" or a list of district codes, health facility code or None)
DEMO_USERS = [
    ("Admin", "admin123", "IMIS Administrator", "all", None),
    ("Clerk", "clerk123", "Clerk", ["R1D1"], None),
    ("ClaimAdmin", "claim123", "Claim Administrator", ["R1D1"], "R1D1H1"),
]


def new_uuid():
    return str(uuid.uuid4())


def _versioned(**values):
    return {"validity_from": EPOCH, "audit_user_id": SEED_AUDIT_USER_ID, **values}


def create_reference_lists():
    Gender.objects.bulk_create([Gender(code=code, name=name, sort_order=i) for i, (code, name) in enumerate(GENDERS)])
    for model, names in ((Education, EDUCATIONS), (Profession, PROFESSIONS), (Relation, RELATIONS)):
        model.objects.bulk_create([model(id=i + 1, name=name, sort_order=i) for i, name in enumerate(names)])
    FamilyType.objects.bulk_create([FamilyType(code=c, name=n, sort_order=i) for i, (c, n) in enumerate(FAMILY_TYPES)])
    ConfirmationType.objects.bulk_create(
        [ConfirmationType(code=c, name=n, sort_order=i) for i, (c, n) in enumerate(CONFIRMATION_TYPES)]
    )


def create_locations():
    """The location tree; returns (districts by code, villages in tree order)."""
    districts, villages = {}, []

    def add(code, name, kind, parent):
        return Location.objects.create(**_versioned(uuid=new_uuid(), code=code, name=name, type=kind, parent=parent))

    for (region_code, region_name), region_districts in LOCATION_TREE.items():
        region = add(region_code, region_name, "R", None)
        for (district_code, district_name), wards in region_districts.items():
            district = districts[district_code] = add(district_code, district_name, "D", region)
            for (ward_code, ward_name), village_names in wards.items():
                ward = add(ward_code, ward_name, "W", district)
                for index, village_name in enumerate(village_names, start=1):
                    villages.append(add(f"{ward_code}V{index}", village_name, "V", ward))
    return districts, villages


def create_health_facilities(districts):
    """Three facilities per district (15), the first of each a hospital."""
    facilities = []
    for district in districts.values():
        for n in range(1, 4):
            facilities.append(
                HealthFacility(
                    **_versioned(
                        uuid=new_uuid(),
                        code=f"{district.code}H{n}",
                        name=f"{district.name} {'Hospital' if n == 1 else f'Dispensary {n - 1}'}",
                        legal_form="G",
                        level="H" if n == 1 else "D",
                        location=district,
                        care_type="B",
                        phone=f"+255 22 {n}00 {n}00",
                    )
                )
            )
    return HealthFacility.objects.bulk_create(facilities)


def create_products(regions_first_district):
    products = []
    for n, (code, name, location) in enumerate(
        [
            ("BCUL0001", "Basic Cover Ultha", None),
            ("SCUL0001", "Standard Cover Ultha", None),
            ("BCTA0001", "Basic Cover Tahida", regions_first_district.parent),
            ("FAM00001", "Family Cover", None),
        ]
    ):
        products.append(
            Product(
                **_versioned(
                    uuid=new_uuid(),
                    code=code,
                    name=name,
                    location=location,
                    insurance_period=12,
                    date_from=datetime.datetime(2019, 1, 1),
                    date_to=datetime.datetime(2030, 12, 31),
                    lump_sum=Decimal("10000.00") * (n + 1),
                    member_count=6,
                    premium_adult=Decimal("1500.00"),
                    premium_child=Decimal("500.00"),
                    grace_period=1,
                )
            )
        )
    return Product.objects.bulk_create(products)


def create_officers(districts):
    officers = []
    for n, district in enumerate(districts.values(), start=1):
        officers.append(
            Officer(
                **_versioned(
                    uuid=new_uuid(),
                    code=f"E{n:05d}",
                    last_name=f"Officer{n}",
                    other_names="Enrol",
                    dob=datetime.date(1980, 1, n),
                    phone=f"+255 71 000 00{n:02d}",
                    location=district,
                )
            )
        )
    return Officer.objects.bulk_create(officers)


def create_medical_lists():
    items = Item.objects.bulk_create(
        [
            Item(
                **_versioned(
                    uuid=new_uuid(),
                    code=f"0{n:04d}",
                    name=name,
                    type="D",
                    price=Decimal(price),
                    care_type="B",
                    patient_category=15,
                    package="1 box",
                )
            )
            for n, (name, price) in enumerate(
                [
                    ("Paracetamol 500mg", "2.50"),
                    ("Amoxicillin 250mg", "4.00"),
                    ("ORS sachet", "0.80"),
                    ("Artemether/Lumefantrine", "6.20"),
                    ("Bandage 10cm", "1.10"),
                ],
                start=1,
            )
        ]
    )
    services = Service.objects.bulk_create(
        [
            Service(
                **_versioned(
                    uuid=new_uuid(),
                    code=code,
                    name=name,
                    type="P",
                    level="1",
                    price=Decimal(price),
                    care_type="B",
                    patient_category=15,
                )
            )
            for code, name, price in [
                ("A1", "General consultation", "15.00"),
                ("A2", "Specialist consultation", "30.00"),
                ("L1", "Malaria test", "5.00"),
                ("L2", "Full blood count", "8.00"),
                ("S1", "Minor surgery", "120.00"),
            ]
        ]
    )
    return items, services


DIAGNOSES = [
    ("A00", "Cholera"),
    ("A01", "Typhoid and paratyphoid fevers"),
    ("A09", "Diarrhoea and gastroenteritis"),
    ("A15", "Respiratory tuberculosis"),
    ("B50", "Plasmodium falciparum malaria"),
    ("B54", "Unspecified malaria"),
    ("E11", "Type 2 diabetes mellitus"),
    ("I10", "Essential hypertension"),
    ("J00", "Acute nasopharyngitis"),
    ("J06", "Acute upper respiratory infections"),
    ("J18", "Pneumonia, organism unspecified"),
    ("J45", "Asthma"),
    ("K29", "Gastritis and duodenitis"),
    ("L02", "Cutaneous abscess"),
    ("N39", "Urinary tract infection"),
    ("O80", "Single spontaneous delivery"),
    ("R50", "Fever of unknown origin"),
    ("S01", "Open wound of head"),
    ("T14", "Injury of unspecified body region"),
    ("Z34", "Supervision of normal pregnancy"),
]


def create_diagnoses():
    """The ICD codes demo claims name (ICDID 1..20)."""
    return Diagnosis.objects.bulk_create(
        [
            Diagnosis(id=n, code=code, name=name, validity_from=EPOCH, audit_user_id=SEED_AUDIT_USER_ID)
            for n, (code, name) in enumerate(DIAGNOSES, start=1)
        ]
    )


def create_roles():
    roles = {}
    for name, system, rights in (
        ("IMIS Administrator", IMIS_ADMINISTRATOR, []),
        ("Clerk", CLERK, CLERK_RIGHTS),
        ("Claim Administrator", CLAIM_ADMINISTRATOR, CLAIM_ADMIN_RIGHTS),
    ):
        role = roles[name] = Role.objects.create(
            **_versioned(uuid=new_uuid(), role_name=name, is_system=system, is_blocked=False)
        )
        RoleRight.objects.bulk_create([RoleRight(**_versioned(role=role, right_id=right)) for right in rights])
    return roles


def create_users(roles, districts, facilities):
    """The demo logins, with passwords hashed exactly like the legacy seed scripts (salt = SHA-256 of login)."""
    by_code = {facility.code: facility for facility in facilities}
    users = []
    for login, password, role_name, district_codes, facility_code in DEMO_USERS:
        salt = seed_private_key(login)
        user = User.objects.create(
            **_versioned(
                uuid=new_uuid(),
                language_id="en",
                last_name=login,
                other_names="Demo",
                login_name=login,
                role_bitmask=roles[role_name].is_system,
                private_key=salt,
                stored_password=legacy_password_hash(password, salt),
                health_facility=by_code[facility_code] if facility_code else None,
            )
        )
        UserRole.objects.create(**_versioned(user=user, role=roles[role_name]))
        codes = districts if district_codes == "all" else district_codes
        UserDistrict.objects.bulk_create([UserDistrict(**_versioned(user=user, location=districts[c])) for c in codes])
        users.append(user)
    return users
