"""Writes through the API and the legacy history they leave (legacy_history.feature)."""

from behave import then, when

from auth_bridge import testing as t
from features import world as w
from legacy import models as m
from legacy.services import etag


def _member(context):
    return m.Insuree.objects.get(pk=context.world.member.pk)


@when("{who} reads a family member in {district}")
def step_read_member(context, who, district):
    village = w.district(context, district).village
    member = m.Insuree.objects.current().filter(family__location=village, is_head=False).order_by("pk").first()
    response = w.get(context, w.person(context, who), f"/api/insurees/{member.uuid}")
    w.document(response)
    context.world.member, context.world.read_tag = member, response["ETag"]
    context.world.history_before = m.Insuree.objects.history_of(member).count()


@when('{who} changes the member\'s phone to "{phone}"')
def step_change_phone(context, who, phone):
    member = context.world.member
    body = {"data": {"type": "insurees", "id": member.uuid, "attributes": {"phone": phone}}}
    context.world.phone = phone
    context.world.response = w.request(
        context,
        w.person(context, who),
        "PATCH",
        f"/api/insurees/{member.uuid}",
        body,
        HTTP_IF_MATCH=context.world.read_tag,
    )


@when("the legacy application changes the member's email meanwhile")
def step_legacy_change(context):
    context.world.legacy_version = t.update_legacy(_member(context), email="changed@legacy.example")
    context.world.history_before += 1


@then("the change is accepted with a new version tag")
def step_accepted(context):
    response = context.world.response
    assert response.status_code == 200, f"expected 200, got {response.status_code}: {response.content[:300]!r}"
    assert response["ETag"] == f'"{etag(_member(context))}"' != context.world.read_tag


@then(
    "the member keeps its id and UUID, with the new phone, ValidityFrom the change time and her UserID as AuditUserID"
)
def step_current_row(context):
    before, now = context.world.member, _member(context)
    someone = context.world.actor
    assert (now.pk, now.uuid, now.phone) == (before.pk, before.uuid, context.world.phone)
    assert now.validity_to is None and now.validity_from > before.validity_from
    assert now.audit_user_id == someone.row.pk, (now.audit_user_id, someone.row.pk)


@then("the member's history holds the old version as the legacy application writes it")
def step_history_row(context):
    before, now = context.world.member, _member(context)
    history = list(m.Insuree.objects.history_of(before))
    assert len(history) == context.world.history_before + 1
    old = max(history, key=lambda row: row.validity_to)
    assert old.pk != before.pk and old.uuid != before.uuid and old.uuid == old.uuid.lower()
    assert (old.validity_from, old.audit_user_id, old.legacy_id) == (
        before.validity_from,
        before.audit_user_id,
        before.pk,
    )
    assert old.validity_to == now.validity_from and old.phone == before.phone
    context.world.old_version = old


@then("the history endpoint lists that old version")
def step_history_endpoint(context):
    member = context.world.member
    doc = w.document(w.get(context, context.world.actor, f"/api/insurees/{member.uuid}/history"))
    ids = [item["id"] for item in doc["data"]]
    assert context.world.old_version.uuid in ids, ids


@then("{who} is refused because the member changed since she read it")
def step_refused_stale(context, who):
    response = context.world.response
    assert response.status_code == 412, f"expected 412, got {response.status_code}: {response.content[:300]!r}"
    assert response["ETag"] == f'"{etag(_member(context))}"' != context.world.read_tag


@then("the member still has the legacy application's version, with no new history row")
def step_unchanged(context):
    now = _member(context)
    assert now.email == "changed@legacy.example" and now.phone == context.world.member.phone
    assert now.validity_from == context.world.legacy_version.validity_from
    assert m.Insuree.objects.history_of(now).count() == context.world.history_before
