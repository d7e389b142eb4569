"""Rights, scope, read-only mode, malformed documents, and the actor written to the logs."""

import json
import logging

import pytest

from auth_bridge import codes
from auth_bridge import testing as t
from legacy.models import Insuree

from .client import counts, doc, pointers

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])

WRITES = ("post", "patch", "delete")


def _attempt(writer, method, row, tag="*"):
    if method == "post":
        return writer.post(
            "/api/insurees",
            doc(
                "insurees",
                {"chfId": "9", "lastName": "X", "otherNames": "Y", "dob": "2000-01-01"},
                {"family": ("families", row.family.uuid)},
            ),
        )
    url = f"/api/insurees/{row.uuid}"
    if method == "patch":
        return writer.patch(url, doc("insurees", {"phone": "2"}, id=row.uuid), tag)
    return writer.delete(url, tag)


@pytest.mark.parametrize("method", WRITES)
def test_without_the_legacy_right_it_is_403(reader, tree, method):
    member = t.insuree(t.family(tree.village))
    before = counts()
    status, document, _ = _attempt(reader, method, member)
    assert status == 403 and document["errors"][0]["status"] == "403"
    assert counts() == before


@pytest.mark.parametrize("method", WRITES)
def test_outside_the_clerks_districts_it_is_404(clerk, other_tree, method):
    member = t.insuree(t.family(other_tree.village))
    before = counts()
    status, _, _ = _attempt(clerk, method, member)
    assert status == 404
    assert counts() == before


@pytest.mark.parametrize("method", WRITES)
def test_inside_the_clerks_districts_it_works(clerk, tree, method):
    member = t.insuree(t.family(tree.village))
    status, _, _ = _attempt(clerk, method, member, clerk.etag(f"/api/insurees/{member.uuid}"))
    assert status in (200, 201, 204)


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("type_", ["families", "insurees", "policies", "premiums", "locations", "health-facilities"])
def test_read_only_mode_is_405_on_every_write(admin, tree, settings, method, type_):
    fam = t.family(tree.village)
    before = counts()
    settings.LEGACY_READ_ONLY = True
    url = f"/api/{type_}" if method == "post" else f"/api/{type_}/{fam.uuid}"
    status, document, _ = getattr(admin, method)(url, *((doc(type_, {}),) if method != "delete" else ()))
    assert status == 405 and document["errors"][0]["status"] == "405"
    assert counts() == before
    assert admin.get(f"/api/families/{fam.uuid}")[0] == 200


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_read_only_mode_answers_anonymous_writes_401_before_405(tree, settings, client, method):
    fam = t.family(tree.village)
    settings.LEGACY_READ_ONLY = True
    url = "/api/families" if method == "post" else f"/api/families/{fam.uuid}"
    response = getattr(client, method)(url, data="{}", content_type="application/vnd.api+json")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_put_stays_405(admin, tree):
    fam = t.family(tree.village)
    response = admin.client.put(f"/api/families/{fam.uuid}", data="{}", content_type="application/vnd.api+json")
    assert response.status_code == 405


@pytest.mark.parametrize(
    "body, status, pointer",
    [
        ("not json", 400, None),
        ("[]", 400, ""),
        ('{"data": []}', 400, "/data"),
        ('{"data": {"attributes": {}}}', 400, "/data/type"),
        ('{"data": {"type": "families"}}', 409, "/data/type"),
        ('{"data": {"type": "insurees", "id": "x"}}', 400, "/data/id"),  # a client id must be a UUID
        ('{"data": {"type": "insurees", "attributes": []}}', 400, "/data/attributes"),
        ('{"data": {"type": "insurees", "relationships": {"family": "x"}}}', 400, "/data/relationships/family"),
        (
            '{"data": {"type": "insurees", "relationships": {"family": {"data": {"id": 1}}}}}',
            400,
            "/data/relationships/family/data",
        ),
        (
            '{"data": {"type": "insurees", "relationships": {"family": {"data": {"type": "genders", "id": "M"}}}}}',
            422,
            "/data/relationships/family/data/type",
        ),
        (
            '{"data": {"type": "insurees", "relationships": {"claims": {"data": []}}}}',
            422,
            "/data/relationships/claims",
        ),
        (
            '{"data": {"type": "insurees", "relationships": {"family": {"data": {"type": "families", "id": "nope"}}}}}',
            404,
            "/data/relationships/family",
        ),
    ],
)
def test_malformed_documents(admin, tree, body, status, pointer):
    t.family(tree.village)
    before = counts()
    got, document, _ = admin.post("/api/insurees", body=body)
    assert got == status, document
    if pointer is not None:
        assert pointers(document) == [pointer]
    assert counts() == before


def test_patch_id_must_match_the_url(admin, tree):
    fam = t.family(tree.village)
    url = f"/api/insurees/{fam.head.uuid}"
    status, document, _ = admin.patch(url, doc("insurees", {"phone": "1"}, id=fam.uuid), admin.etag(url))
    assert status == 409 and pointers(document) == ["/data/id"]


def test_the_write_log_names_the_actor_by_login_and_never_secrets(
    admin, admin_row, tree, caplog, django_capture_on_commit_callbacks
):
    member = t.insuree(t.family(tree.village))
    url = f"/api/insurees/{member.uuid}"
    received = []

    from legacy.services import post_write

    def receiver(sender, action, entity, actor, **kwargs):
        received.append((sender, action, entity.pk, actor.audit_user_id, actor.label))

    post_write.connect(receiver)
    try:
        with (
            caplog.at_level(logging.INFO, logger="legacy.writes"),
            django_capture_on_commit_callbacks(using="legacy", execute=True),
        ):
            status, _, _ = admin.patch(
                url, doc("insurees", {"phone": "secret-ish 123"}, id=member.uuid), admin.etag(url)
            )
    finally:
        post_write.disconnect(receiver)
    assert status == 200
    assert received == [(Insuree, "update", member.pk, admin_row.pk, "Admin")]
    lines = [r.getMessage() for r in caplog.records if r.name == "legacy.writes"]
    assert len(lines) == 1 and "Admin" in lines[0] and f"id={member.pk}" in lines[0]
    text = json.dumps(lines)
    for secret in ("admin123", admin_row.private_key, admin_row.stored_password, "secret-ish"):
        assert secret not in text


