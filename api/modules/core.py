"""Legacy users and roles. Password hashes, salts and private keys are never exposed."""

from legacy.models import Role, User

from ..registry import Module, Relation, Resource
from . import CODE, TEXT, attrs

USERS = Resource(
    type="users",
    model=User,
    attributes=attrs("login_name", "last_name", "other_names", "phone", "email", "language_id"),
    relations=(Relation("health_facility", "health-facilities"),),
    rights={"GET": 121701},
    filters={"login_name": CODE, "last_name": TEXT, "other_names": TEXT},
    uuid_filters={"health_facility": ("health_facility__uuid",)},
    sort=("login_name", "last_name", "other_names"),
    search=("login_name", "last_name", "other_names"),
)

ROLES = Resource(
    type="roles",
    model=Role,
    attributes=attrs("role_name", "alt_language", "is_system", "is_blocked"),
    rights={"GET": 122001},
    filters={"role_name": TEXT, "is_system": ["exact"], "is_blocked": ["exact"]},
    sort=("role_name", "is_system"),
    search=("role_name",),
)

MODULE = Module("core", (USERS, ROLES))
