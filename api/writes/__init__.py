"""Writes through the API: JSON:API documents -> legacy.services, with gates, rights and If-Match.

A resource becomes writable with `mixins=(writable(Writes(create=..., update=..., delete=..., ...)),)`
in its module and the method rights in `rights` (see api/README.md, "Writes").
"""

from .gates import CHANGE, VIEW
from .views import Writes, writable, writes_of

__all__ = ["CHANGE", "VIEW", "Writes", "writable", "writes_of"]
