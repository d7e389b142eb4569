"""Client-generated ids (offline enrolment): a UUID in `data.id` on create; again 409; malformed 400; 403
where a type takes none. Nothing is written when refused."""

import uuid
from types import SimpleNamespace

import pytest

from api.errors import Forbidden
from api.writes import documents
from auth_bridge import testing as t
from legacy.models import Family, Insuree, Location

from .. import builders
from .client import counts, doc, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

HEAD = {"chfId": "070000011", "lastName": "Doe", "otherNames": "John", "dob": "1985-02-03", "gender": "M"}


def test_a_family_and_a_member_created_with_client_ids(admin, tree):
    builders.gender()
    family_id, member_id = str(uuid.uuid4()), str(uuid.uuid4()).upper()
    body = doc("families", {"head": HEAD}, {"location": ("locations", tree.village.uuid)}, id=family_id)
    status, document, response = admin.post("/api/families", body)
    assert status == 201, document
    assert document["data"]["id"] == family_id and response["Location"].endswith(f"/api/families/{family_id}")
    assert Family.objects.get(uuid=family_id).validity_to is None
    status, document, _ = admin.post(
        "/api/insurees",
        doc(
            "insurees",
            {"chfId": "070000012", "lastName": "Doe", "otherNames": "Jane", "dob": "1990-04-01"},
            {"family": ("families", family_id), "gender": ("genders", "M")},
            id=member_id,
        ),
    )
    assert status == 201, document
    assert document["data"]["id"] == member_id.lower() == Insuree.objects.get(chf_id="070000012").uuid


def test_the_same_id_again_is_409_and_writes_nothing(admin, tree):
    used = tree.village.uuid  # any row of the table, current or not
    before = counts()
    body = doc("locations", {"code": "NEWV1", "name": "New"}, {"parent": ("locations", tree.ward.uuid)}, id=used)
    body["data"]["attributes"]["locationType"] = "V"
    status, document, _ = admin.post("/api/locations", body)
    assert status == 409, document
    assert pointers(document) == ["/data/id"] and counts() == before
    fresh = str(uuid.uuid4())
    body["data"]["id"] = fresh
    assert admin.post("/api/locations", body)[0] == 201
    body["data"]["attributes"]["code"] = "NEWV2"
    assert admin.post("/api/locations", body)[0] == 409
    assert Location.objects.filter(uuid=fresh).count() == 1


@pytest.mark.parametrize(
    "bad", ["x", "1234", 17, None, "{" + str(uuid.uuid4()) + "}", str(uuid.uuid4()).replace("-", "")]
)
def test_a_malformed_id_is_400_with_its_pointer(admin, tree, bad):
    fam = t.family(tree.village)
    before = counts()
    body = doc("insurees", {"chfId": "1", "lastName": "A", "otherNames": "B", "dob": "2000-01-01"})
    body["data"]["relationships"] = {"family": {"data": {"type": "families", "id": fam.uuid}}}
    body["data"]["id"] = bad
    status, document, _ = admin.post("/api/insurees", body)
    assert status == 400 and pointers(document) == ["/data/id"] and counts() == before


def test_a_type_that_takes_no_client_ids_is_403():
    rules = SimpleNamespace(client_ids=False, relations={}, nested={}, read_only=frozenset())
    resource = SimpleNamespace(type="claims")
    with pytest.raises(Forbidden) as refused:
        documents.parse({"data": {"type": "claims", "id": str(uuid.uuid4())}}, resource, rules)
    assert refused.value.status_code == 403 and refused.value.error_objects[0]["source"] == {"pointer": "/data/id"}
