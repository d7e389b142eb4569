"""Legacy data the domain-service tests start from: a location tree, a product, reference codes."""

import datetime
import itertools

from legacy import testing
from legacy.models import Gender, Product
from legacy.services import Actor
from legacy.services.families import create_family
from legacy.services.locations import create_location

from .rows import current_row

ACTOR = Actor(7, "tester")
_numbers = itertools.count(1)


def location_tree():
    """A `legacy.testing.Tree` written through `create_location`, the service under test."""
    return testing.location_tree(create=lambda values: create_location(values, ACTOR))


def gender():
    return Gender.objects.get_or_create(code="M", defaults={"name": "Male"})[0]


def head_values(**overrides):
    return {
        "chf_id": f"{next(_numbers):09d}",
        "last_name": "Head",
        "other_names": "Anna",
        "dob": datetime.date(1980, 5, 6),
        "gender": gender().code,
        "phone": "+255 700",
        **overrides,
    }


def family_with_head(village=None, **head):
    village = village or location_tree().village
    return create_family(
        {"location": village.pk, "poverty": True, "family_address": "Road 1"}, head_values(**head), ACTOR
    )


def product(date_from=datetime.datetime(2020, 1, 1), date_to=datetime.datetime(2030, 12, 31)):
    row = current_row(Product)
    Product.objects.filter(pk=row.pk).update(date_from=date_from, date_to=date_to)
    row.refresh_from_db()
    return row
