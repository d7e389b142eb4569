"""System checks: refuse OIDC without an audience, warn loudly about risky gateway settings."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def oidc_audience_check(app_configs, **kwargs):
    if settings.AUTH_OIDC_ISSUER and not settings.AUTH_OIDC_AUDIENCE:
        return [
            Error(
                "AUTH_OIDC_ISSUER is set but AUTH_OIDC_AUDIENCE is empty: tokens the identity provider issued "
                "for any other client would be accepted.",
                hint="Set AUTH_OIDC_AUDIENCE to this API's client id (the `aud` its tokens carry). "
                "Until then OIDC tokens are refused.",
                id="auth_bridge.E001",
            )
        ]
    return []


@register()
def trusted_header_check(app_configs, **kwargs):
    if not settings.AUTH_TRUSTED_HEADER:
        return []
    hint = (
        "Only enable it when the API port is reachable exclusively through the gateway, which must strip the "
        "header from client requests; list the gateway's addresses in AUTH_TRUSTED_PROXIES."
    )
    if not settings.AUTH_TRUSTED_PROXIES:
        return [
            Warning(
                f"AUTH_TRUSTED_HEADER={settings.AUTH_TRUSTED_HEADER!r} is accepted from any address: "
                "anyone reaching the API can log in as anyone.",
                hint=hint,
                id="auth_bridge.W001",
            )
        ]
    return [
        Warning(
            f"AUTH_TRUSTED_HEADER={settings.AUTH_TRUSTED_HEADER!r} is on: requests from "
            f"{', '.join(settings.AUTH_TRUSTED_PROXIES)} are trusted to name the user.",
            hint=hint,
            id="auth_bridge.W002",
        )
    ]
