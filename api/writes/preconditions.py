"""ETags and If-Match: optimistic concurrency with the legacy application on the same rows.

The tag is `legacy.services.etag` (a hash of every mapped column, so a legacy-style update between a GET
and a PATCH changes it). Strong tags, quoted. `API_REQUIRE_IF_MATCH` (default true) makes a PATCH or
DELETE without If-Match a 428; when false, such a request overwrites whatever is current.
"""

from django.conf import settings

from legacy.services import etag

from .errors import PreconditionRequired


def quoted(obj):
    return f'"{etag(obj)}"'


def fresh_etag(obj):
    """The tag of `obj`'s full row: from `obj` itself when every column was loaded, else re-read
    (sparse fieldsets load only some columns)."""
    if not obj.get_deferred_fields():
        return quoted(obj)
    full = type(obj)._default_manager.filter(pk=obj.pk).first()
    return quoted(full) if full is not None else None


def required_if_match(value):
    """The If-Match value (header, or an atomic operation's `meta.ifMatch`) to check under the row lock, or
    None when none was sent and the check is switched off."""
    value = value.strip() if isinstance(value, str) else ""
    if value:
        return value
    if getattr(settings, "API_REQUIRE_IF_MATCH", True):
        raise PreconditionRequired()
    return None
