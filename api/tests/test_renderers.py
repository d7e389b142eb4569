"""The orjson-backed JSON renderer writes the bytes DRF's own JSONRenderer writes."""

import datetime
import decimal
import uuid
from collections import OrderedDict

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from api.renderers import JsonApiRenderer, JSONRenderer, PlainJSONRenderer

DOCUMENT = {
    "data": [
        OrderedDict(
            [
                ("type", "insurees"),
                ("id", str(uuid.UUID(int=7))),
                (
                    "attributes",
                    {
                        "lastName": "Ngoma \u00e9\u4e2d \U0001f600",
                        "quote": 'say "hi"\n\t\\',
                        "separators": "a\u2028b\u2029c",
                        "dob": datetime.date(1980, 2, 29),
                        "validFrom": datetime.datetime(2020, 1, 2, 3, 4, 5),
                        "stamped": datetime.datetime(2020, 1, 2, 3, 4, 5, 123456),
                        "at": datetime.time(7, 8, 9),
                        "aware": datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
                        "amount": decimal.Decimal("12.50"),
                        "count": 3,
                        "big": 2**62,
                        "ratio": 0.25,
                        "flag": True,
                        "none": None,
                        "uuid": uuid.UUID(int=42),
                        "lazy": gettext_lazy("Not found."),
                        "tuple": (1, "two"),
                    },
                ),
            ]
        )
    ],
    "meta": {"pagination": {"page": 1}, 5: "an integer key"},
}


@pytest.mark.parametrize("renderer", [JSONRenderer, PlainJSONRenderer])
def test_orjson_renderer_writes_drfs_bytes(renderer):
    assert renderer().render(DOCUMENT) == DRFJSONRenderer().render(DOCUMENT)


class _DRFForbidden(DRFJSONRenderer):
    def render(self, *args, **kwargs):
        raise AssertionError("fell back to DRF's encoder")


class _OrjsonOnly(JSONRenderer, _DRFForbidden):  # JSONRenderer's super() is now the tripwire
    pass


def test_orjson_does_the_encoding_of_ordinary_documents():
    assert _OrjsonOnly().render(DOCUMENT) == DRFJSONRenderer().render(DOCUMENT)
    with pytest.raises(AssertionError, match="fell back"):
        _OrjsonOnly().render({"n": 2**70})


def test_indent_and_values_orjson_refuses_fall_back_to_drf():
    indented = JSONRenderer().render(DOCUMENT, "application/json; indent=2")
    assert indented == DRFJSONRenderer().render(DOCUMENT, "application/json; indent=2")
    assert b"\n  " in indented
    huge = {"n": 2**70}  # beyond 64 bits: orjson refuses, json writes it
    assert JSONRenderer().render(huge) == DRFJSONRenderer().render(huge) == b'{"n":1180591620717411303424}'


def test_json_api_documents_keep_the_top_level_member():
    body = JsonApiRenderer().render(
        {"data": None, "meta": {"x": decimal.Decimal("1.5")}}, renderer_context={"view": None}
    )
    assert body == b'{"jsonapi":{"version":"1.1"},"data":null,"meta":{"x":1.5}}'
