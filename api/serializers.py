"""Serializer classes built from the resource declarations (one per resource type and enabled module set).

Relationship fields know their target type up front: no per-row inflection (the main cost of DJA on
lists, see stack-notes), and linkage ids come from scoped reads (prefetched rows or a correlated subquery
in the same statement), or, for public reference lists only, from the row's enforced foreign key.
"""

import copy
import datetime
import decimal
from typing import NamedTuple

from django.db import models
from django.utils.functional import cached_property
from rest_framework import serializers as drf
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField, PKOnlyObject
from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField
from rest_framework_json_api.serializers import LazySerializersDict

from .query import VERSION_FIELDS, camel
from .selectors import fk_linkage, linkage_key, rows_key


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
    pass


class IntegerField(TemplateCopy, drf.IntegerField):
    pass


class LinkedField(TemplateCopy, ResourceRelatedField):
    """Read-only relationship with resource linkage and `links.self`/`links.related`."""

    def __init__(self, owner, relation, target, **kwargs):
        self.owner, self.relation, self.target = owner, relation, target
        self.fk = fk_linkage(owner, relation, target)  # linkage read from the row's foreign key
        field = owner.model._meta.get_field(relation.attr)
        self.forward = None if relation.many or not field.concrete else field  # its cache holds included rows
        self.linkage_key = linkage_key(relation)  # or from the planned row's scoped lookup
        self.rows_key = rows_key(relation)  # to-many: the planned row's scoped list
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

    def get_attribute(self, instance):
        if self.linkage_key in instance.__dict__:  # see selectors.planned
            value = instance.__dict__[self.linkage_key]
            return None if value is None else PKOnlyObject(value)
        if self.fk is not None and not self.fk.is_cached(instance):  # not included: no row was fetched
            value = getattr(instance, self.fk.attname)
            return None if value is None else PKOnlyObject(value)
        if self.forward is not None and self.forward.is_cached(instance):  # included: the scoped prefetch
            return self.forward.get_cached_value(instance)
        return super().get_attribute(instance)

    def to_representation(self, value):
        if isinstance(value, PKOnlyObject):
            return {"type": self.target.type, "id": id_text(self.target.id_field, value.pk)}
        return {"type": self.target.type, "id": resource_id(value, self.target.id_field)}

    def get_resource_type_from_included_serializer(self):
        return self.target.type

    def get_links(self, obj=None, lookup_field="pk"):
        root = self.context.get("api_root")
        if not root or obj is None:
            return {}
        base = f"{root}{self.owner.type}/{resource_id(obj, self.owner.id_field)}"
        name = camel(self.relation.name)
        return {"self": f"{base}/relationships/{name}", "related": f"{base}/{name}"}


class LinkedManyField(ManyRelatedField):
    """A to-many LinkedField: its linkage ids or rows from the planned row (see selectors.planned)."""

    def get_attribute(self, instance):
        values, child = instance.__dict__, self.child_relation
        if child.linkage_key in values:  # not included: the linkage ids
            return [PKOnlyObject(value) for value in values[child.linkage_key]]
        rows = values.get(child.rows_key)  # included: the scoped rows
        return super().get_attribute(instance) if rows is None else rows


class IdField(TemplateCopy, drf.Field):
    """The resource id: the legacy UUID lower-cased (or the code/pk of reference lists)."""

    def __init__(self, id_field, **kwargs):
        self.id_field = id_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return resource_id(obj, self.id_field)


PLAIN_VALUES = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time)  # as DRF leaves them


def cell_reader(field):
    """obj -> the value `field` gives obj in a flat row (CSV), without DRF's per-value machinery.

    Same values as the serializer: model attributes as stored (DRF's ModelField keeps these types, else
    `value_to_string`), ids as `resource_id`, to-one linkage as the linked id.
    """
    if isinstance(field, IdField):
        return lambda obj: resource_id(obj, field.id_field)
    if _is_legacy_id(field):
        return lambda obj: obj.pk
    if isinstance(field, drf.ModelField):
        model_field, attname = field.model_field, field.model_field.attname

        def attribute(obj):
            value = getattr(obj, attname)
            return value if value is None or isinstance(value, PLAIN_VALUES) else model_field.value_to_string(obj)

        return attribute
    if isinstance(field, LinkedField):

        def linked(obj):
            value = field.get_attribute(obj)
            return None if value is None else field.to_representation(value)["id"]

        return linked

    def other(obj):
        value = field.to_representation(field.get_attribute(obj))
        return value["id"] if isinstance(value, dict) else value

    return other


def linkage_reader(field):
    """obj -> the resource linkage a relationship field renders for obj (`to_representation` of
    `get_attribute`), with the field's questions asked once instead of per row: the hot loop of lists."""
    if isinstance(field, LinkedManyField):
        child = field.child_relation
        key, type_, id_field = child.linkage_key, child.target.type, child.target.id_field

        def many(obj):
            ids = obj.__dict__.get(key)
            if ids is not None:  # the linkage ids (selectors.LinkageIterable)
                return [{"type": type_, "id": id_text(id_field, value)} for value in ids]
            return [child.to_representation(row) for row in field.get_attribute(obj)]

        return many
    key, type_, id_field = field.linkage_key, field.target.type, field.target.id_field
    fk = field.fk

    def one(obj):
        values = obj.__dict__
        if key in values:  # the scoped correlated lookup (selectors.planned)
            value = values[key]
        elif fk is not None and fk.cache_name not in obj._state.fields_cache:  # public list, not included
            value = getattr(obj, fk.attname)
        else:
            row = field.get_attribute(obj)
            return None if row is None else field.to_representation(row)
        return None if value is None else {"type": type_, "id": id_text(id_field, value)}

    return one


# Model fields whose Python values DRF's ModelField passes through unchanged (see PLAIN_VALUES).
PLAIN_MODEL_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.DateField,
    models.TimeField,
    models.DecimalField,
    models.BooleanField,
    models.FloatField,
    models.ForeignKey,
)


def _is_legacy_id(field):
    return isinstance(field, drf.IntegerField) and field.source == "pk"


class Column(NamedTuple):
    """A CSV column read from a row tuple: its `values_list` name and, for an id converted by `id_text`,
    the id field kind (None: the value is used as read)."""

    name: str
    id_field: str | None = None


def column_reader(field, queryset):
    """The `Column` giving `cell_reader`'s value from a plain row tuple, or None when the value needs
    the model instance. Lets exports skip building a model per row."""
    if isinstance(field, IdField):
        return Column(field.id_field, field.id_field)
    if _is_legacy_id(field):
        return Column("pk")
    if isinstance(field, drf.ModelField):
        return Column(field.model_field.attname) if isinstance(field.model_field, PLAIN_MODEL_FIELDS) else None
    if isinstance(field, LinkedField):
        if field.linkage_key in queryset.query.annotations:
            return Column(field.linkage_key, field.target.id_field)
        if field.fk is not None:
            return Column(field.fk.attname, field.target.id_field)
    return None


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
            # a version's legacyId is its entity's key (the history copy's LegacyID), as the current row's
            declared["legacy_id"] = IntegerField(read_only=True, **({} if resource.history_of else {"source": "pk"}))
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
        name = "".join(part.title() for part in resource.type.split("-")) + "Serializer"
        classes[resource.type] = type(name, (ResourceSerializer,), {**declared, "Meta": meta})
    for resource in resources.values():
        cls = classes[resource.type]
        cls.included_serializers = LazySerializersDict(
            cls, {relation.name: classes[relation.target] for relation in relations_of(resource)}
        )
    return classes
