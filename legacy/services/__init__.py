"""Writes to the legacy database that keep its history convention; every write goes through here.

history: create/update/delete for any versioned model. etags: optimistic concurrency.
families, insurees, policies, locations: the legacy rules that protect data, on top of history.
"""

from .actor import Actor, as_actor
from .errors import DuplicateId, NotCurrent, NotFound, PreconditionFailed, ValidationFailed, WriteError
from .etags import etag
from .history import Locked, create, delete, lock, update
from .signals import post_write

__all__ = [
    "Actor",
    "DuplicateId",
    "NotCurrent",
    "NotFound",
    "PreconditionFailed",
    "Locked",
    "ValidationFailed",
    "WriteError",
    "as_actor",
    "create",
    "delete",
    "etag",
    "lock",
    "post_write",
    "update",
]
