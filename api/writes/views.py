"""The write actions a resource gets from `writable(Writes(...))` in its `mixins`.

POST (create) on the list URL, PATCH (partial_update) and DELETE (destroy) on the detail URL; only the
actions whose service is given exist (the others stay 405). Every action: 405 while LEGACY_READ_ONLY is
on, the method's legacy right (HasLegacyRight), the write gates (404 outside them), If-Match (428/412),
then one legacy transaction through legacy.services. Nothing is written when any check fails.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from rest_framework import parsers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from legacy import services
from legacy.routers import LEGACY_DB
from ops.readonly import check_legacy_writable

from ..errors import Conflict, OutsideWriteScope, PreconditionFailed, RelatedNotFound
from ..etags import quoted
from ..negotiation import JSONAPI
from ..query import camel
from . import documents, gates
from .actors import actor_for
from .preconditions import required_if_match
from .schema import WriteSchema


@dataclass(frozen=True)
class Writes:
    """How a resource is written. `create(values, actor, **nested)`, `update(row, changes, actor, if_match)`,
    `delete(row, actor, if_match)` are legacy.services functions (values by model field name).

    `client_ids`: `create` takes `uuid=` (a client-generated id in `data.id`; offline enrolment), else 403.
    `relations`: writable relationship -> gate (`gates.CHANGE` for the row the new row hangs under,
    `gates.VIEW` for references); `nested`: attribute -> (resource type, attributes it may not carry),
    accepted on create (a family's head); `read_only`: attributes that cannot be written.
    """

    create: Callable | None = None
    update: Callable | None = None
    delete: Callable | None = None
    relations: dict = field(default_factory=dict)
    nested: dict = field(default_factory=dict)
    read_only: frozenset = frozenset()
    client_ids: bool = False

    def __deepcopy__(self, memo):
        return self


class JsonApiBodyParser(parsers.JSONParser):
    """The request document as plain JSON: api.writes.documents checks its JSON:API shape itself."""

    media_type = JSONAPI


WRITE_METHODS = ("POST", "PATCH", "PUT", "DELETE")


class WriteActions:
    writes = None
    parser_classes = [JsonApiBodyParser, parsers.JSONParser]
    schema = WriteSchema()

    def initial(self, request, *args, **kwargs):
        if request.method in WRITE_METHODS and hasattr(self, request.method.lower()):
            if not request.user.is_authenticated:
                self.permission_denied(request)  # 401 first: who asks comes before what the server allows
            check_legacy_writable(request)  # 405, like a method this resource does not have
        super().initial(request, *args, **kwargs)

    # --- helpers -----------------------------------------------------------------------------------
    def _rules(self):
        relations = self.site.relations(self.resource)
        return SimpleNamespace(
            relations={camel(name): relations[name] for name in self.writes.relations if name in relations},
            nested={
                camel(name): (self.site.resources[type_], {camel(n) for n in excluded})
                for name, (type_, excluded) in self.writes.nested.items()
            },
            read_only=self.writes.read_only,
            client_ids=self.writes.client_ids and self.resource.id_field == "uuid",
        )

    def _locked(self, pk):
        """The URL's row inside the write gate, read once, in the statement that locks it (a
        `services.Locked` for the service); 404 outside the gate. Inside the write's transaction."""
        try:
            return services.Locked(
                services.lock(self.resource.model, gates.lookup(self.resource, self.request.user, pk))
            )
        except (services.NotFound, services.NotCurrent):
            raise NotFound(f"no {self.resource.type} with id {pk!r}") from None

    def _stored(self, owner, relation, resource_id, where, mode):
        """The value `owner`'s FK column stores for a related resource id (None stays None); 404 outside the gate."""
        if resource_id is None:
            return None
        target = self.site.resources[relation.target]
        row = gates.find(target, self.request.user, resource_id, mode)
        if row is None:
            raise RelatedNotFound(where, f"No {target.type} with id {resource_id!r} that you may use here.")
        return getattr(row, owner.model._meta.get_field(relation.attr).target_field.attname)

    def _values(self, incoming):
        """({model field: value}, {nested attribute: {model field: value}}) with related ids resolved."""
        values, relations = dict(incoming.attributes), self.site.relations(self.resource)
        for name, linkage in incoming.linkage.items():
            field = self.resource.model._meta.get_field(relations[name].attr).name
            values[field] = self._stored(
                self.resource,
                relations[name],
                linkage and linkage["id"],
                f"/data/relationships/{camel(name)}",
                self.writes.relations[name],
            )
        nested = {}
        for name, (type_, _) in self.writes.nested.items():
            if camel(name) not in incoming.nested:
                continue
            target, (attributes, ids) = self.site.resources[type_], incoming.nested[camel(name)]
            nested[name] = dict(attributes)
            for relation_name, resource_id in ids.items():
                relation = self.site.relations(target)[relation_name]
                field = target.model._meta.get_field(relation.attr).name
                nested[name][field] = self._stored(
                    target, relation, resource_id, f"/data/attributes/{camel(name)}/{camel(relation_name)}", gates.VIEW
                )
        return values, nested

    def _run(self, write, *, deleting=False):
        nested = {name: self.site.resources[type_] for name, (type_, _) in self.writes.nested.items()}
        try:
            with transaction.atomic(using=LEGACY_DB):
                return write()
        except services.ValidationFailed as failure:
            raise documents.unprocessable(
                self.resource, failure, nested, status.HTTP_409_CONFLICT if deleting else None
            ) from None
        except services.PreconditionFailed as failure:
            raise PreconditionFailed(failure.current_etag) from None
        except services.DuplicateId:
            raise Conflict("/data/id", f"A {self.resource.type} resource with this id exists already.") from None
        except (services.NotFound, services.NotCurrent):
            raise NotFound(f"no current {self.resource.type} with this id") from None

    def _respond_written(self, row, status_code):
        """The written row as the caller reads it (the read side's hooks), with the tag of the row as
        written: one read through the read gate, one hash. 204 if the caller cannot read it."""
        tag = quoted(row)
        try:
            response = self.render_one(self.visible_entity(written_id(self.resource, row)), etag=tag)
            response.status_code = status_code
        except NotFound:
            response = Response(status=status.HTTP_204_NO_CONTENT)
            response["ETag"] = tag
        if status_code == status.HTTP_201_CREATED:
            response["Location"] = self.request.build_absolute_uri(
                f"{self.site.root_path(self.request)}{self.resource.type}/{written_id(self.resource, row)}"
            )
        return response

    # --- row writes: one document or target each, also run by api.operations (several in one transaction) ---
    def create_row(self, body):
        """The new row written from a POST document."""
        incoming = documents.parse(body, self.resource, self._rules())
        actor = actor_for(self.request.user)

        def write():
            values, nested = self._values(incoming)
            client_id = {} if incoming.client_id is None else {"uuid": incoming.client_id}
            row = self.writes.create(values, actor, **nested, **client_id)
            # the new row itself must be inside the write gate: a row with no parent to gate (a region) is
            # not, for a location-scoped caller; raising here rolls the write back
            if gates.find(self.resource, self.request.user, str(getattr(row, self.resource.id_field))) is None:
                raise OutsideWriteScope(f"You may not create this {self.resource.type} row (outside your scope).")
            return row

        return self._run(write)

    def update_row(self, pk, body, if_match_value):
        """The row updated from a PATCH document; `if_match_value` as sent (None: not sent)."""
        actor = actor_for(self.request.user)

        def write():  # in order: 404, 428, the document's 400/409/422, related 404s, then 412 in the service
            target = self._locked(pk)
            expected = required_if_match(if_match_value)
            values, _ = self._values(documents.parse(body, self.resource, self._rules(), pk=pk))
            return self.writes.update(target, values, actor, expected)

        return self._run(write)

    def delete_row(self, pk, if_match_value):
        actor = actor_for(self.request.user)

        def write():  # 404 before 428/412
            target = self._locked(pk)
            return self.writes.delete(target, actor, required_if_match(if_match_value))

        self._run(write, deleting=True)

    # --- actions (bound by `writable`) -----------------------------------------------------------------
    def _create(self, request, *args, **kwargs):
        return self._respond_written(self.create_row(request.data), status.HTTP_201_CREATED)

    def _partial_update(self, request, pk=None, **kwargs):
        row = self.update_row(pk, request.data, request.META.get("HTTP_IF_MATCH"))
        return self._respond_written(row, status.HTTP_200_OK)

    def _destroy(self, request, pk=None, **kwargs):
        self.delete_row(pk, request.META.get("HTTP_IF_MATCH"))
        return Response(status=status.HTTP_204_NO_CONTENT)


def written_id(resource, row):
    """The JSON:API id of a written row: its UUID in lower case, or its integer key (claim lines)."""
    return str(getattr(row, resource.id_field)).lower()


ACTIONS = {"create": "_create", "update": "_partial_update", "delete": "_destroy"}
VIEW_ACTIONS = {"create": "create", "update": "partial_update", "delete": "destroy"}


def writes_of(resource):
    """The `Writes` a resource declares in its mixins (through `writable`), or None: read only."""
    return next((mixin.writes for mixin in resource.mixins if getattr(mixin, "writes", None)), None)


def writable(writes):
    """A view mixin with the actions `writes` provides services for (for `Resource.mixins`)."""
    methods = {
        VIEW_ACTIONS[name]: getattr(WriteActions, ACTIONS[name])
        for name in ACTIONS
        if getattr(writes, name) is not None
    }
    return type("Writable", (WriteActions,), {"writes": writes, **methods})
