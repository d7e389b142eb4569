"""Builders of real legacy rows for tests (no mocks): versioned values and location trees.

    tree = location_tree()          # region -> district -> ward -> village, unique codes
    tree = location_tree("A")       # codes AR, AD, AW, AV
    tree.village, tree[3]           # the same row

`auth_bridge.testing` builds the rest of a legacy world (users, families, policies, claims) on these.
"""

import datetime
import itertools
import uuid
from typing import NamedTuple

from legacy import models as m

T0 = datetime.datetime(2020, 1, 1)  # ValidityFrom of every built row
AUDIT = 1  # its AuditUserID
_serial = itertools.count(1)


def new_uuid():
    """A legacy UUID as the writers make it (lower case)."""
    return str(uuid.uuid4())


def serial_code(prefix, width=8):
    """A code unique in this test process: `prefix` and a serial number, at most `width` characters."""
    return f"{prefix}{next(_serial)}"[-width:]


def versioned(**values):
    """The values of a current row of a versioned table: a new UUID, ValidityFrom T0, AuditUserID AUDIT."""
    return {"uuid": new_uuid(), "validity_from": T0, "audit_user_id": AUDIT, **values}


def location(type, parent=None, code=None, name=None, **values):
    """A current tblLocations row of level `type` (R, D, W, V)."""
    code = code or serial_code(type)
    return m.Location.objects.create(**versioned(type=type, parent=parent, code=code, name=name or code, **values))


class Tree(NamedTuple):
    region: m.Location
    district: m.Location
    ward: m.Location
    village: m.Location


def location_tree(prefix=None, create=None):
    """A region, one district, one ward, one village, each the parent of the next.

    `prefix`: codes `<prefix>R`, `<prefix>D`, ... (default: unique codes). `create(values)` makes each row
    (default: `location`; e.g. `legacy.services.locations.create_location` to build through the writer).
    """
    rows, parent = [], None
    for kind in "RDWV":
        code = f"{prefix}{kind}" if prefix else serial_code(kind)
        values = {"type": kind, "parent": parent, "code": code, "name": code}
        parent = create(values) if create else location(**values)
        rows.append(parent)
    return Tree(*rows)
