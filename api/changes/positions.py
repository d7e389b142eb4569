"""Where a client stands in the change feed, and how instants are read.

A change's position is (at, resource type, entity id, kind): `at` its legacy timestamp, the entity id the
current row's key (`LegacyID` of a history copy, the key of the current row itself), kind 0 for a new
version and 1 for a delete. It does not depend on which row holds a version (the legacy update moves the
old values into a new history row with a new key), so the next poll neither repeats nor skips it, also when
several changes share a timestamp.

Legacy timestamps are naive local wall-clock times of `TIME_ZONE` (SQL Server `datetime`, USE_TZ=False):
an instant with an offset is converted to that zone; one without is taken as local time.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ..errors import QueryParameterError

VERSION, DELETE = 0, 1


@dataclass(frozen=True, order=True)
class Position:
    at: datetime.datetime
    type: str  # "" sorts before every resource type: the start of `at`
    entity: int
    kind: int

    @classmethod
    def start(cls, at):
        """Just before every change at `at` (a `filter[since]` is inclusive)."""
        return cls(at, "", 0, VERSION)

    def token(self):
        text = json.dumps([self.at.isoformat(), self.type, self.entity, self.kind], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, value):
        try:
            text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
            at, type_, entity, kind = json.loads(text)
            position = cls(datetime.datetime.fromisoformat(at), str(type_), int(entity), int(kind))
            if position.at.tzinfo is not None or kind not in (VERSION, DELETE):
                raise ValueError(value)
            return position
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise QueryParameterError("page[after]", "page[after] is not a cursor returned by this API") from None


def local_instant(value, parameter):
    """An ISO 8601 date or date-time as the legacy database's naive local time (see the module docstring)."""
    try:
        moment = parse_datetime(value) or parse_date(value)
    except ValueError:
        moment = None
    if moment is None:
        raise QueryParameterError(parameter, f"{parameter} must be an ISO 8601 date or date-time")
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time.min)
    if timezone.is_aware(moment):
        try:
            moment = timezone.make_naive(moment, timezone.get_default_timezone())
        except (OverflowError, ValueError):  # year 1 or 9999 shifted out of range: long before/after any data
            moment = moment.replace(tzinfo=None)
    return moment
