"""Tell the rest of the system about committed writes, and log them.

`post_write` is sent once per created/updated/deleted row, after the legacy transaction commits (a
rolled-back write sends nothing). Receivers get:
    sender   the model class (e.g. legacy.models.Insuree)
    action   "create" | "update" | "delete"
    entity   the current row after the write (for a delete: the row as logically deleted)
    actor    the legacy.services.actor.Actor who wrote
    before   {attname: value} before the write (None for a create)
    after    {attname: value} after the write
    history_id  id of the history copy written (None for a create)
Receivers run with send_robust: a failing receiver is logged and never undoes a committed write.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

from legacy.routers import LEGACY_DB

post_write = Signal()

log = logging.getLogger("legacy.writes")


def announce(model, action, entity, actor, before, after, history_id=None):
    """Schedule the log line and the signal for when the current legacy transaction commits."""
    changed = sorted(k for k in (after or {}) if before is not None and before.get(k) != after.get(k))

    def send():
        # Ids and field names only: values may be personal data, passwords or keys.
        log.info(
            "%s %s id=%s uuid=%s history_id=%s by audit_user_id=%s (%s) fields=%s",
            action,
            model._meta.db_table,
            entity.pk,
            getattr(entity, "uuid", None),
            history_id,
            actor.audit_user_id,
            actor.label or "-",
            ",".join(changed) or "-",
        )
        for receiver, result in post_write.send_robust(
            sender=model,
            action=action,
            entity=entity,
            actor=actor,
            before=before,
            after=after,
            history_id=history_id,
        ):
            if isinstance(result, Exception):
                log.error("post_write receiver %r failed: %r", receiver, result)

    transaction.on_commit(send, using=LEGACY_DB)
