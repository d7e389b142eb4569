"""The claim workflow endpoints beside the plain writes: submission (one claim or a selection).

POST /api/claims/<id>/submit    (right 111007, If-Match like PATCH)
POST /api/claims/submit         {"data": [{"type": "claims", "id": ..., "meta": {"etag": ...}}, ...]}
Both answer the claims as read, with the verdict of every current line in `meta.verdicts`
({"claim-items/<id>": {"status": 1|2, "rejectionReason": n}}). Every claim is submitted in its own
transaction (legacy.services.claims.submit_claim); a refused claim is a 4xx naming it, nothing written.
"""

from django.conf import settings
from django.db import transaction
from rest_framework import status
from rest_framework.exceptions import NotFound

from auth_bridge import codes
from legacy import services
from legacy.routers import LEGACY_DB
from legacy.services import claims as claim_services

from ..writes import gates
from ..writes.actors import actor_for
from ..writes.errors import Conflict, DocumentError, MalformedDocument, PreconditionFailed, PreconditionRequired
from ..writes.preconditions import if_match


def verdicts(verdict):
    return {
        f"{type_}/{pk}": {"status": line_status, "rejectionReason": reason}
        for (type_, pk), (line_status, reason) in sorted(verdict.lines.items())
    }


class ClaimWorkflow:
    """View mixin of the claims resource (see `extra_routes`: api.site adds the URLs)."""

    extra_routes = (
        ("submit-selection", r"submit", {"post": "submit_selection"}),
        ("submit", r"(?P<pk>[^/]+)/submit", {"post": "submit"}),
    )
    action_rights = {"submit": codes.CLAIM_SUBMIT, "submit_selection": codes.CLAIM_SUBMIT}

    @property
    def required_rights(self):
        if self.action in self.action_rights:
            return {"POST": self.action_rights[self.action]}
        return super().required_rights

    def _submit_one(self, pk, expected):
        actor = actor_for(self.request.user)
        try:
            with transaction.atomic(using=LEGACY_DB):  # the gate is evaluated again under the row lock
                row = gates.find(self.resource, self.request.user, pk, lock=True)
                if row is None:
                    raise NotFound(f"no claims with id {pk!r} that you may submit")
                return claim_services.submit_claim(row, actor, expected)
        except claim_services.SubmissionRefused as refusal:
            raise DocumentError(refusal.problems, refusal.status) from None
        except services.PreconditionFailed as failure:
            raise PreconditionFailed(failure.current_etag) from None
        except (services.NotFound, services.NotCurrent):
            raise NotFound(f"no current claims with id {pk!r}") from None

    def submit(self, request, pk=None, **kwargs):
        if gates.find(self.resource, request.user, pk) is None:  # 404 before 428/412, like PATCH
            raise NotFound(f"no claims with id {pk!r} that you may submit")
        verdict = self._submit_one(pk, if_match(request))
        return self._document(
            [self._entity(verdict.claim.uuid.lower())], many=False, meta={"verdicts": verdicts(verdict)}
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
        queryset = self.get_queryset().filter(pk__in=[row.pk for row in rows]).order_by("pk")
        response = self._document(list(self._planned(self.resource, queryset)), meta={"verdicts": results})
        response.status_code = status.HTTP_200_OK
        return response


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
