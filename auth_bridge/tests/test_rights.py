"""Rights come from the legacy tables (current user roles -> current, unblocked roles -> current rights)."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from auth_bridge import codes
from auth_bridge import testing as t
from auth_bridge.permissions import HasLegacyRight
from auth_bridge.rights import principal_for

from .conftest import as_django_user

pytestmark = pytest.mark.django_db(databases=["default", "legacy"])


class InsureeProbe(APIView):
    """A tiny DRF view guarded like the API's resources."""

    permission_classes = [HasLegacyRight]
    required_rights = codes.required_rights("insuree")

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True}, status=201)


def call(method, token=None):
    factory = APIRequestFactory()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    request = getattr(factory, method)("/probe", {}, format="json", **headers)
    return InsureeProbe.as_view()(request)


def test_codes_follow_the_legacy_enumeration():
    assert codes.Right.INSUREE_READ == 101101 and codes.Right.FAMILY_ADD == 101002 and codes.Right.CLAIM_EDIT == 111010
    assert codes.required_rights("policy") == {"GET": 101201, "POST": 101202, "PATCH": 101203, "DELETE": 101204}
    assert codes.RIGHTS["location"]["regions"] == 121906


def test_rights_of_current_roles_only():
    tree = t.location_tree()
    live = t.role("Clerk", rights=[codes.Right.INSUREE_READ])
    blocked = t.role("Blocked", rights=[codes.Right.INSUREE_ADD], is_blocked=True)
    deleted = t.role("Deleted", rights=[codes.Right.INSUREE_EDIT])
    t.delete_legacy(deleted)
    row = t.legacy_user("clerk", "pw", districts=[tree.district], roles=[live, blocked, deleted], health_facility=None)
    old_right = t.add_right(live, codes.Right.INSUREE_DELETE)
    t.delete_legacy(old_right)
    principal = principal_for(as_django_user(row))
    assert principal.rights == {codes.Right.INSUREE_READ}
    assert not principal.is_admin and principal.district_ids == {tree.district.pk}
    assert principal.legacy_user_id == row.pk == principal.audit_user_id


def test_administrator_needs_a_current_unblocked_is_system_64_role():
    row = t.admin()
    assert principal_for(as_django_user(row)).is_admin
    admin_role = row.user_roles.get().role
    t.update_legacy(admin_role, is_blocked=True)
    assert not principal_for(as_django_user(row)).is_admin
    t.update_legacy(admin_role, is_blocked=False)
    user_role = row.user_roles.get(validity_to__isnull=True)
    t.delete_legacy(user_role)
    assert not principal_for(as_django_user(row)).is_admin


def test_right_added_or_removed_in_legacy_is_seen_on_the_next_request():
    role = t.role("Clerk", rights=[])
    t.legacy_user("clerk", "pw", roles=[role])
    token = t.token_login("clerk", "pw")
    assert call("get", token).status_code == 403
    right = t.add_right(role, codes.Right.INSUREE_READ)
    assert call("get", token).status_code == 200
    t.delete_legacy(right)
    assert call("get", token).status_code == 403


def test_permission_matrix_anonymous_no_right_right_admin():
    clerk = t.legacy_user("reader", "pw", roles=[t.role("Reader", rights=[codes.Right.INSUREE_READ])])
    t.admin()
    assert call("get").status_code == 401
    reader = t.token_login("reader", "pw")
    assert call("get", reader).status_code == 200
    assert call("post", reader).status_code == 403
    admin = t.token_login("Admin", "admin123")
    assert call("get", admin).status_code == 200 and call("post", admin).status_code == 201
    t.delete_legacy(clerk)
    assert call("get", reader).status_code == 401  # the token died with the legacy user


