"""W9: claim submissions per second (`POST /api/claims/<id>/submit`, uspSubmitSingleClaim's checks).

A submission changes its claim for good (status 2 -> 4 or 1), so each claim is submitted once: the bench
picks entered claims (status 2, with current lines) of the bench database, reads each one's ETag first
(unmeasured), then `clients` threads submit them with `If-Match` for at most `duration` seconds. Every
run uses up the claims it submits (a 100k database has about 2,800 entered claims, a 1M one 28,000).
"""

import http.client
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg

SUBMIT = "/api/claims/{id}/submit"
ENTERED = """
SELECT c."ClaimUUID" FROM "tblClaim" c
WHERE c."ValidityTo" IS NULL AND c."ClaimStatus" = 2
  AND EXISTS (SELECT 1 FROM "tblClaimItems" i WHERE i."ClaimID" = c."ClaimID" AND i."ValidityTo" IS NULL)
ORDER BY c."ClaimID" LIMIT %s
"""


@dataclass
class Submissions:
    submitted: int
    failed: int
    seconds: float

    @property
    def rps(self):
        return self.submitted / self.seconds if self.seconds else 0.0


def entered_claims(legacy_url, limit):
    with psycopg.connect(legacy_url) as conn:
        return [str(row[0]).lower() for row in conn.execute(ENTERED, (limit,)).fetchall()]


def etags(base_url, headers, ids):
    """(id, ETag) of each claim the API answers 200 for."""
    tagged = []
    for claim_id in ids:
        status, _, tag = _call(base_url, "GET", f"/api/claims/{claim_id}", headers)
        if status == 200 and tag:
            tagged.append((claim_id, tag))
    return tagged


def submit_all(base_url, headers, tagged, duration, clients):
    """Submit each (id, ETag) once, `clients` at a time, until done or `duration` seconds are over."""
    pending, lock, counts = list(reversed(tagged)), threading.Lock(), {"ok": 0, "failed": 0}
    deadline = time.monotonic() + duration

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if not pending:
                    return
                claim_id, tag = pending.pop()
            status, _, _ = _call(base_url, "POST", SUBMIT.format(id=claim_id), {**headers, "If-Match": tag}, b"")
            with lock:
                counts["ok" if status == 200 else "failed"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Submissions(counts["ok"], counts["failed"], time.monotonic() - started)


def _call(base_url, method, path, headers, body=None):
    """(status, body, ETag header) of one request on a fresh connection."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **headers})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("ETag")
    finally:
        conn.close()
