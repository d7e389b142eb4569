"""Which rows a write may touch: the target row and every row a relationship points at.

The row written and the rows it is attached to (an insuree's family, a family's village, a health
facility's district, a location's parent) go through `auth_bridge.scoping.changeable`; plain references
(gender, product, officer, ...) through `visible`. Location-scoped callers never write a region or attach
a row to one: regions are visible to them only to name their districts. A user bound to a health facility
(tblUsers.HFID, a claim administrator) writes under that facility only. A row outside the gate is 404,
like a row that does not exist.
"""

from auth_bridge.rights import principal_for
from auth_bridge.scoping import changeable
from legacy.models import HealthFacility, Location

from .. import selectors

CHANGE, VIEW = "change", "view"


def rows(resource, user, mode=CHANGE):
    """Current rows of `resource` that `user` may write (CHANGE) or reference (VIEW: the read gate)."""
    if mode == VIEW:
        return selectors.rows(resource, user)
    queryset = changeable(selectors.current(resource), user)
    principal = principal_for(user)
    if resource.model is Location and principal is not None and principal.is_scoped:
        queryset = queryset.exclude(type="R")
    if resource.model is HealthFacility and principal is not None and principal.health_facility_id is not None:
        queryset = queryset.filter(pk=principal.health_facility_id)  # a claim administrator: its own facility
    return queryset


def lookup(resource, user, resource_id, mode=CHANGE):
    """The row with this resource id inside the gate, as a queryset: `legacy.services.lock` reads it in
    the statement that locks the row, so a row the legacy application moved out of the caller's scope
    after an earlier check is not written."""
    return selectors.by_id(rows(resource, user, mode), resource, resource_id)


def find(resource, user, resource_id, mode=CHANGE):
    """The row with this resource id inside the gate, or None."""
    return lookup(resource, user, resource_id, mode).first()