def test_method_without_declared_right_is_refused():
    t.admin()
    admin = t.token_login("Admin", "admin123")
    factory = APIRequestFactory()
    request = factory.put("/probe", {}, format="json", HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert InsureeProbe.as_view()(request).status_code in (403, 405)

    class NoRights(InsureeProbe):
        required_rights = {}

    request = factory.get("/probe", HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert NoRights.as_view()(request).status_code == 403


def test_deleted_legacy_user_has_no_principal():
    row = t.legacy_user("x", "pw", roles=[t.role(rights=[codes.Right.INSUREE_READ])])
    user = as_django_user(row)
    assert principal_for(user) is not None
    t.delete_legacy(row)
    assert principal_for(get_user_model().objects.get(pk=user.pk)) is None


def test_technical_client_principal(capsys):
    from django.core.management import call_command

    tree = t.location_tree("T")
    call_command("create_api_client", "etl", "--rights", str(codes.Right.FAMILY_READ), "--district", tree.district.code)
    capsys.readouterr()
    principal = principal_for(get_user_model().objects.get(username="etl"))
    assert principal.kind == "client" and principal.legacy_user_id is None
    assert principal.rights == {codes.Right.FAMILY_READ} and principal.district_ids == {tree.district.pk}
    assert principal.is_scoped


def test_create_api_client_rejects_bad_input():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("create_api_client", "a", "--rights", "12x")
    with pytest.raises(CommandError):
        call_command("create_api_client", "a", "--rights", "999999")
    with pytest.raises(CommandError):
        call_command("create_api_client", "a", "--rights", "101101", "--district", "NOPE")
    assert not get_user_model().objects.filter(username="a").exists()


def test_plain_state_users_have_no_principal_but_superusers_are_operators():
    User = get_user_model()
    assert principal_for(User.objects.create(username="plain")) is None
    operator = principal_for(User.objects.create(username="root", is_superuser=True))
    assert operator.is_admin and operator.kind == "operator"
    assert principal_for(User.objects.create(username="off", is_superuser=True, is_active=False)) is None


def test_a_link_to_a_reused_user_id_grants_nothing():
    row = t.legacy_user("first", "pw", roles=[t.role(rights=[codes.Right.INSUREE_READ])])
    user = as_django_user(row)
    assert principal_for(user) is not None
    from legacy.models import User as LegacyUser

    LegacyUser.objects.filter(pk=row.pk).update(uuid=row.uuid.upper())  # SQL Server spells UUIDs upper case
    assert principal_for(get_user_model().objects.get(pk=user.pk)) is not None
    LegacyUser.objects.filter(pk=row.pk).update(uuid=t.new_uuid())  # e.g. another database restored
    assert principal_for(get_user_model().objects.get(pk=user.pk)) is None
    from django.contrib.auth import authenticate

    assert authenticate(None, username="first", password="pw") is None


def test_rights_roles_and_districts_changed_in_legacy_count_on_the_next_request_at_no_extra_statement(settings):
    """Item 4 of the security round: no rights cache to wait for (60 s before), and the rights travel in
    the statement that reads the user's row anyway."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    settings.RIGHTS_CACHE_SECONDS = 60  # the old default cache time: must not matter any more
    tree, other = t.location_tree("V"), t.location_tree("W")
    role = t.role("Clerk", rights=[codes.Right.INSUREE_READ])
    row = t.legacy_user("clerk", "pw", roles=[role], districts=[tree.district])
    token = t.token_login("clerk", "pw")

    def me():
        with (
            CaptureQueriesContext(connections["legacy"]) as legacy,
            CaptureQueriesContext(connections["default"]) as state,
        ):
            body = APIClient().get("/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
        rights = [right["code"] for right in body["rights"]]
        return (rights, body["districtIds"], body["isAdmin"]), (len(legacy), len(state))

    def cheap(result):  # the same legacy statements; the token row at most (a worker remembers it 2 s)
        seen, (legacy, state) = result
        assert legacy == cost[0] and state <= 1, (legacy, state)
        return seen

    first, cost = me()
    assert first == ([codes.Right.INSUREE_READ], [tree.district.pk], False)
    assert (
        cost[1] == 1
    )  # the token; on the legacy side the user's row with its rights (+ what /me shows: roles, districts)
    t.add_right(role, codes.Right.FAMILY_READ)
    t.delete_legacy(row.districts.get())
    t.add_district(row, other.district)
    assert cheap(me()) == ([codes.Right.FAMILY_READ, codes.Right.INSUREE_READ], [other.district.pk], False)
    t.assign_role(row, t.role("IMIS Administrator", is_system=64))
    assert me()[0][2] is True
    t.update_legacy(role, is_blocked=True)
    t.delete_legacy(row.user_roles.get(role__is_system=64))
    assert cheap(me()) == ([], [other.district.pk], False)


def test_the_principal_is_resolved_once_at_authentication_and_is_immutable():
    import dataclasses

    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from auth_bridge.cache import request_cache
    from auth_bridge.rights import establish
    from auth_bridge.scoping import visible
    from legacy import models as m

    tree = t.location_tree("P")
    row = t.legacy_user(
        "reader", "pw", roles=[t.role("Reader", rights=[codes.Right.INSUREE_READ])], districts=[tree.district]
    )
    user = as_django_user(row)
    with request_cache():
        principal = establish(user)
        with pytest.raises(dataclasses.FrozenInstanceError):
            principal.rights = frozenset({codes.Right.FAMILY_READ})
        with CaptureQueriesContext(connections["legacy"]) as legacy:
            assert principal_for(user) is principal  # the gate, the permissions and the writes get this value
            list(visible(m.Insuree.objects.all(), user))
            list(visible(m.Insuree.objects.all(), principal))
        assert len(legacy) == 2  # the two reads themselves: no user row, no rights read again
