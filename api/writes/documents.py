"""Request documents -> values for the legacy services (JSON:API 1.1 resource objects).

Only the shape and the JSON types are checked here (400 for a malformed document, 409 for a type/id
that does not match the endpoint, 422 for members that cannot be written); the legacy services check
the values themselves (lengths, dates, codes, references) and answer with their field names, which
`pointer()` turns back into the document's members (`dob` -> `/data/attributes/dob`, `family` ->
`/data/relationships/family`, `head.chf_id` -> `/data/attributes/head/chfId`, `__all__` -> `/data`).
"""

import uuid as uuidlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models

from ..errors import Conflict, DocumentError, Forbidden, MalformedDocument
from ..query import VERSION_FIELDS, camel

READ_ONLY = {"id", "legacy_id", *VERSION_FIELDS}
# Column ranges (the state database's backend would otherwise decide which integers Django lets through).
INTEGER_RANGES = {
    "SmallIntegerField": 2**15,
    "IntegerField": 2**31,
    "AutoField": 2**31,
    "BigIntegerField": 2**63,
    "BigAutoField": 2**63,
}
IGNORED_MEMBERS = {"meta", "links", "lid"}


@dataclass
class Incoming:
    attributes: dict = field(default_factory=dict)  # model field name -> JSON value
    linkage: dict = field(default_factory=dict)  # relation name -> resource identifier (or None)
    nested: dict = field(default_factory=dict)  # nested attribute (e.g. head) -> {model field name: value}
    client_id: str | None = None  # a client-generated UUID sent in `data.id` on create (lower-case)


def parse(body, resource, rules, *, pk=None):
    """The resource object of a POST (pk None) or PATCH (pk = URL id) document."""
    if not isinstance(body, dict) or "data" not in body:
        raise MalformedDocument("", "The document must be an object with a `data` member.")
    data = body["data"]
    if not isinstance(data, dict):
        raise MalformedDocument("/data", "`data` must be a resource object.")
    client_id = _check_identity(data, resource, rules, pk)
    unknown = set(data) - {"type", "id", "attributes", "relationships"} - IGNORED_MEMBERS
    if unknown:
        raise MalformedDocument(f"/data/{sorted(unknown)[0]}", f"Unknown member {sorted(unknown)[0]!r}.")
    incoming, problems = Incoming(client_id=client_id), []
    _attributes(data.get("attributes", {}), resource, rules, pk is None, incoming, problems)
    _relationships(data.get("relationships", {}), rules, incoming, problems)
    if problems:
        raise DocumentError(problems)
    return incoming


def _check_identity(data, resource, rules, pk):
    """The client-generated id of a create (None: the server makes one)."""
    kind = data.get("type")
    if not isinstance(kind, str):
        raise MalformedDocument("/data/type", "`type` is required.")
    if kind != resource.type:
        raise Conflict("/data/type", f"This endpoint takes {resource.type!r} resources, not {kind!r}.")
    if pk is None:
        return client_id(data, rules) if "id" in data else None
    if not isinstance(data.get("id"), str):
        raise MalformedDocument("/data/id", "`id` is required.")
    if data["id"].lower() != pk.lower():
        raise Conflict("/data/id", "The id does not match the URL.")


def client_id(data, rules):
    """`data.id` of a create: a UUID (any case, canonical 8-4-4-4-12 form) where the type takes client ids
    (JSON:API: 403 where it does not, so an offline client knows to let the server choose)."""
    if not rules.client_ids:
        raise Forbidden("/data/id", "This type does not take client-generated ids: send no `id`.")
    value = data["id"]
    try:
        canonical = str(uuidlib.UUID(value)) if isinstance(value, str) else None
    except ValueError:
        canonical = None
    if canonical is None or canonical != value.lower():
        raise MalformedDocument("/data/id", "A client-generated id must be a UUID (8-4-4-4-12 hexadecimal digits).")
    return canonical


def _attributes(attributes, resource, rules, creating, incoming, problems):
    if not isinstance(attributes, dict):
        raise MalformedDocument("/data/attributes", "`attributes` must be an object.")
    names = {camel(name): name for name in resource.attributes}
    for key, value in attributes.items():
        where = f"/data/attributes/{key}"
        name = names.get(key)
        if key in rules.nested:
            if not creating:
                problems.append((where, f"{key} is only accepted when the resource is created."))
            elif not isinstance(value, dict):
                problems.append((where, "Must be an object."))
            else:
                incoming.nested[key] = _nested(value, *rules.nested[key], where, problems)
        elif key in {camel(n) for n in READ_ONLY}:
            problems.append((where, "This attribute is set by the server."))
        elif name is None:
            problems.append((where, "Unknown attribute."))
        elif name in rules.read_only:
            problems.append((where, "This attribute cannot be written."))
        else:
            message = type_problem(resource.model._meta.get_field(resource.attributes[name]), value)
            if message:
                problems.append((where, message))
            else:
                incoming.attributes[resource.attributes[name]] = value


