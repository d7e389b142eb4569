"""Logging in with a legacy login name and password."""

from behave import then, when

from auth_bridge.models import ApiToken
from features import world as w


@when('{who} logs in with the password "{password}"')
def step_log_in(context, who, password):
    someone = w.person(context, who)
    context.world.login = w.log_in(context, someone.login, password)


@then("{who} receives an access token")
def step_token(context, who):
    response = context.world.login
    assert response.status_code == 201, f"expected a token (201), got {response.status_code}: {response.content!r}"
    w.person(context, who).token = response.json()["token"]


@then("with it the API knows {who} as a clerk of district {district}")
def step_known_as(context, who, district):
    someone = w.person(context, who)
    response = context.test.client.get("/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {someone.token}")
    assert response.status_code == 200, response.content
    me = response.json()
    assert me["legacyUserId"] == someone.row.pk, me
    assert not me["isAdmin"], me
    assert me["districtIds"] == [w.district(context, district).row.pk], me


@then("{who} is refused")
def step_refused(context, who):
    response = context.world.login
    assert response.status_code == 401, f"expected a refusal (401), got {response.status_code}: {response.content!r}"


@then("the refusal reads exactly like the one for a login name that does not exist")
def step_same_refusal(context):
    unknown = w.log_in(context, "nobody-by-that-name", "whatever")
    refusal = context.world.login
    assert (refusal.status_code, refusal.content) == (unknown.status_code, unknown.content), (
        refusal.content,
        unknown.content,
    )


@then("{who} receives no access token")
def step_no_token(context, who):
    body = context.world.login.json()
    assert "token" not in body, body
    assert not ApiToken.objects.exists(), "a token was stored"
