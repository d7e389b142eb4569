"""Unmanaged models over the legacy openIMIS tables, grouped like the openIMIS modules."""

from .base import VersionedModel, VersionedQuerySet
from .claim import Claim, ClaimItem, ClaimService
from .core import Role, RoleRight, User, UserDistrict, UserRole
from .insuree import (
    ConfirmationType,
    Education,
    Family,
    FamilyType,
    Gender,
    Insuree,
    Photo,
    Profession,
    Relation,
)
from .location import HealthFacility, Location
from .medical import Item, Service
from .policy import InsureePolicy, Officer, Policy, Premium, Product

__all__ = [
    "Claim",
    "ClaimItem",
    "ClaimService",
    "ConfirmationType",
    "Education",
    "Family",
    "FamilyType",
    "Gender",
    "HealthFacility",
    "Insuree",
    "InsureePolicy",
    "Item",
    "Location",
    "Officer",
    "Photo",
    "Policy",
    "Premium",
    "Product",
    "Profession",
    "Relation",
    "Role",
    "RoleRight",
    "Service",
    "User",
    "UserDistrict",
    "UserRole",
    "VersionedModel",
    "VersionedQuerySet",
]
