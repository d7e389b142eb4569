"""System checks: warn loudly about risky gateway settings (`manage.py check --deploy` shows them)."""

from django.conf import settings
from django.core.checks import Warning, register


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
