"""Unmanaged models over the legacy openIMIS tables, grouped like the openIMIS modules."""

from .base import VersionedModel, VersionedQuerySet
from .claim import Claim, ClaimAdmin, ClaimDedRem, ClaimItem, ClaimService, Diagnosis
from .core import Role, RoleRight, User, UserDistrict, UserRole
from .feedback import Feedback
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
from .medical import Item, PriceListItem, PriceListService, ProductItem, ProductService, Service
from .policy import InsureePolicy, Officer, Policy, Premium, Product

__all__ = [
    "Claim",
    "ClaimAdmin",
    "ClaimDedRem",
    "ClaimItem",
    "ClaimService",
    "ConfirmationType",
    "Diagnosis",
    "Education",
    "Family",
    "Feedback",
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
    "PriceListItem",
    "PriceListService",
    "Product",
    "ProductItem",
    "ProductService",
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
