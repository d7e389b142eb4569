"""JSON:API documents built straight from planned rows (`api.rows.Row`): the `application/vnd.api+json` path of reads.

DJA's renderer works out every field's kind again for every row and makes a serializer per included row
(most of a list request's time, see bench/README.md). Here what depends only on the type and the sparse
fieldset (one reader per attribute, the relationship fields) is worked out once per process; a row then
costs one dict per resource object.

The readers are the serializers' own bound fields (`api.serializers`), so values, ids and linkage are
the ones DJA renders; `api/tests/test_encoders.py` renders requests both ways and compares. DRF's
serializers still render plain JSON, XML and the browsable API.
"""

from functools import lru_cache

from rest_framework_json_api.utils import is_relationship_field

from .query import Query, camel
from .serializers import cell_reader, linkage_reader, resource_id


@lru_cache(maxsize=512)
def encoder_for(serializer_class, fieldset):
    """The encoder of a serializer class for a sparse fieldset (None: every field), built once per process.

    The fields are bound to a context holding only the fieldset: reading values never uses the request.
    """
    type_ = serializer_class.Meta.resource.type
    query = Query(fields={} if fieldset is None else {type_: set(fieldset)})
    return ResourceEncoder(serializer_class(context={"query": query}), history=fieldset is None)


class ResourceEncoder:
    """Resource objects of one type and sparse fieldset."""

    def __init__(self, serializer, history=True):
        resource = serializer.Meta.resource
        self.type, self.id_field = resource.type, resource.id_field
        # `relationships.history` (links only: `related` is /<type>/<id>/history, the `<singular>-versions`);
        # not with a sparse fieldset, which may name no other member
        self.history = history and resource.versioned and not resource.history_of
        readable = serializer.readable_fields()  # the sparse fieldset applied
        self.attributes = [
            (camel(field.field_name), cell_reader(field))
            for field in readable
            if field.field_name != "id" and not is_relationship_field(field)
        ]
        self.relationships = [
            (camel(field.field_name), linkage_reader(field), hasattr(field, "child_relation"))
            for field in readable
            if is_relationship_field(field)
        ]
        # includes may follow a relationship that the sparse fieldset leaves out (JSON:API allows it)
        self.related = {
            name: getattr(field, "child_relation", field).target.type
            for name, field in serializer.fields.items()
            if is_relationship_field(field)
        }

    def id_of(self, row):
        return resource_id(row.instance, self.id_field)

    def resource_object(self, row, api_root):
        key = self.id_of(row)
        data = {"type": self.type, "id": key}
        if self.attributes:
            data["attributes"] = {name: read(row) for name, read in self.attributes}
        prefix = f"{api_root}{self.type}/{key}"
        if self.relationships:
            data["relationships"] = {
                name: _relationship(read(row), many, f"{prefix}/", name) for name, read, many in self.relationships
            }
        if self.history:
            data.setdefault("relationships", {})["history"] = {"links": {"related": f"{prefix}/history"}}
        data["links"] = {"self": prefix}
        return data


def _relationship(linkage, many, prefix, name):
    """As DJA: to-one `{links, data}`, to-many `{meta: {count}, data, links}`."""
    links = {"self": f"{prefix}relationships/{name}", "related": f"{prefix}{name}"}
    if not many:
        return {"links": links, "data": linkage}
    return {"meta": {"count": len(linkage)}, "data": linkage, "links": links}


class CompoundDocument:
    """A top-level document: primary data and the `include` tree, each resource object once."""

    def __init__(self, serializers, query, api_root, include_requested):
        self.serializers, self.query, self.api_root = serializers, query, api_root
        self.include_requested = include_requested

    def encoder(self, type_):
        fieldset = self.query.fields.get(type_)
        return encoder_for(self.serializers[type_], None if fieldset is None else frozenset(fieldset))

    def build(self, type_, rows, many=True, links=None, meta=None):
        encoder = self.encoder(type_)
        primary = [encoder.resource_object(row, self.api_root) for row in rows]
        document = {"links": links} if links else {}
        document["data"] = primary if many else primary[0]
        if self.include_requested:
            included, walked = {}, set()
            for row in rows:
                self._include(encoder, row, self.query.include, included, walked)
            for item in primary:  # a resource is in the primary data or in `included`, not both
                included.pop((item["type"], item["id"]), None)
            document["included"] = [included[key] for key in sorted(included)]
        if meta:
            document["meta"] = meta
        return document

    def _include(self, encoder, row, tree, included, walked):
        for name, subtree in tree.items():
            target = self.encoder(encoder.related[name])
            for child in row.related(name):
                key = (target.type, target.id_of(child))
                if key not in included:
                    included[key] = target.resource_object(child, self.api_root)
                if subtree and (key, id(subtree)) not in walked:
                    walked.add((key, id(subtree)))
                    self._include(target, child, subtree, included, walked)