def test_a_technical_client_writes_as_the_configured_audit_user(
    tree, settings, caplog, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from auth_bridge import codes
    from auth_bridge.models import ApiClient

    from .client import Writer

    settings.LEGACY_AUDIT_USER_ID = 42
    user = get_user_model().objects.create(username="sync-job")
    ApiClient.objects.create(
        user=user, rights=[codes.Right.INSUREE_READ, codes.Right.INSUREE_EDIT], district_ids=[tree.district.pk]
    )
    client = Writer(user)
    member = t.insuree(t.family(tree.village))
    url = f"/api/insurees/{member.uuid}"
    with (
        caplog.at_level(logging.INFO, logger="legacy.writes"),
        django_capture_on_commit_callbacks(using="legacy", execute=True),
    ):
        status, _, _ = client.patch(url, doc("insurees", {"phone": "5"}, id=member.uuid), client.etag(url))
    assert status == 200
    assert Insuree.objects.get(pk=member.pk).audit_user_id == 42
    assert any("(client:sync-job)" in r.getMessage() for r in caplog.records if r.name == "legacy.writes")


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_row_moved_out_of_scope_by_the_legacy_app_mid_request_is_not_written(
    clerk, tree, other_tree, monkeypatch, method
):
    """The legacy application moves the family to another district after the API's first scope check, just
    before the write's transaction: the gate is evaluated again in the statement that locks the row."""
    from api.writes.views import WriteActions

    member = t.insuree(t.family(tree.village))
    tag = clerk.etag(f"/api/insurees/{member.uuid}")
    real_run = WriteActions._run

    def legacy_move_then_run(self, write, **kwargs):
        t.update_legacy(member.family, location=other_tree.village)
        return real_run(self, write, **kwargs)

    monkeypatch.setattr(WriteActions, "_run", legacy_move_then_run)
    status, _, _ = _attempt(clerk, method, member, tag)
    assert status == 404
    row = Insuree.objects.get(pk=member.pk)
    assert (row.phone, row.validity_to) == (member.phone, None)
    assert not Insuree.objects.filter(legacy_id=member.pk).exists()  # no history copy: nothing was written


@pytest.mark.parametrize("field", ["code", "parent"])
def test_a_clerk_may_not_recode_or_move_a_district_that_bounds_her_scope(tree, other_tree, field):
    from .client import Writer
    from .conftest import ALL_WRITES

    row = t.clerk("ClerkAB", "pw", tree.district, ALL_WRITES)
    t.add_district(row, other_tree.district)  # both regions are visible to her: a move would be possible
    clerk = Writer.of(row)
    url = f"/api/locations/{tree.district.uuid}"
    if field == "code":
        document = doc("locations", {"code": "AX"}, id=tree.district.uuid)
    else:
        document = doc("locations", {}, {"parent": ("locations", other_tree.region.uuid)}, id=tree.district.uuid)
    before = counts()
    status, answer, _ = clerk.patch(url, document, clerk.etag(url))
    assert status in (400, 404, 422), answer  # 404: a scoped user never attaches anything to a region
    assert pointers(answer) == [f"/data/{'attributes' if field == 'code' else 'relationships'}/{field}"]
    assert counts() == before
    ward_url = f"/api/locations/{tree.ward.uuid}"  # below her districts, locations are hers to change
    assert clerk.patch(ward_url, doc("locations", {"code": "AW2"}, id=tree.ward.uuid), clerk.etag(ward_url))[0] == 200


def test_the_regions_right_lets_a_scoped_user_recode_her_district(tree):
    from .client import Writer
    from .conftest import ALL_WRITES

    regional = Writer.of(t.clerk("Regional", "pw", tree.district, [*ALL_WRITES, codes.Right.LOCATION_REGIONS]))
    url = f"/api/locations/{tree.district.uuid}"
    status, document, _ = regional.patch(
        url, doc("locations", {"code": "AD2"}, id=tree.district.uuid), regional.etag(url)
    )
    assert status == 200, document


def test_an_api_client_stays_bound_to_its_district_when_codes_are_reassigned(tree, other_tree):
    """`create_api_client --district AD` binds the district's id: giving the code to another district later
    (legacy admin, or a PATCH) does not hand the client that district's families."""
    from io import StringIO

    from django.core.management import call_command
    from rest_framework.test import APIClient

    out = StringIO()
    call_command(
        "create_api_client",
        "reporting",
        "--rights",
        str(codes.Right.FAMILY_READ),
        "--district",
        "AD",
        stdout=out,
        stderr=StringIO(),
    )
    token = out.getvalue().strip()
    mine, theirs = t.family(tree.village), t.family(other_tree.village)
    t.update_legacy(tree.district, code="AD-OLD")
    t.update_legacy(other_tree.district, code="AD")

    def seen():
        body = (
            APIClient()
            .get("/api/families", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/vnd.api+json")
            .json()
        )
        return {item["id"] for item in body["data"]}

    assert seen() == {mine.uuid.lower()}
    assert theirs.uuid.lower() not in seen()
