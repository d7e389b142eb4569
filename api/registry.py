"""Declarative resources grouped in modules, and the setting that enables a subset of the modules.

A module (api/modules/<name>.py) declares `MODULE = Module(...)` with its resources; everything else
(serializers, filters, views, URLs, OpenAPI) is derived from these declarations by `api.site`.
"""

from dataclasses import dataclass, field, replace
from importlib import import_module

from django.conf import settings

ALL_MODULES = ("location", "insuree", "policy", "claim", "medical", "core")


@dataclass(frozen=True)
class Relation:
    """A relationship: `name` (snake_case, camelized on output) to resources of type `target`.

    `source` is the model attribute (a forward FK, or a reverse FK manager when `many`);
    `remote_fk` is the child's FK attname that a to-many prefetch must load.
    """

    name: str
    target: str
    source: str = ""
    many: bool = False
    remote_fk: str = ""

    @property
    def attr(self):
        return self.source or self.name

    def __deepcopy__(self, memo):  # immutable: DRF deep-copies serializer fields per instance
        return self


@dataclass(frozen=True)
class Resource:
    """One JSON:API resource type over a legacy model.

    `attributes` maps output names (snake_case) to model fields; `filters` maps model fields to
    django-filter lookups; `uuid_filters` filter by a related resource id (any case);
    `sort` lists the sort keys; `rights` maps HTTP methods to legacy right ids (None: any principal).
    """

    type: str
    model: type
    attributes: dict
    relations: tuple = ()
    rights: dict | None = None
    filters: dict = field(default_factory=dict)
    uuid_filters: dict = field(default_factory=dict)  # name -> ORM paths to a related uuid (OR-ed)
    sort: tuple = ()
    search: tuple = ()
    id_field: str = "uuid"  # reference lists use their code/pk
    versioned: bool = True
    mixins: tuple = ()  # view mixins adding writes: `create` (POST list), `partial_update`/`destroy` (detail)
    history_of: str = ""  # set on the derived `<singular>-versions` type (see `versions_of`)

    def class_name(self, suffix=""):
        """The Python class names derived from the type: `health-facilities` -> `HealthFacilities<suffix>`
        (serializers, filter sets, view sets; the OpenAPI components drf-spectacular names after them)."""
        return "".join(part.title() for part in self.type.split("-")) + suffix

    def __deepcopy__(self, memo):  # immutable: DRF deep-copies serializer fields per instance
        return self


def versions_type(type_):
    """`insurees` -> `insuree-versions`, `health-facilities` -> `health-facility-versions`, `policies` ->
    `policy-versions`: the type of a versioned resource's older versions."""
    singular = type_[:-3] + "y" if type_.endswith("ies") else type_.removesuffix("s")
    return f"{singular}-versions"


def versions_of(resource):
    """The resource type of `resource`'s history rows (legacy convention: a copy with `LegacyID` = the entity's
    key and `ValidityTo` set), so that a version's (type, id) is its own and resolves at its own URL.

    Read only, reached from `/<type>/<id>/history`; same attributes (plus `legacyId`: the entity's key), its
    to-one relationships as they were stored (the history copy keeps the foreign keys of its time).
    """
    return replace(
        resource,
        type=versions_type(resource.type),
        relations=tuple(relation for relation in resource.relations if not relation.many),
        filters={},
        uuid_filters={},
        sort=("valid_from",),
        search=(),
        mixins=(),
        history_of=resource.type,
    )


def with_versions(resources):
    """`resources` (an iterable) as {type: resource}, each versioned one followed by its versions type."""
    out = {}
    for resource in resources:
        out[resource.type] = resource
        if resource.versioned and not resource.history_of:
            out[versions_type(resource.type)] = versions_of(resource)
    return out


@dataclass(frozen=True)
class Module:
    name: str
    resources: tuple


def load_modules(names=None):
    """The enabled modules, in declaration order (`ADAPTER_MODULES`, default all)."""
    names = ALL_MODULES if names is None else names
    unknown = set(names) - set(ALL_MODULES)
    if unknown:
        raise ValueError(f"unknown ADAPTER_MODULES: {sorted(unknown)}")
    return [import_module(f"api.modules.{name}").MODULE for name in ALL_MODULES if name in names]


def configured_modules():
    return load_modules(getattr(settings, "ADAPTER_MODULES", None))
