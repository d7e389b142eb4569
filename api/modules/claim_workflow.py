"""The claim workflow endpoints beside the plain writes: submission (one claim or a selection), review
and feedback.

POST /api/claims/<id>/submit    (right 111007, If-Match like PATCH)
POST /api/claims/submit         {"data": [{"type": "claims", "id": ..., "meta": {"etag": ...}}, ...]}
POST /api/claims/<id>/review    {"meta": {"action": "select|unselect|bypass|deliver", "lines": [...]}} (111008)
POST /api/claims/<id>/feedback  {"meta": {"action": "select|unselect|bypass|deliver", "feedback": {...}}} (111009)
POST /api/claims/<id>/process   (111011, If-Match): legacy.services.claims.processing
Submissions answer the claims as read, with the verdict of every current line in `meta.verdicts`
({"claim-items/<id>": {"status": 1|2, "rejectionReason": n}}). Every claim is submitted in its own
transaction (legacy.services.claims.submit_claim); a refused claim is a 4xx naming it, nothing written.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from rest_framework import status
from rest_framework.exceptions import NotFound

from auth_bridge.codes import Right
from legacy import services
from legacy.routers import LEGACY_DB
from legacy.services import claims as claim_services
from legacy.services.claims import codes as claim_codes
from legacy.services.claims import feedback as feedback_services
from legacy.services.claims import processing as processing_services
from legacy.services.claims import review as review_services

from ..actions import ActionRoutes
from ..errors import (
    Conflict,
    DocumentError,
    MalformedDocument,
    PreconditionFailed,
    PreconditionRequired,
    RelatedNotFound,
)
from ..openapi import NO_NUL
from ..writes import gates
from ..writes.actors import actor_for
from ..writes.preconditions import if_match
from . import claim_feedback


def verdicts(verdict):
    return {
        f"{type_}/{pk}": {"status": line_status, "rejectionReason": reason}
        for (type_, pk), (line_status, reason) in sorted(verdict.lines.items())
    }


def valuation(processed):
    return {
        f"{type_}/{pk}": {_camel(column): _plain(value) for column, value in values.items()}
        for (type_, pk), values in sorted(processed.lines.items())
    }


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value  # as attributes are encoded


REVIEWED_LINE = {
    "type": "object",
    "required": ["type", "id"],
    "properties": {
        "type": {"type": "string", "enum": ["claim-items", "claim-services"]},
        "id": {"type": "string", "pattern": "^[0-9]{1,9}$"},
        "qtyApproved": {"type": "number", "minimum": 0, "maximum": 1e15, "nullable": True},
        "priceApproved": {"type": "number", "minimum": 0, "maximum": 1e15, "nullable": True},
        "justification": {"type": "string", "pattern": NO_NUL, "nullable": True},
        "rejected": {"type": "boolean"},
    },
}


def _document_of(member, schema):
    return {"type": "object", "required": [member], "properties": {member: schema}}


def _meta(actions, lines=False, feedback=False):
    properties = {"action": {"type": "string", "enum": actions}}
    if lines:
        properties["lines"] = {"type": "array", "items": REVIEWED_LINE}
    if feedback:
        properties["feedback"] = claim_feedback.FEEDBACK_SCHEMA
    return {"type": "object", "required": ["action"], "properties": properties}


class ClaimWorkflow(ActionRoutes):
    """View mixin of the claims resource (api.actions: api.site adds the URLs)."""

    extra_routes = (
        ("submit-selection", r"submit", {"post": "submit_selection"}),
        ("submit", r"(?P<pk>[^/]+)/submit", {"post": "submit"}),
        ("review", r"(?P<pk>[^/]+)/review", {"post": "review"}),
        # the same URL is the related endpoint of the claim's `feedback` relationship (GET)
        ("feedback", r"(?P<pk>[^/]+)/feedback", {"get": "feedback_related", "post": "feedback"}),
        ("process", r"(?P<pk>[^/]+)/process", {"post": "process"}),
    )
    action_schemas = {
        "submit_selection": _document_of(
            "data",
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["type", "id"],
                    "properties": {
                        "type": {"type": "string", "enum": ["claims"]},
                        "id": {"type": "string", "pattern": NO_NUL},
                        "meta": {"type": "object", "properties": {"etag": {"type": "string"}}},
                    },
                },
            },
        ),
        "review": _document_of("meta", _meta(["select", "unselect", "bypass", "deliver"], lines=True)),
        "feedback": _document_of("meta", _meta(["select", "unselect", "bypass", "deliver"], feedback=True)),
    }
    action_rights = {
        "submit": Right.CLAIM_SUBMIT,
        "submit_selection": Right.CLAIM_SUBMIT,
        "review": Right.CLAIM_REVIEW,
        "feedback": Right.CLAIM_FEEDBACK,
        "process": Right.CLAIM_PROCESS,
    }

    def _stored(self, owner, relation, resource_id, where, mode):
        """The patient of a claim may be named by its insurance number (CHFID) instead of its UUID, as on
        the legacy claim screen: a current insuree inside the same gate."""
        if relation.target != "insurees" or resource_id is None or _is_uuid(resource_id):
            return super()._stored(owner, relation, resource_id, where, mode)
        insuree = gates.rows(self.site.resources["insurees"], self.request.user, mode).filter(chf_id=resource_id)
        pk = insuree.values_list("pk", flat=True).first()
        if pk is None:
            raise RelatedNotFound(where, f"No insurees with id or CHFID {resource_id!r} that you may use here.")
        return pk

    def _submit_one(self, pk, expected):
        return self._workflow(pk, expected, claim_services.submit_claim)

    def _workflow(self, pk, expected, write, *args):
        """`write(row, *args, actor, expected)` on the gated, locked claim; legacy refusals as JSON:API errors."""
        actor = actor_for(self.request.user)
        try:
            with transaction.atomic(using=LEGACY_DB):  # the gate is read again in the locking statement
                row = services.lock(self.resource.model, gates.lookup(self.resource, self.request.user, pk))
                return write(services.Locked(row), *args, actor, expected)
        except claim_services.ClaimRefused as refusal:
            raise DocumentError(refusal.problems, refusal.status) from None
        except services.PreconditionFailed as failure:
            raise PreconditionFailed(failure.current_etag) from None
        except (services.NotFound, services.NotCurrent):
            raise NotFound(f"no current claims with id {pk!r}") from None

    def submit(self, request, pk=None, **kwargs):
        self._found(pk)
        verdict = self._submit_one(pk, if_match(request))
        return self._document(
            [self.visible_entity(verdict.claim.uuid.lower())], many=False, meta={"verdicts": verdicts(verdict)}
        )

    def _found(self, pk):
        if gates.find(self.resource, self.request.user, pk) is None:  # 404 before 428/412, like PATCH
            raise NotFound(f"no claims with id {pk!r} that you may change")

    def review(self, request, pk=None, **kwargs):
        """`meta.action`: select | unselect | bypass | deliver (with `meta.lines`), as the review screen."""
        self._found(pk)
        expected = if_match(request)
        action, meta = _action(request.data, REVIEW_ACTIONS)
        if action == "deliver":
            claim = self._workflow(pk, expected, review_services.deliver_review, _reviewed(meta))
        else:
            claim = self._workflow(pk, expected, review_services.set_review_status, REVIEW_ACTIONS[action])
        return self.render_one(self.visible_entity(claim.uuid.lower()))

    def feedback(self, request, pk=None, **kwargs):
        """`meta.action`: select | unselect | bypass, or deliver with `meta.feedback` (tblFeedback)."""
        self._found(pk)
        expected = if_match(request)
        action, meta = _action(request.data, FEEDBACK_ACTIONS)
        if action == "deliver":
            answers = claim_feedback.answers(meta, self.site, request.user)
            claim = self._workflow(pk, expected, feedback_services.deliver_feedback, answers)
        else:
            claim = self._workflow(pk, expected, review_services.set_feedback_status, FEEDBACK_ACTIONS[action])
        return self.render_one(self.visible_entity(claim.uuid.lower()))

    def feedback_related(self, request, pk=None, **kwargs):
        """GET: the related endpoint of the claim's `feedback` relationship (same URL as the action)."""
        return self.related(request, pk=pk, related_field="feedback")

    def process(self, request, pk=None, **kwargs):
        """Steps 1 and 2 of the legacy processing; `meta.valuation` lists what was written per line."""
        self._found(pk)
        processed = self._workflow(pk, if_match(request), processing_services.process_claim)
        return self._document(
            [self.visible_entity(processed.claim.uuid.lower())], many=False, meta={"valuation": valuation(processed)}
        )

    def submit_selection(self, request, **kwargs):
        selection = _selection(request.data)
        rows = []
        for index, (pk, _) in enumerate(selection):
            row = gates.find(self.resource, request.user, pk)
            if row is None:
                raise DocumentError(
                    [(f"/data/{index}", f"No claims with id {pk!r} that you may submit.")], status.HTTP_404_NOT_FOUND
                )
            if row.status != claim_services.codes.ENTERED:
                raise Conflict(f"/data/{index}", f"Claim {row.code!r} is not entered (status {row.status}).")
            rows.append(row)
        results = {}
        for row, (_, expected) in zip(rows, selection, strict=True):
            results.update(verdicts(self._submit_one(row.uuid, expected)))
        planned = self._planned(self.resource, self.get_queryset().filter(pk__in=[row.pk for row in rows]))
        return self._document(planned.rows(planned.queryset.order_by("pk")), meta={"verdicts": results})


