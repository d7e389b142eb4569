"""What a write can refuse, with enough detail for the API to answer 404/409/412/422."""


class WriteError(Exception):
    """Base of every refusal by the legacy writer; nothing was written when one is raised."""


class NotFound(WriteError):
    def __init__(self, model, pk):
        self.model, self.pk = model, pk
        super().__init__(f"{model._meta.db_table} row {pk!r} does not exist")


class NotCurrent(WriteError):
    """The row is a history copy or logically deleted: only current rows can change."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(f"{obj._meta.db_table} row {obj.pk} is not current (ValidityTo is set)")


class PreconditionFailed(WriteError):
    """The row changed since the client read it (its etag differs): HTTP 412 with the current etag."""

    def __init__(self, current_etag):
        self.current_etag = current_etag
        super().__init__(f"the row changed since it was read; current etag {current_etag}")


class DuplicateId(WriteError):
    """A client-chosen UUID that a row of the table (current, deleted or history) already has: HTTP 409."""

    def __init__(self, model, uuid):
        self.model, self.uuid = model, uuid
        super().__init__(f"{model._meta.db_table} already has a row with UUID {uuid}")


class ValidationFailed(WriteError):
    """Invalid values: HTTP 422, one JSON:API error per message with a source.pointer.

    Keys: a model field name (`dob`, `family` for the FamilyID relation), `head.<field>` for the head
    insuree sent with a new family, or `__all__` (django NON_FIELD_ERRORS) for a rule on the whole row.
    """

    def __init__(self, errors):
        self.errors = {field: list(messages) for field, messages in errors.items()}
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.errors.items()))


class Errors:
    """Collects field errors so a client learns every problem at once."""

    def __init__(self):
        self.by_field = {}

    def add(self, field, message):
        self.by_field.setdefault(field, []).append(message)

    def __bool__(self):
        return bool(self.by_field)

    def raise_if_any(self):
        if self.by_field:
            raise ValidationFailed(self.by_field)