def _nested(values, target, excluded, where, problems):
    """Another resource's attributes, and its to-one relationships as plain ids (`"gender": "M"`).

    Returns ({model field: value}, {relation name: id}); the caller resolves the ids through the gates.
    """
    attributes = {camel(name): source for name, source in target.attributes.items()}
    relations = {camel(relation.name): relation for relation in target.relations if not relation.many}
    clean, ids = {}, {}
    for key, value in values.items():
        if key in excluded:
            problems.append((f"{where}/{key}", "This attribute is set by the server."))
        elif key in attributes:
            message = type_problem(target.model._meta.get_field(attributes[key]), value)
            if message:
                problems.append((f"{where}/{key}", message))
            else:
                clean[attributes[key]] = value
        elif key in relations:
            if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
                problems.append((f"{where}/{key}", "Must be the id of a related resource, or null."))
            elif isinstance(value, str) and "\x00" in value:  # looked up in the database: PostgreSQL refuses NUL
                problems.append((f"{where}/{key}", "Must not contain NUL characters."))
            else:
                ids[relations[key].name] = None if value is None else str(value)
        else:
            problems.append((f"{where}/{key}", "Unknown attribute."))
    return clean, ids


def _relationships(relationships, rules, incoming, problems):
    if not isinstance(relationships, dict):
        raise MalformedDocument("/data/relationships", "`relationships` must be an object.")
    for key, value in relationships.items():
        where = f"/data/relationships/{key}"
        relation = rules.relations.get(key)
        if relation is None:
            problems.append((where, "Unknown relationship, or one that cannot be written."))
            continue
        if not isinstance(value, dict) or "data" not in value:
            raise MalformedDocument(where, "A relationship must be an object with a `data` member.")
        linkage = value["data"]
        if linkage is not None and not (
            isinstance(linkage, dict) and isinstance(linkage.get("type"), str) and isinstance(linkage.get("id"), str)
        ):
            raise MalformedDocument(f"{where}/data", "Must be null or a resource identifier {type, id}.")
        if linkage is not None and "\x00" in linkage["id"]:  # looked up in the database: PostgreSQL refuses NUL
            raise MalformedDocument(f"{where}/data/id", "Must not contain NUL characters.")
        if linkage is not None and linkage["type"] != relation.target:
            problems.append((f"{where}/data/type", f"Must be a {relation.target!r} resource."))
            continue
        incoming.linkage[relation.name] = linkage


def type_problem(model_field, value):
    """A message when a JSON value cannot be stored in the column at all (None when it may be)."""
    if value is None:
        return None
    target = model_field.target_field if model_field.is_relation else model_field
    if isinstance(target, models.BooleanField):
        return None if isinstance(value, bool) else "Must be true or false."
    if isinstance(value, (dict, list, bool)):
        return "Must be a single value."
    if isinstance(target, (models.IntegerField, models.AutoField)):
        if not isinstance(value, int):
            return "Must be an integer."
        limit = INTEGER_RANGES.get(target.get_internal_type(), 2**31)
        return None if -limit <= value < limit else "Out of range for this column."
    if isinstance(target, (models.DecimalField, models.FloatField)):
        ok = isinstance(value, (int, float)) or isinstance(value, str) and _is_decimal(value)
        return None if ok else "Must be a number."
    if isinstance(target, (models.DateField, models.DateTimeField)):
        return None if isinstance(value, str) else "Must be an ISO 8601 date or date-time string."
    if isinstance(target, models.CharField) or isinstance(target, models.TextField):
        if not isinstance(value, str):
            return "Must be a string."
        return "Must not contain NUL characters." if "\x00" in value else None
    return None


def _is_decimal(text):
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def public_name(resource, key):
    """The camelCase member name of model field `key` in `resource` (attribute or relationship), or None."""
    for name, source in {**resource.attributes, **VERSION_FIELDS}.items():
        if key == source:
            return camel(name)
    for relation in resource.relations:
        if key in (relation.attr, f"{relation.attr}_id"):
            return camel(relation.name)
    return None


def pointer(resource, key, nested=None):
    """The document member a service's field name refers to.

    `nested` maps an attribute holding another resource's values (a family's `head`) to that resource.
    """
    if key == NON_FIELD_ERRORS:
        return "/data"
    member, _, rest = key.partition(".")
    if rest and nested and member in nested:
        return f"/data/attributes/{camel(member)}/{public_name(nested[member], rest) or camel(rest)}"
    if key == "uuid":
        return "/data/id"
    name = public_name(resource, key)
    if name and any(camel(relation.name) == name for relation in resource.relations):
        return f"/data/relationships/{name}"
    return f"/data/attributes/{name or camel(key)}"


def unprocessable(resource, failure, nested=None, status_code=None):
    """A legacy.services ValidationFailed as 422 (or `status_code`) with one pointer per message."""
    return DocumentError(
        [(pointer(resource, key, nested), message) for key, messages in failure.errors.items() for message in messages],
        status_code,
    )
