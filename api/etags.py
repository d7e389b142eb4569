"""ETags of single resources: every single-resource GET sends one, PATCH and DELETE check it (If-Match).

The tag is `legacy.services.etag` (a hash of every mapped column, so a legacy-style update between a GET
and a PATCH changes it), as a strong, quoted HTTP tag.
"""

from legacy.services import etag


def quoted(instance):
    """The tag of a full row."""
    return f'"{etag(instance)}"'


def fresh_etag(instance):
    """The tag of `instance`'s full row: from `instance` itself when every column was loaded, else re-read
    (sparse fieldsets load only some columns)."""
    if not instance.get_deferred_fields():
        return quoted(instance)
    full = type(instance)._default_manager.filter(pk=instance.pk).first()
    return quoted(full) if full is not None else None