SELECT, UNSELECT, BYPASS = "select", "unselect", "bypass"
REVIEW_ACTIONS = {
    SELECT: claim_codes.SELECTED,
    UNSELECT: claim_codes.NOT_SELECTED,
    BYPASS: claim_codes.BYPASSED,
    "deliver": None,
}
FEEDBACK_ACTIONS = {
    SELECT: claim_codes.SELECTED,
    UNSELECT: claim_codes.NOT_SELECTED,
    BYPASS: claim_codes.BYPASSED,
    "deliver": None,
}
LINE_TYPES = {"claim-items", "claim-services"}


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _action(body, actions):
    meta = body.get("meta") if isinstance(body, dict) else None
    if not isinstance(meta, dict):
        raise MalformedDocument("/meta", "The document must have a `meta` object with an `action`.")
    if meta.get("action") not in actions:
        raise DocumentError([("/meta/action", f"Must be one of {sorted(actions)}.")])
    return meta["action"], meta


def _reviewed(meta):
    """`meta.lines`: [{type, id, qtyApproved, priceApproved, justification, rejected}] -> Reviewed values."""
    lines, problems, reviewed = meta.get("lines"), [], []
    if not isinstance(lines, list) or not lines:
        raise DocumentError([("/meta/lines", "Must be a non-empty list of reviewed lines.")])
    for index, line in enumerate(lines):
        where = f"/meta/lines/{index}"
        if not isinstance(line, dict) or line.get("type") not in LINE_TYPES or not str(line.get("id", "")).isdigit():
            problems.append((where, "Must name a claim-items or claim-services line by type and id."))
            continue
        try:
            values = {
                name: None if line.get(key) is None else Decimal(str(line[key]))
                for key, name in (("qtyApproved", "qty_approved"), ("priceApproved", "price_approved"))
            }
        except ArithmeticError:
            problems.append((where, "qtyApproved and priceApproved must be numbers."))
            continue
        justification, rejected = line.get("justification"), line.get("rejected", False)
        if justification is not None and not isinstance(justification, str) or not isinstance(rejected, bool):
            problems.append((where, "justification must be a string, rejected true or false."))
            continue
        reviewed.append(
            review_services.Reviewed(
                line["type"], int(line["id"]), justification=justification, rejected=rejected, **values
            )
        )
    if problems:
        raise DocumentError(problems)
    return reviewed


def _selection(body):
    """[(claim id, expected etag or None)] from a document of claim resource identifiers."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list) or not data:
        raise MalformedDocument("/data", "`data` must be a non-empty list of claims resource identifiers.")
    selection, required = [], getattr(settings, "API_REQUIRE_IF_MATCH", True)
    for index, identifier in enumerate(data):
        where = f"/data/{index}"
        if not isinstance(identifier, dict) or identifier.get("type") != "claims":
            raise MalformedDocument(where, "Must be a claims resource identifier {type, id}.")
        if not isinstance(identifier.get("id"), str) or "\x00" in identifier["id"]:
            raise MalformedDocument(f"{where}/id", "`id` is required.")
        meta = identifier.get("meta") or {}
        expected = meta.get("etag") if isinstance(meta, dict) else None
        if expected is None and required:
            raise PreconditionRequired()
        selection.append((identifier["id"], expected))
    return selection
