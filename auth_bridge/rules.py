"""Per-model read rules used by `visible`: which rows a location-scoped principal may see.

A scoped principal has a set D of district ids (current tblUsersDistricts). Legacy location tree:
region R -> district D -> ward W -> village V (ParentLocationId). Rows with a NULL location never match.

* Family: its village's ward's district in D. Insuree, Policy, InsureePolicy, Premium, Photo: through
  their family (policies are scoped even though the modular backend does not).
* HealthFacility: its LocationId (a district) in D. Officer (enrolment officer): its district in D.
* Claim: its health facility's district in D; when tblUsers.HFID is set, only that HF's claims.
  ClaimItem/ClaimService/Feedback: through their claim.
* Location: the districts in D (and their history rows), the wards and villages below them, and the
  regions above them (needed to name them). Nothing else.
* Product: national products (LocationId NULL: NULL means "national" for products, unlike every other
  table) plus products of the principal's districts and of their regions, as the legacy product search.
* User: the principal itself and the legacy users sharing one of its districts; UserRole/UserDistrict
  through their user.
* Public to any principal: reference tables (Gender, Education, Profession, Relation, FamilyType,
  ConfirmationType), the medical catalogue (Item, Service) and roles (Role, RoleRight): they hold no
  personal data and are not tied to a location; the endpoint's legacy right still applies.

Grant paths: a guardian grant on a row admits that row (and its history rows); a grant on a Family admits
its insurees, policies and premiums; on a Product its policies and their premiums/insuree policies; on a
Policy its premiums and insuree policies; on a HealthFacility its claims and their items/services; on a
Claim its items and services.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.expressions import RawSQL

from legacy import models as m

VILLAGE_TO_DISTRICT = "location__parent__parent_id"


@dataclass(frozen=True)
class Rule:
    scope: callable = None  # principal -> Q
    public: bool = False
    versioned: bool = True
    grant_paths: tuple = field(default_factory=tuple)  # (lookup path, model whose grants admit the row)


def literal_ids(ids):
    """Integer keys for an `__in` lookup as literals in the SQL, not as parameters: a scope's list (districts,
    granted keys) is repeated in every gated subquery of a statement, and SQL Server takes at most 2,100
    parameters per statement (a clerk of 301 districts made `/api/locations` send 6,020). Every value goes
    through int(): nothing else reaches the SQL text."""
    ids = sorted({int(pk) for pk in ids})
    return RawSQL(", ".join(map(str, ids)), ()) if ids else []


def _districts(principal):
    return literal_ids(principal.district_ids)


def _through(prefix):
    def scope(principal):
        return Q(**{f"{prefix}{VILLAGE_TO_DISTRICT}__in": _districts(principal)})

    return scope


def _regions_of(principal):
    return m.Location.objects.filter(id__in=_districts(principal), parent_id__isnull=False).values("parent_id")


def _location(principal):
    districts = _districts(principal)
    return (
        Q(id__in=districts)
        | Q(legacy_id__in=districts)
        | Q(parent_id__in=districts)
        | Q(parent__parent_id__in=districts)
        | Q(id__in=_regions_of(principal))
    )


def _product(principal):
    districts = _districts(principal)
    return Q(location__isnull=True) | Q(location_id__in=districts) | Q(location_id__in=_regions_of(principal))


def _claim(prefix):
    def scope(principal):
        if principal.health_facility_id is not None:
            return Q(**{f"{prefix}health_facility_id": principal.health_facility_id})
        return Q(**{f"{prefix}health_facility__location_id__in": _districts(principal)})

    return scope


def _district_field(name):
    def scope(principal):
        return Q(**{f"{name}__in": _districts(principal)})

    return scope


def _visible_user_ids(principal):
    return m.UserDistrict.objects.filter(validity_to__isnull=True, location_id__in=_districts(principal)).values(
        "user_id"
    )


def _user(principal):
    condition = Q(id__in=_visible_user_ids(principal)) | Q(legacy_id__in=_visible_user_ids(principal))
    if principal.legacy_user_id is not None:
        condition |= Q(id=principal.legacy_user_id) | Q(legacy_id=principal.legacy_user_id)
    return condition


def _via_user(principal):
    condition = Q(user_id__in=_visible_user_ids(principal))
    if principal.legacy_user_id is not None:
        condition |= Q(user_id=principal.legacy_user_id)
    return condition


def _photo(principal):
    insurees = m.Insuree.objects.filter(_through("family__")(principal)).values("id")
    return Q(insuree_id__in=insurees)


_POLICY_GRANTS = (("policy_id", m.Policy), ("policy__family_id", m.Family), ("policy__product_id", m.Product))
_CLAIM_GRANTS = (("claim_id", m.Claim), ("claim__health_facility_id", m.HealthFacility))

RULES = {
    m.Family: Rule(scope=_through("")),
    m.Insuree: Rule(scope=_through("family__"), grant_paths=(("family_id", m.Family),)),
    m.Policy: Rule(scope=_through("family__"), grant_paths=(("family_id", m.Family), ("product_id", m.Product))),
    m.Premium: Rule(scope=_through("policy__family__"), grant_paths=_POLICY_GRANTS),
    m.InsureePolicy: Rule(scope=_through("policy__family__"), grant_paths=_POLICY_GRANTS),
    m.Photo: Rule(scope=_photo, versioned=False),
    m.HealthFacility: Rule(scope=_district_field("location_id")),
    m.Officer: Rule(scope=_district_field("location_id")),
    m.Claim: Rule(scope=_claim(""), grant_paths=(("health_facility_id", m.HealthFacility),)),
    m.ClaimItem: Rule(scope=_claim("claim__"), grant_paths=_CLAIM_GRANTS),
    m.ClaimService: Rule(scope=_claim("claim__"), grant_paths=_CLAIM_GRANTS),
    m.Feedback: Rule(scope=_claim("claim__"), grant_paths=_CLAIM_GRANTS),
    m.Location: Rule(scope=_location),
    m.Product: Rule(scope=_product),
    m.User: Rule(scope=_user),
    m.UserRole: Rule(scope=_via_user),
    m.UserDistrict: Rule(scope=_via_user),
    m.Item: Rule(public=True),
    m.Service: Rule(public=True),
    m.Role: Rule(public=True),
    m.RoleRight: Rule(public=True),
    **{
        model: Rule(public=True, versioned=False)
        for model in (m.Gender, m.Education, m.Profession, m.Relation, m.FamilyType, m.ConfirmationType)
    },
}
