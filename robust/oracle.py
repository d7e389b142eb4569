"""An independent oracle of what a scoped legacy user may read, for checking API responses.

It re-derives the legacy scoping rules (auth_bridge/rules.py docstring) in plain Python, walking the
location tree and foreign keys row by row, without `auth_bridge.scoping` or any Q object from it: a bug
in the read gate then shows up as a row the API returned that this oracle does not admit.
"""

from legacy import models as m

PUBLIC = (
    m.Gender,
    m.Education,
    m.Profession,
    m.Relation,
    m.FamilyType,
    m.ConfirmationType,
    m.Item,
    m.Service,
    m.Role,
    m.RoleRight,
)


class ScopeOracle:
    """Visible primary keys per model for one legacy user (no object grants)."""

    def __init__(self, legacy_user):
        self.user = legacy_user
        self.refresh()

    def refresh(self):
        """Forget what was computed: after a write, rows and their locations may have changed."""
        self.districts = {
            d.location_id for d in m.UserDistrict.objects.filter(user_id=self.user.pk, validity_to__isnull=True)
        }
        self.locations = {row.pk: row for row in m.Location.objects.all()}
        self._cache = {}

    def _district_of(self, location_id):
        """The district above (or at) a location, following ParentLocationId; None if there is none."""
        row = self.locations.get(location_id)
        while row is not None and row.type not in ("D", "R"):
            row = self.locations.get(row.parent_id)
        if row is None or row.type != "D":
            return None
        return row.legacy_id or row.pk

    def _in_scope(self, location_id):
        return location_id is not None and self._district_of(location_id) in self.districts

    def visible(self, model):
        """Primary keys of `model` rows this user may read (None: every row is public)."""
        if model in PUBLIC:
            return None
        if model not in self._cache:
            self._cache[model] = self._compute(model)
        return self._cache[model]

    def _compute(self, model):
        if model is m.Location:
            regions = {self.locations[d].parent_id for d in self.districts if d in self.locations}
            return {pk for pk, row in self.locations.items() if self._in_scope(pk) or pk in regions}
        if model is m.Family:
            return {f.pk for f in m.Family.objects.only("location_id") if self._in_scope(f.location_id)}
        if model is m.Insuree:
            return self._through(m.Insuree, "family_id", m.Family)
        if model is m.Policy:
            return self._through(m.Policy, "family_id", m.Family)
        if model in (m.Premium, m.InsureePolicy):
            return self._through(model, "policy_id", m.Policy)
        if model in (m.HealthFacility, m.Officer):
            return {r.pk for r in model.objects.only("location_id") if r.location_id in self.districts}
        if model is m.Claim:
            hf = self.user.health_facility_id
            facilities = {hf} if hf is not None else self.visible(m.HealthFacility)
            return {c.pk for c in m.Claim.objects.only("health_facility_id") if c.health_facility_id in facilities}
        if model in (m.ClaimItem, m.ClaimService, m.Feedback):
            return self._through(model, "claim_id", m.Claim)
        if model is m.Product:
            regions = {self.locations[d].parent_id for d in self.districts if d in self.locations}
            return {
                p.pk
                for p in m.Product.objects.only("location_id")
                if p.location_id is None or p.location_id in self.districts | regions
            }
        if model is m.User:
            sharing = {
                d.user_id
                for d in m.UserDistrict.objects.filter(validity_to__isnull=True)
                if d.location_id in self.districts
            } | {self.user.pk}
            return {u.pk for u in m.User.objects.only("legacy_id") if u.pk in sharing or u.legacy_id in sharing}
        raise LookupError(f"no oracle rule for {model.__name__}")

    def _through(self, model, fk, parent):
        allowed = self.visible(parent)
        return {row.pk for row in model.objects.only(fk) if getattr(row, fk) in allowed}


def resource_keys(site):
    """type -> (model, id attribute) for every resource of an api.site.Site."""
    return {type_: (resource.model, resource.id_field) for type_, resource in site.resources.items()}


def out_of_scope(document, oracle, site):
    """(type, id) pairs of `document` (data and included) that the oracle does not admit."""
    keys = resource_keys(site)
    objects = document.get("data")
    objects = objects if isinstance(objects, list) else [objects] if isinstance(objects, dict) else []
    objects = objects + list(document.get("included") or [])
    wanted = {}
    for obj in objects:
        if obj.get("type") in keys:
            wanted.setdefault(obj["type"], set()).add(str(obj["id"]))
    leaks = []
    for type_, ids in wanted.items():
        model, id_field = keys[type_]
        allowed = oracle.visible(model)
        if allowed is None:
            continue
        lookup = ids if id_field != "uuid" else {v for i in ids for v in (i.lower(), i.upper())}
        found = {
            str(getattr(row, id_field)).lower() if id_field == "uuid" else str(getattr(row, id_field)): row.pk
            for row in model.objects.filter(**{f"{id_field}__in": lookup})
        }
        leaks += [(type_, i) for i in ids if found.get(i.lower() if id_field == "uuid" else i) not in allowed]
    return leaks
