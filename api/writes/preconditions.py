"""If-Match: optimistic concurrency with the legacy application on the same rows (tags: `api.etags`).

`API_REQUIRE_IF_MATCH` (default true) makes a PATCH or DELETE without If-Match a 428; when false, such a
request overwrites whatever is current. The value is checked by `legacy.services` under the row lock.
"""

from django.conf import settings

from ..errors import PreconditionRequired


def required_if_match(value):
    """The If-Match value (header, or an atomic operation's `meta.ifMatch`) to check under the row lock, or
    None when none was sent and the check is switched off."""
    value = value.strip() if isinstance(value, str) else ""
    if value:
        return value
    if getattr(settings, "API_REQUIRE_IF_MATCH", True):
        raise PreconditionRequired()
    return None


def if_match(request):
    """The If-Match header to check under the row lock, or None when the check is switched off."""
    return required_if_match(request.META.get("HTTP_IF_MATCH"))
