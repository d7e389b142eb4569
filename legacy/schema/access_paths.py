"""The access paths the adapter's queries rely on, and the index that would serve each one.

`check_legacy_schema` asks of each path whether the database has an index whose leading columns are the
path's columns; a missing one is advice for a DBA (the adapter never creates an index). Paths come in
kinds, each a function from a legacy model to its paths; a new kind of query is one more function in `KINDS`.
"""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class AccessPath:
    table: str
    columns: tuple
    kind: str  # current, linkage, scoping, history, ...
    purpose: str

    def served_by(self, index_columns):
        """True when an index on `index_columns` (in key order) can seek on this path."""
        leading = tuple(name.lower() for name in index_columns[: len(self.columns)])
        return leading == tuple(name.lower() for name in self.columns)

    def create_index(self, vendor):
        """The statement a DBA could run to serve this path (printed, never run by the adapter)."""
        name = f"ix_{self.table}_{'_'.join(self.columns)}"
        if vendor == "microsoft":
            columns = ", ".join(f"[{column}]" for column in self.columns)
            return f"CREATE NONCLUSTERED INDEX [{name}] ON [dbo].[{self.table}] ({columns});"
        columns = ", ".join(f'"{column}"' for column in self.columns)
        return f'CREATE INDEX "{name}" ON "{self.table}" ({columns});'

    def __str__(self):
        return f"{self.table} ({', '.join(self.columns)}): {self.purpose}"


def _versioned(model):
    return any(field.column == "ValidityTo" for field in model._meta.concrete_fields) and any(
        field.column.lower() == "legacyid" for field in model._meta.concrete_fields
    )


def _column(model, name):
    return next(field.column for field in model._meta.concrete_fields if field.name == name)


def current_rows(model):
    """Every list reads `ValidityTo IS NULL` (legacy-schema.md §0); without an index that is a scan."""
    if not _versioned(model):
        return []
    return [AccessPath(model._meta.db_table, ("ValidityTo",), "current", "current rows (ValidityTo IS NULL)")]


def history(model):
    """`/history` and `filter[asOf]` read an entity's older rows by `LegacyID` (VersionedQuerySet.history_of)."""
    if not _versioned(model):
        return []
    return [AccessPath(model._meta.db_table, (_column(model, "legacy_id"),), "history", "history rows by LegacyID")]


def linkage(model):
    """A to-many relationship (a foreign key with a reverse accessor) reads the child rows by their key."""
    return [
        AccessPath(
            model._meta.db_table,
            (field.column,),
            "linkage",
            f"{field.related_model._meta.db_table} -> {field.remote_field.related_name} by {field.column}",
        )
        for field in model._meta.concrete_fields
        if field.is_relation and not field.remote_field.hidden
    ]


def changes(model):
    """The change feed (`/api/changes`) reads, per versioned table, the first page of versions in the order
    (ValidityFrom, id) from a position on (`api.changes.feed`); an index in that order lets it stop after the
    page. Its deletes read (ValidityTo, id): the current-rows index serves them."""
    if not _versioned(model) or not any(field.name == "validity_from" for field in model._meta.concrete_fields):
        return []
    columns = (_column(model, "validity_from"), model._meta.pk.column)
    return [AccessPath(model._meta.db_table, columns, "changes", "change feed by ValidityFrom, id")]


# The location and facility keys auth_bridge.rules scopes rows by (a district's villages, a facility's claims).
_SCOPING = {
    "tblFamilies": ("LocationId",),
    "tblHF": ("LocationId",),
    "tblOfficer": ("LocationId",),
    "tblProduct": ("LocationId",),
    "tblClaim": ("HFID",),
    "tblUsersDistricts": ("LocationId", "UserID"),
    "tblLocations": ("ParentLocationId",),
}


def scoping(model):
    table = model._meta.db_table
    return [AccessPath(table, (column,), "scoping", f"scoping by {column}") for column in _SCOPING.get(table, ())]


KINDS = (current_rows, linkage, scoping, history, changes)


def access_paths():
    """Every path of every legacy model, one per (table, columns): the first kind that names it explains it."""
    paths = {}
    for model in sorted(apps.get_app_config("legacy").get_models(), key=lambda model: model._meta.db_table):
        for kind in KINDS:
            for path in kind(model):
                paths.setdefault((path.table, path.columns), path)
    return list(paths.values())


def unserved(connection, tables):
    """The paths on `tables` (present in the database) that no index of the database serves."""
    from . import catalog

    indexes = {table: [index.columns for index in catalog.indexes(connection, table)] for table in tables}
    return [
        path
        for path in access_paths()
        if path.table in indexes and not any(path.served_by(columns) for columns in indexes[path.table])
    ]
