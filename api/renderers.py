"""Renderers: JSON:API (with the top-level `jsonapi` member and valid error documents), plain JSON,
XML and CSV (the CSV format itself is `api.exports`'); HTML is web.renderers.BrowsableAPIRenderer."""

import re

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder
from rest_framework_json_api import renderers as dja
from rest_framework_json_api.utils import is_relationship_field
from rest_framework_xml.renderers import XMLRenderer as BaseXMLRenderer

from .exports import csv_lines
from .negotiation import JSONAPI as JSONAPI_MEDIA_TYPE
from .query import camel
from .rows import Row

JSONAPI = {"version": "1.1"}


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSONRenderer with orjson doing the encoding: the same bytes, several times faster (a page of
    100 insurees with their families is ~260 kB; `json` took ~2 ms of the request).

    Values orjson does not encode natively (Decimal, lazy strings, ...) and dates/times (passed through,
    since DRF writes them its own way) go to DRF's encoder. Indented output (`; indent=N`), and anything
    orjson refuses (such as an integer beyond 64 bits), is left to DRF's renderer.
    """

    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
    default = staticmethod(JSONEncoder().default)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if (
            data is None
            or self.ensure_ascii
            or not self.compact
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            content = orjson.dumps(data, default=self.default, option=self.options)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # as DRF: U+2028/U+2029 escaped, so that the output is also valid JavaScript
        return content.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


class _TopLevel(JSONRenderer):
    """Sits under DJA's renderer in the MRO: adds `jsonapi` to every top-level document."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and ("data" in data or "errors" in data or "meta" in data):
            data = {"jsonapi": JSONAPI, **data}
        return super().render(data, accepted_media_type, renderer_context)


class JsonApiRenderer(dja.JSONRenderer, _TopLevel):
    media_type = JSONAPI_MEDIA_TYPE
    format = "vnd.api+json"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "errors" in data:
            return _TopLevel.render(self, {"errors": data["errors"]}, accepted_media_type, renderer_context)
        return super().render(data, accepted_media_type, renderer_context)

    @classmethod
    def extract_attributes(cls, fields, resource):
        """As DJA's, with the camelCase names cached (inflection per row was a hot spot)."""
        return {
            camel(name): value
            for name, value in resource.items()
            if name in fields and name != "id" and not is_relationship_field(fields[name])
        }

    @classmethod
    def extract_relationships(cls, fields, resource, resource_instance):
        """As DJA's for our relationship fields (`api.serializers.LinkedField`): the serialized linkage and
        the field's links. DJA's would first look each relationship up by its source name on the instance,
        which here is an `api.rows.Row` (the relationship is read from the row, not from the model)."""
        if not isinstance(resource_instance, Row):  # not one of our resources (None included): DJA's own
            return super().extract_relationships(fields, resource, resource_instance)
        data = {}
        for name, field in fields.items():
            if field.write_only or not is_relationship_field(field):
                continue
            child = getattr(field, "child_relation", None)
            links = (child or field).get_links(resource_instance)
            links = {"links": links} if links else {}
            linkage = resource.get(name)
            if child is None:
                data[camel(name)] = {**links, "data": linkage}
            else:
                data[camel(name)] = {"meta": {"count": len(linkage)}, "data": linkage, **links}
        return data

    @classmethod
    def _filter_sparse_fields(cls, serializer, fields, resource_name):
        query = serializer.context.get("query")
        if query is None or resource_name not in query.fields:
            return fields
        return {name: field for name, field in fields.items() if name in query.fields[resource_name]}


class PlainJSONRenderer(JSONRenderer):
    media_type = "application/json"
    format = "json"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """An empty to-one relationship is `null` (DRF would send an empty, unparseable body)."""
        response = (renderer_context or {}).get("response")
        if data is None and (response is None or response.status_code != 204):
            return b"null"
        return super().render(data, accepted_media_type, renderer_context)


# Characters XML 1.0 does not allow (C0 controls but TAB/LF/CR, surrogates, U+FFFE/U+FFFF): legacy text holds
# some; each becomes U+FFFD, so no value can make a document (or an error about it) unrenderable.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value):
    """`value` as the JSON answer has it (JSON types: dates ISO 8601, decimals numbers, true/false), with every
    character XML 1.0 forbids replaced by U+FFFD, in keys and values."""
    if isinstance(value, dict):
        return {xml_safe(key): xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return NOT_XML.sub("\ufffd", value)
    return value


class XMLRenderer(BaseXMLRenderer):
    """XML of the plain JSON answer: the same members and values (via JSON), XML-safe text."""

    format = "xml"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is not None:
            data = xml_safe(orjson.loads(JSONRenderer().render(data)))
        return super().render(data, accepted_media_type, renderer_context)


class CSVRenderer(renderers.BaseRenderer):
    """Lists are streamed by the view; this renders what reaches it (errors are sent as JSON:API)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return "".join(csv_lines(["detail"], [[str(data)]])).encode()
