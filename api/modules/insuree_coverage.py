"""GET /api/insurees/<id or CHFID>/coverage: the legacy coverage enquiry (legacy.services.claims.coverage).

The insuree is found through the read gate (by UUID, else by current CHFID); the answer lists one
`coverages` resource per shown policy of its family, id = the policy's id, with the product and the
deductibles and ceilings left (`ded1`/`ded2`/`ceiling1`/`ceiling2`, `dedType` 1 general, 1.1 in-/out-patient).
A row is answered only for a policy the caller may read (right 101201 and the policies' read gate) whose
product it may read (121001 and the products' gate): the legacy enquire screen needs only its own right,
but here nothing about a policy or product outside the caller's rights or scope is shown (deny by default).
"""

from django.db.models import Q
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from auth_bridge.codes import Right
from auth_bridge.rights import principal_for
from legacy.services.claims import coverage

from .. import selectors
from ..actions import ActionRoutes


def _number(value):
    return None if value is None else str(value)


class InsureeCoverage(ActionRoutes):
    extra_routes = (("coverage", r"(?P<pk>[^/]+)/coverage", {"get": "coverage"}),)
    action_rights = {"coverage": Right.INSUREE_READ}

    def _readable_policies(self, user):
        """Policies (and their products) the caller may read: both rights, both read gates."""
        principal, resources = principal_for(user), self.site.resources
        if principal is None or not (
            principal.has_right(Right.POLICY_READ) and principal.has_right(Right.PRODUCT_READ)
        ):
            return Q(pk__in=[])
        policies = selectors.rows(resources["policies"], user).values("pk")
        products = selectors.rows(resources["products"], user).values("pk")
        return Q(pk__in=policies, product_id__in=products)

    def coverage(self, request, pk=None, **kwargs):
        visible = selectors.rows(self.resource, request.user)
        insuree = selectors.by_id(visible, self.resource, pk).first() or visible.filter(chf_id=pk).first()
        if insuree is None:
            raise NotFound(f"no insurees with id or CHFID {pk!r}")
        root = self._api_root()
        data = [
            {
                "type": "coverages",
                "id": row.policy.uuid.lower(),
                "attributes": {
                    "productCode": row.product.code,
                    "productName": row.product.name,
                    "status": row.status,
                    "effectiveDate": row.effective_date and row.effective_date.isoformat(),
                    "expiryDate": row.expiry_date and row.expiry_date.isoformat(),
                    "dedType": row.ded_type,
                    "ded1": _number(row.ded1),
                    "ded2": _number(row.ded2),
                    "ceiling1": _number(row.ceiling1),
                    "ceiling2": _number(row.ceiling2),
                },
                "relationships": {
                    "policy": {"data": {"type": "policies", "id": row.policy.uuid.lower()}},
                    "product": {"data": {"type": "products", "id": row.product.uuid.lower()}},
                },
            }
            for row in coverage.enquire(insuree, shown=self._readable_policies(request.user))
        ]
        self._resource_name = False
        links = {"self": f"{root}insurees/{insuree.uuid.lower()}/coverage"}
        return Response({"links": links, "data": data, "meta": {"chfId": insuree.chf_id}})
