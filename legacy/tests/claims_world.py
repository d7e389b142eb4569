"""A facility, an insured family and a covering product: the world the claim-check tests start from.

Everything passes by default (a 40-year-old man, a product covering the item and the service with no
limits, both in the facility's price lists); each test changes one fact to trigger one rejection reason.
"""

import datetime
from types import SimpleNamespace

from auth_bridge import testing as t
from legacy import models as m

T0 = t.T0
DAY = datetime.date(2021, 6, 1)


def _versioned(**values):
    return {"validity_from": T0, "audit_user_id": t.AUDIT, **values}


def coverage(product, item=None, service=None, **values):
    defaults = _versioned(product=product, limitation_type="C", price_origin="P", limit_adult=100, limit_child=100)
    if item is not None:
        return m.ProductItem.objects.create(item=item, **{**defaults, **values})
    return m.ProductService.objects.create(service=service, **{**defaults, **values})


def listed(hf, item=None, service=None, **values):
    if item is not None:
        return m.PriceListItem.objects.create(price_list_id=hf.pl_item_id, item=item, **_versioned(**values))
    return m.PriceListService.objects.create(price_list_id=hf.pl_service_id, service=service, **_versioned(**values))


def world(tree=None):
    tree = tree or t.location_tree("A")
    hf = t.health_facility(tree.district, pl_item_id=71, pl_service_id=72)
    family = t.family(tree.village)
    m.Insuree.objects.filter(pk=family.head_id).update(gender=t_gender("M"), dob=datetime.date(1980, 3, 3))
    head = m.Insuree.objects.get(pk=family.head_id)
    product = t.product(tree.district)
    policy = t.policy(
        family,
        product,
        status=2,
        stage="R",
        effective_date=datetime.date(2021, 1, 1),
        expiry_date=datetime.date(2021, 12, 31),
    )
    insuree_policy = t.insuree_policy(
        head, policy, effective_date=datetime.date(2021, 1, 1), expiry_date=datetime.date(2021, 12, 31)
    )
    item, service = t.item(price=4), t.service(price=10)
    coverage(product, item=item), coverage(product, service=service)
    listed(hf, item=item), listed(hf, service=service)
    return SimpleNamespace(
        tree=tree,
        hf=hf,
        family=family,
        head=head,
        product=product,
        policy=policy,
        insuree_policy=insuree_policy,
        item=item,
        service=service,
        diagnosis=t.diagnosis(),
    )


def t_gender(code):
    return m.Gender.objects.get_or_create(code=code, defaults={"name": code})[0]


def claim(w, day=DAY, insuree=None, items=(), services=(), **values):
    """An entered claim of `w`'s facility with one line per given item/service (the world's own by default)."""
    row = t.claim(insuree or w.head, w.hf, date_from=day, date_claimed=day, icd_id=w.diagnosis.pk, **values)
    for item in items or (w.item,):
        m.ClaimItem.objects.create(claim=row, item=item, qty_provided=1, price_asked=item.price, **_versioned())
    for service in services or (w.service,):
        m.ClaimService.objects.create(
            claim=row, service=service, qty_provided=1, price_asked=service.price, **_versioned()
        )
    return row


def earlier_claim(w, day, status=4, **values):
    """A claim already past entry (counted by frequency, limits and maxima)."""
    return claim(w, day=day, status=status, **values)
