"""Serializer classes built from the resource declarations (one per resource type and enabled module set).

Relationship fields know their target type up front: no per-row inflection (the main cost of DJA on
lists, see stack-notes). Fields read `api.rows.Row` values: the model instance for attributes, the row's
linkage ids or included rows (read through the gate by `api.selectors.planned`) for relationships.
"""

import copy
import datetime
import decimal

from django.utils.functional import cached_property
from rest_framework import serializers as drf
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField, PKOnlyObject
from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField
from rest_framework_json_api.serializers import LazySerializersDict

from .query import VERSION_FIELDS, camel


def id_text(id_field, value):
    """A stored key value as a resource id: UUIDs lower-cased, codes and integer keys as text."""
    return value.lower() if id_field == "uuid" and value else str(value)


def resource_id(obj, id_field):
    return id_text(id_field, getattr(obj, id_field))


class TemplateCopy:
    """Declared fields are unbound templates: a serializer instance needs its own copy to bind, but not
    DRF's deep copy (it re-runs `__init__` and deep-copies Django model fields, per included row).
    A shallow copy of an unbound, read-only field is the same field; to-many wrappers (DRF's
    ManyRelatedField) keep DRF's copy, which copies their child through this method."""

    def __deepcopy__(self, memo):
        if self.field_name is not None:  # a bound field (rare): DRF's full copy
            return super().__deepcopy__(memo)
        return copy.copy(self)


class ModelField(TemplateCopy, drf.ModelField):
    """A model column of the row's instance."""

    def get_attribute(self, row):
        return row.instance


class LegacyIdField(TemplateCopy, drf.IntegerField):
    """`legacyId`: the integer primary key; of a version (`<singular>-versions`), its entity's key (the history
    copy's `LegacyID` column), as the current row's."""

    def __init__(self, column="pk", **kwargs):
        self.column = column
        super().__init__(source="pk", read_only=True, **kwargs)

    def get_attribute(self, row):
        return getattr(row.instance, self.column)


class LinkedField(TemplateCopy, ResourceRelatedField):
    """Read-only relationship with resource linkage and `links.self`/`links.related`, read from the `Row`
    (`api.rows`): its linkage ids or its included rows."""

    def __init__(self, owner, relation, target, **kwargs):
        self.owner, self.relation, self.target = owner, relation, target
        self.JSONAPIMeta = type("JSONAPIMeta", (), {"resource_name": target.type})  # DJA: no per-row lookup
        kwargs.setdefault("read_only", True)
        if relation.attr != relation.name:
            kwargs.setdefault("source", relation.attr)
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        many = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return LinkedManyField(child_relation=cls(*args, **kwargs), **many)

    def use_pk_only_optimization(self):
        return False

    def get_attribute(self, row):
        name = self.relation.name
        if name in row.included:
            return row.included[name]
        value = row.linkage[name]
        return None if value is None else PKOnlyObject(value)

    def to_representation(self, value):
        if isinstance(value, PKOnlyObject):
            return {"type": self.target.type, "id": id_text(self.target.id_field, value.pk)}
        return {"type": self.target.type, "id": resource_id(value.instance, self.target.id_field)}

    def get_resource_type_from_included_serializer(self):
        return self.target.type

    def get_links(self, obj=None, lookup_field="pk"):
        root = self.context.get("api_root")
        if not root or obj is None:
            return {}
        base = f"{root}{self.owner.type}/{resource_id(obj.instance, self.owner.id_field)}"
        name = camel(self.relation.name)
        return {"self": f"{base}/relationships/{name}", "related": f"{base}/{name}"}


class LinkedManyField(ManyRelatedField):
    """A to-many LinkedField: the `Row`'s linkage ids, or its included rows."""

    def get_attribute(self, row):
        name = self.child_relation.relation.name
        if name in row.included:
            return row.included[name]
        return [PKOnlyObject(value) for value in row.linkage[name]]


class IdField(TemplateCopy, drf.Field):
    """The resource id: the legacy UUID lower-cased (or the code/pk of reference lists)."""

    def __init__(self, id_field, **kwargs):
        self.id_field = id_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, row):
        return resource_id(row.instance, self.id_field)


PLAIN_VALUES = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time)  # as DRF leaves them


