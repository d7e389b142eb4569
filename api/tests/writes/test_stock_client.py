"""A third-party JSON:API client (jsonapi-client) against a live server: create, update with If-Match, delete.

The client's model schema is derived from our registry (attributes and relationships of `insurees`), so the
test breaks if the documents stop being what a stock client expects.
"""

import pytest
import requests
from jsonapi_client import Session

from api.query import camel
from api.urls import site
from auth_bridge import testing as t
from legacy.models import Insuree

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "legacy"])

JSONAPI = "application/vnd.api+json"


def client_schema(type_):
    """jsonapi-client's model schema for one of our types: attributes, and relationships with their types."""
    resource = site.resources[type_]
    properties = {camel(name): {} for name in resource.attributes}  # any JSON value
    for name, relation in site.relations(resource).items():
        kind = "to-many" if relation.many else "to-one"
        properties[camel(name)] = {"relation": kind, "resource": [relation.target]}
    return {type_: {"properties": properties}}


def test_create_update_with_if_match_and_delete(live_server):
    t.admin()
    tree = t.location_tree("A")
    family = t.family(tree.village)
    api = f"{live_server.url}/api"
    token = requests.post(f"{api}/auth/token", json={"username": "Admin", "password": "admin123"}, timeout=30)
    headers = {"Authorization": f"Bearer {token.json()['token']}", "Accept": JSONAPI}
    options = {"headers": headers, "timeout": 30}
    session = Session(api, schema=client_schema("insurees"), request_kwargs=options)

    created = session.create(
        "insurees",
        fields={"chfId": "070000071", "lastName": "Doe", "otherNames": "Jane", "dob": "1990-04-01"},
        family=family.uuid,
    )
    created.commit()
    assert created.id and created.lastName == "Doe"
    row = Insuree.objects.current().get(uuid=created.id)
    assert row.family_id == family.pk and row.chf_id == "070000071"

    url = f"{api}/insurees/{created.id}"
    headers["If-Match"] = requests.get(url, headers=headers, timeout=30).headers["ETag"]
    fetched = session.get("insurees", created.id).resource
    fetched.phone = "+255 700 000 111"
    fetched.commit()
    assert Insuree.objects.current().get(uuid=created.id).phone == "+255 700 000 111"
    assert Insuree.objects.filter(legacy_id=row.pk).count() == 1  # the legacy history copy

    headers["If-Match"] = '"stale"'
    fetched.phone = "+255 1"
    with pytest.raises(Exception, match="412"):
        fetched.commit()

    headers["If-Match"] = requests.get(url, headers=headers, timeout=30).headers["ETag"]
    fetched.delete()
    # JSON:API's 204 for a delete without content; jsonapi-client (0.9) sends the DELETE, then parses the empty
    # body as JSON and raises: its limitation, the row is deleted
    with pytest.raises(requests.exceptions.JSONDecodeError):
        fetched.commit()
    assert Insuree.objects.get(pk=row.pk).validity_to is not None
