"""Names of the legacy object types that can carry grants, for the grant/revoke commands."""

from legacy import models as m

GRANTABLE = {
    "family": m.Family,
    "insuree": m.Insuree,
    "policy": m.Policy,
    "premium": m.Premium,
    "claim": m.Claim,
    "product": m.Product,
    "health-facility": m.HealthFacility,
    "location": m.Location,
    "officer": m.Officer,
    "user": m.User,
}


def model_for(name):
    key = name.strip().lower().replace("_", "-")
    aliases = {"healthfacility": "health-facility", "hf": "health-facility", "contribution": "premium"}
    return GRANTABLE.get(aliases.get(key, key))


def current_by_uuid(model, value):
    """The current row with this UUID, compared case-insensitively (keeps index use)."""
    return model.objects.current().filter(uuid__in=[value.lower(), value.upper()]).first()
