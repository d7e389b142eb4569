"""Claims: entry (entry.py), the legacy submission checks (facts.py, checks.py, submission.py), review and
feedback (review.py). The codes of statuses and rejection reasons are in codes.py."""

from .entry import ITEMS, SERVICES, create_claim, create_line, delete_claim, delete_line, update_claim, update_line
from .submission import ClaimRefused, Verdict, submit_claim

__all__ = [
    "ITEMS",
    "SERVICES",
    "ClaimRefused",
    "Verdict",
    "create_claim",
    "create_line",
    "delete_claim",
    "delete_line",
    "submit_claim",
    "update_claim",
    "update_line",
]
