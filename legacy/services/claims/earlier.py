"""The insuree's earlier claims that CHECKS 5, 11-15/19 and 16 of `uspSubmitSingleClaim` count, read once
per submission (three statements whatever the number of lines) instead of one query per limited line as the
procedure's cursors do: current claims past entry (ClaimStatus > 2) of the claim's insuree, and their current
lines without a rejection reason for the items and services of this claim."""

from dataclasses import dataclass

from legacy.models import Claim
from legacy.routers import LEGACY_DB

from . import codes


@dataclass(frozen=True)
class EarlierLine:
    register_id: int
    status: int
    qty_provided: object
    target_date: object  # ISNULL(DateTo, DateFrom) of its claim


@dataclass(frozen=True)
class Earlier:
    lines: dict  # "item" / "service" -> [EarlierLine]
    categories: list  # [(target date, ClaimCategory)] of the earlier claims

    def of(self, kind, register_id):
        return [line for line in self.lines.get(kind.field, ()) if line.register_id == register_id]


def gather(facts, ids_by_kind):
    """`ids_by_kind`: {LineKind: register ids of this claim's lines}."""
    insuree_id = facts.claim.insuree_id
    lines = {}
    for kind, ids in ids_by_kind.items():
        rows = (
            kind.model.objects.using(LEGACY_DB)
            .filter(
                claim__insuree_id=insuree_id,
                claim__status__gt=codes.ENTERED,
                claim__validity_to__isnull=True,
                validity_to__isnull=True,
                rejection_reason=0,
                **{f"{kind.field}_id__in": sorted(set(ids))},
            )
            .order_by("pk")
            .values_list(f"{kind.field}_id", "status", "qty_provided", "claim__date_from", "claim__date_to")
        )
        lines[kind.field] = [
            EarlierLine(register_id, status, qty, date_to or date_from)
            for register_id, status, qty, date_from, date_to in (rows if ids else ())
        ]
    claims = (
        Claim.objects.using(LEGACY_DB)
        .current()
        .filter(insuree_id=insuree_id, status__gt=codes.ENTERED)
        .order_by("pk")
        .values_list("date_from", "date_to", "claim_category")
    )
    return Earlier(lines, [(date_to or date_from, category) for date_from, date_to, category in claims])


def within(day, insuree_policy):
    """`ISNULL(DateTo, DateFrom) BETWEEN <insuree effective date> AND <insuree expiry date>`."""
    return insuree_policy.effective_date <= day <= insuree_policy.expiry_date
