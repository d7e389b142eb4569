"""A JSON:API test client for writes, and helpers to compare rows with the legacy convention."""

import json

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from api.testing import JSONAPI, valid
from auth_bridge.accounts import django_user_for
from legacy.schema.compat import legacy_models
from legacy.tests.rows import twin, without


class Writer:
    """Sends JSON:API documents as one legacy user; answers (status, document or None, response)."""

    def __init__(self, user, legacy_row=None):
        self.client = APIClient()
        self.client.force_authenticate(user)
        self.row = legacy_row

    @classmethod
    def of(cls, legacy_row):
        user = get_user_model().objects.get(pk=django_user_for(legacy_row).pk)
        return cls(user, legacy_row)

    def _send(self, method, url, document=None, if_match=None, body=None):
        headers = {"HTTP_ACCEPT": JSONAPI}
        if if_match is not None:
            headers["HTTP_IF_MATCH"] = if_match
        data = body if body is not None else (json.dumps(document) if document is not None else None)
        kwargs = {"data": data, "content_type": JSONAPI} if data is not None else {}
        response = getattr(self.client, method)(url, **kwargs, **headers)
        parsed = None
        if response.content and response.get("Content-Type", "").startswith(JSONAPI):
            parsed = valid(json.loads(response.content))
        return response.status_code, parsed, response

    def get(self, url):
        return self._send("get", url)

    def post(self, url, document=None, body=None):
        return self._send("post", url, document, body=body)

    def patch(self, url, document, if_match=None):
        return self._send("patch", url, document, if_match)

    def delete(self, url, if_match=None):
        return self._send("delete", url, None, if_match)

    def etag(self, url):
        status, _, response = self.get(url)
        assert status == 200, status
        return response["ETag"]


def doc(type_, attributes=None, relationships=None, id=None):
    data = {"type": type_}
    if id is not None:
        data["id"] = id
    if attributes is not None:
        data["attributes"] = attributes
    if relationships is not None:
        data["relationships"] = {
            name: {"data": None if value is None else {"type": value[0], "id": value[1]}}
            for name, value in relationships.items()
        }
    return {"data": data}


def counts():
    """Rows per legacy table: a failed write must leave them all unchanged."""
    return {model._meta.db_table: model._default_manager.count() for model in legacy_models()}


def comparable(row, *unique):
    """A row's values without what must differ between twins (id, UUID, LegacyID, unique codes)."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    return without(values, row._meta.pk.attname, "uuid", "legacy_id", *unique)


def make_twin(row, **unique):
    """A current copy of `row` (legacy.tests.rows.twin) with other values for columns unique among current rows."""
    copy = twin(row)
    if unique:
        type(row).objects.filter(pk=copy.pk).update(**unique)
        copy.refresh_from_db()
    return copy


def assert_twins(model, ours_pk, theirs_pk, *unique):
    """Same current values and the same history rows (one each) as a legacy-style write on a twin."""
    ours, theirs = model.objects.get(pk=ours_pk), model.objects.get(pk=theirs_pk)
    assert comparable(ours, *unique) == comparable(theirs, *unique)
    our_history = list(model.objects.filter(legacy_id=ours_pk).order_by("pk"))
    their_history = list(model.objects.filter(legacy_id=theirs_pk).order_by("pk"))
    assert len(our_history) == len(their_history) == 1
    assert [comparable(r, *unique) for r in our_history] == [comparable(r, *unique) for r in their_history]
    assert our_history[0].uuid == our_history[0].uuid.lower() != ours.uuid.lower()
    return ours, our_history[0]


def pointers(document):
    return sorted((error.get("source") or {}).get("pointer", "") for error in document["errors"])