def cell_reader(field):
    """row -> the value `field` gives a `Row` in a flat row (CSV), without DRF's per-value machinery.

    Same values as the serializer: model attributes as stored (DRF's ModelField keeps these types, else
    `value_to_string`), ids as `resource_id`, to-one linkage as the linked id.
    """
    if isinstance(field, IdField):
        return lambda row: resource_id(row.instance, field.id_field)
    if isinstance(field, LegacyIdField):
        return lambda row: getattr(row.instance, field.column)
    if isinstance(field, drf.ModelField):
        model_field, attname = field.model_field, field.model_field.attname

        def attribute(row):
            obj = row.instance
            value = getattr(obj, attname)
            return value if value is None or isinstance(value, PLAIN_VALUES) else model_field.value_to_string(obj)

        return attribute
    if isinstance(field, LinkedField):

        def linked(row):
            value = field.get_attribute(row)
            return None if value is None else field.to_representation(value)["id"]

        return linked

    def other(row):
        value = field.to_representation(field.get_attribute(row))
        return value["id"] if isinstance(value, dict) else value

    return other


def linkage_reader(field):
    """row -> the resource linkage a relationship field renders for a `Row` (`to_representation` of
    `get_attribute`), with the field's questions asked once instead of per row: the hot loop of lists."""
    many = isinstance(field, LinkedManyField)
    child = field.child_relation if many else field
    name, type_, id_field = child.relation.name, child.target.type, child.target.id_field

    def linkage(value):
        return None if value is None else {"type": type_, "id": id_text(id_field, value)}

    def included(row):
        return None if row is None else {"type": type_, "id": resource_id(row.instance, id_field)}

    if many:

        def read_many(row):
            if name in row.included:
                return [included(related) for related in row.included[name]]
            return [{"type": type_, "id": id_text(id_field, value)} for value in row.linkage[name]]

        return read_many

    def read_one(row):
        if name in row.included:
            return included(row.included[name])
        return linkage(row.linkage[name])

    return read_one


_FIELDS = "_bound_fields"  # context key: {serializer class: its bound fields} for one request


class ResourceSerializer(serializers.ModelSerializer):
    """Sparse fieldsets come from the request's parsed `Query` (validated once, not per row)."""

    def get_fields(self):
        """The declared fields (every field is declared): no model introspection per serializer instance,
        which DJA creates per included row."""
        return {name: copy.deepcopy(field) for name, field in self._declared_fields.items()}

    @cached_property
    def fields(self):
        """Built once per serializer class and request, not once per serializer instance.

        DJA makes a serializer for every included row, and DRF deep-copies every declared field for every
        serializer (about a third of an `include` request). Our fields hold no per-instance state (values
        come from the instance passed to them; links and query from the request's context), so serializers
        of one class sharing one context can share them.
        """
        context = self.context
        cache = context.setdefault(_FIELDS, {}) if isinstance(context, dict) else {}
        fields = cache.get(type(self))
        if fields is None:
            fields = cache[type(self)] = super().fields
        return fields

    def readable_fields(self):
        """The fields to render (the request's sparse fieldset applied): `_readable_fields`, public for
        the encoders and CSV columns."""
        return self._readable_fields

    @property
    def _readable_fields(self):
        """The fields to render (sparse fieldset applied), computed once per class and request."""
        context = self.context
        cache = context.setdefault(_FIELDS, {}) if isinstance(context, dict) else {}
        key = (type(self), "readable")
        readable = cache.get(key)
        if readable is None:
            query, resource = context.get("query"), getattr(self.Meta, "resource", None)
            readable = cache[key] = [
                field
                for field in super()._readable_fields
                if query is None
                or resource is None
                or field.field_name == "id"
                or query.wants(resource.type, field.field_name)
            ]
        return readable


def build_serializers(resources, relations_of):
    """{type: serializer class} for `resources`; `relations_of(resource)` lists its enabled relations."""
    classes = {}
    for resource in resources.values():
        declared = {"id": IdField(resource.id_field)}
        if resource.id_field == "uuid":
            declared["legacy_id"] = LegacyIdField("legacy_id" if resource.history_of else "pk")
        attributes = dict(resource.attributes, **(VERSION_FIELDS if resource.versioned else {}))
        for name, source in attributes.items():
            declared[name] = ModelField(
                resource.model._meta.get_field(source), read_only=True, **({"source": source} if source != name else {})
            )
        for relation in relations_of(resource):
            target = resources[relation.target]
            declared[relation.name] = LinkedField(resource, relation, target, many=relation.many)
        meta = type(
            "Meta",
            (),
            {"model": resource.model, "fields": list(declared), "resource": resource, "resource_name": resource.type},
        )
        classes[resource.type] = type(
            resource.class_name("Serializer"), (ResourceSerializer,), {**declared, "Meta": meta}
        )
    for resource in resources.values():
        cls = classes[resource.type]
        cls.included_serializers = LazySerializersDict(
            cls, {relation.name: classes[relation.target] for relation in relations_of(resource)}
        )
    return classes
