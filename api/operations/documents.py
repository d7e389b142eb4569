"""The operations document: `{"atomic:operations": [{op, ref | href, data, meta}, ...]}` -> `Operation` values.

The shape is checked for the whole document before anything runs (400 with a pointer under
`/atomic:operations/<n>`); `lid` references are resolved operation by operation (`resolved`), as the ids of
earlier adds become known. The resource objects themselves are checked by api.writes.documents, as on the
resource URLs.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from rest_framework import exceptions, status

from ..errors import DocumentError, Forbidden, MalformedDocument, RelatedNotFound, errors_for

MEMBER = "atomic:operations"
OPS = ("add", "update", "remove")
HREF = re.compile(r"^(?:https?://[^/]+)?/api/(?P<type>[a-z-]+)(?:/(?P<id>[^/]+))?(?P<rest>/.*)?/?$")


class TooManyOperations(DocumentError):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_many_operations"


@dataclass(frozen=True)
class Target:
    """What an update/remove names: a type and an id or a `lid` of an earlier add."""

    type: str
    id: str | None = None
    lid: str | None = None


@dataclass(frozen=True)
class Operation:
    index: int
    op: str  # add | update | remove
    type: str
    target: Target | None  # update/remove
    data: dict | None  # the resource object (add/update), lids not yet resolved
    if_match: str | None  # meta.ifMatch (the ETag), like the If-Match header of a PATCH/DELETE

    @property
    def pointer(self):
        return f"/{MEMBER}/{self.index}"

    @property
    def lid(self):
        """The local id an add defines (`data.lid`), or None."""
        return self.data.get("lid") if self.op == "add" and self.data else None


def max_operations():
    return getattr(settings, "API_ATOMIC_MAX_OPERATIONS", 100)


def parse(body):
    """[Operation] of a request document; 400/403/413 with a pointer for the first problem."""
    if not isinstance(body, dict) or not isinstance(body.get(MEMBER), list):
        raise MalformedDocument("", f"The document must be an object with an `{MEMBER}` array.")
    unknown = set(body) - {MEMBER, "meta", "jsonapi", "links"}
    if unknown:
        raise MalformedDocument(f"/{sorted(unknown)[0]}", f"Unknown top-level member {sorted(unknown)[0]!r}.")
    items = body[MEMBER]
    if not items:
        raise MalformedDocument(f"/{MEMBER}", "At least one operation is required.")
    if len(items) > max_operations():
        raise TooManyOperations([(f"/{MEMBER}", f"At most {max_operations()} operations per request.")])
    operations, lids = [], set()
    for index, item in enumerate(items):
        operation = _operation(index, item)
        if operation.lid is not None:
            if (operation.type, operation.lid) in lids:
                raise MalformedDocument(f"{operation.pointer}/data/lid", "This lid is defined twice.")
            lids.add((operation.type, operation.lid))
        operations.append(operation)
    return operations


def _operation(index, item):
    where = f"/{MEMBER}/{index}"
    if not isinstance(item, dict):
        raise MalformedDocument(where, "An operation must be an object.")
    unknown = set(item) - {"op", "ref", "href", "data", "meta"}
    if unknown:
        raise MalformedDocument(f"{where}/{sorted(unknown)[0]}", f"Unknown member {sorted(unknown)[0]!r}.")
    op = item.get("op")
    if op not in OPS:
        raise MalformedDocument(f"{where}/op", f"`op` must be one of {', '.join(OPS)}.")
    if "ref" in item and "href" in item:
        raise MalformedDocument(f"{where}/href", "An operation has `ref` or `href`, not both.")
    meta = item.get("meta", {})
    if not isinstance(meta, dict):
        raise MalformedDocument(f"{where}/meta", "`meta` must be an object.")
    if_match = meta.get("ifMatch")
    if if_match is not None and not isinstance(if_match, str):
        raise MalformedDocument(f"{where}/meta/ifMatch", "`meta.ifMatch` must be an ETag string.")
    target = _target(item, where)
    data = item.get("data")
    if op == "remove":
        if data is not None:
            raise MalformedDocument(f"{where}/data", "A remove operation carries no `data`.")
        if target is None or target.type is None:
            raise MalformedDocument(f"{where}/ref", "A remove operation needs `ref` (type and id or lid) or `href`.")
        return Operation(index, op, target.type, target, None, if_match)
    if not isinstance(data, dict):
        raise MalformedDocument(f"{where}/data", "`data` must be a resource object.")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise MalformedDocument(f"{where}/data/type", "`type` is required.")
    lid = data.get("lid")
    if lid is not None and (not isinstance(lid, str) or not lid):
        raise MalformedDocument(f"{where}/data/lid", "`lid` must be a non-empty string.")
    if op == "add":
        if target is not None and (target.id or target.lid):
            raise MalformedDocument(f"{where}/ref", "An add operation names no existing resource.")
        if target is not None and target.type not in (None, kind):
            raise DocumentError([(f"{where}/data/type", "Does not match the operation's target.")], 409)
        return Operation(index, op, kind, None, data, if_match)
    # update: the target is `ref`/`href`, or the resource object's own identity
    own = Target(kind, data.get("id"), lid)
    if own.id is not None and (not isinstance(own.id, str) or "\x00" in own.id):
        raise MalformedDocument(f"{where}/data/id", "`id` must be a string without NUL characters.")
    target = target or own
    if target.type != kind or (own.id or own.lid) and (own.id, own.lid) != (target.id, target.lid):
        raise DocumentError([(f"{where}/data", "The resource object does not match the operation's target.")], 409)
    if not (target.id or target.lid):
        raise MalformedDocument(f"{where}/data/id", "An update needs the id (or lid) of its resource.")
    return Operation(index, op, kind, target, data, if_match)


def _target(item, where):
    """The `ref` or `href` of an operation as a Target (None when neither is given)."""
    if "href" in item:
        href = item["href"]
        match = HREF.match(href) if isinstance(href, str) and "\x00" not in href else None
        if match is None:
            raise MalformedDocument(f"{where}/href", "`href` must be a resource or collection URL of this API.")
        if match.group("rest"):
            raise Forbidden(f"{where}/href", "Relationships are not changed here: update the resource.")
        return Target(match.group("type"), match.group("id"))
    if "ref" not in item:
        return None
    ref = item["ref"]
    if not isinstance(ref, dict) or not isinstance(ref.get("type"), str):
        raise MalformedDocument(f"{where}/ref", "`ref` must be an object with a `type`.")
    if "relationship" in ref:
        raise Forbidden(f"{where}/ref/relationship", "Relationships are not changed here: update the resource.")
    unknown = set(ref) - {"type", "id", "lid"}
    if unknown:
        raise MalformedDocument(f"{where}/ref/{sorted(unknown)[0]}", f"Unknown member {sorted(unknown)[0]!r}.")
    ids = [key for key in ("id", "lid") if key in ref]
    if len(ids) > 1 or any(not isinstance(ref[key], str) or not ref[key] for key in ids):
        raise MalformedDocument(f"{where}/ref", "`ref` has one of `id` or `lid`, a non-empty string.")
    if "\x00" in ref.get("id", ""):  # looked up in the database: PostgreSQL refuses NUL
        raise MalformedDocument(f"{where}/ref/id", "Must not contain NUL characters.")
    return Target(ref["type"], ref.get("id"), ref.get("lid"))


def resolved(operation, ids):
    """(target id or None, resource document or None) of `operation` with every `lid` replaced by the id
    its add gave (`ids`: {(type, lid): id}); 400 at the reference for a lid no earlier add defined.
    Pointers are relative to the operation (see `at_operation`)."""
    where = ""
    target_id = None
    if operation.target is not None:
        target_id = operation.target.id or _id_of(ids, operation.target.type, operation.target.lid, f"{where}/ref")
    if operation.data is None:
        return target_id, None
    data = {key: value for key, value in operation.data.items() if key != "lid"}
    if operation.op == "update":
        data["id"] = target_id
    relationships = data.get("relationships")
    if isinstance(relationships, dict):
        data["relationships"] = {
            name: _linkage(value, ids, f"{where}/data/relationships/{name}/data")
            for name, value in relationships.items()
        }
    return target_id, {"data": data}


def _linkage(relationship, ids, where):
    if not isinstance(relationship, dict) or "data" not in relationship:
        return relationship  # api.writes.documents answers the 400
    linkage = relationship["data"]
    if isinstance(linkage, list):
        items = [_identifier(item, ids, f"{where}/{n}") for n, item in enumerate(linkage)]
        return {**relationship, "data": items}
    return {**relationship, "data": _identifier(linkage, ids, where)}


def _identifier(identifier, ids, where):
    if not isinstance(identifier, dict) or "lid" not in identifier:
        return identifier
    if "id" in identifier:
        raise MalformedDocument(where, "A resource identifier has `id` or `lid`, not both.")
    rest = {key: value for key, value in identifier.items() if key != "lid"}
    return {**rest, "id": _id_of(ids, identifier.get("type"), identifier["lid"], f"{where}/lid")}


def _id_of(ids, type_, lid, where):
    """The id an earlier add gave `lid`; 404 otherwise (like an id that names no row)."""
    if not isinstance(lid, str):
        raise MalformedDocument(where, "`lid` must be a string.")
    if (type_, lid) not in ids:
        raise RelatedNotFound(where, f"No earlier add in this request defines lid {lid!r} of type {type_!r}.")
    return ids[(type_, lid)]


def at_operation(exc, operation):
    """`exc` (an APIException of one operation's write) with its error pointers under the operation."""
    base = operation.pointer
    moved = []
    for error in errors_for(exc):
        error = dict(error)
        source = error.get("source") or {}
        if "pointer" in source:
            error["source"] = {"pointer": f"{base}{source['pointer']}"}
        elif "parameter" not in source:
            error["source"] = {"pointer": _default_pointer(exc, base)}
        moved.append(error)
    refused = exceptions.APIException(exc.detail)
    refused.status_code, refused.error_objects = exc.status_code, moved
    refused.etag = getattr(exc, "etag", None)
    return refused


def _default_pointer(exc, base):
    """Where an error without its own pointer belongs: If-Match problems at `meta/ifMatch`."""
    return f"{base}/meta/ifMatch" if exc.status_code in (412, 428) else base
