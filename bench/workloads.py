"""The requests the bench measures (paths relative to the product server) and the demo logins."""

from dataclasses import dataclass

PAGE_SIZE = 100
DEEP_PAGE = 5000
ADMIN = ("Admin", "admin123")  # seed_demo: IMIS administrator
CLERK = ("Clerk", "clerk123")  # seed_demo: district clerk of R1D1
TOKEN_PATH = "/api/auth/token"
LIST = "/api/insurees"


@dataclass(frozen=True)
class Workload:
    name: str
    path: str
    login: tuple = ADMIN


W1 = Workload("W1", f"{LIST}?page[size]={PAGE_SIZE}&include=family")
W1_CURSOR = Workload("W1_cursor", f"{LIST}?page[size]={PAGE_SIZE}&include=family&page[after]=")
W1_SMALL = Workload("W1_size10", f"{LIST}?page[size]=10&include=family")  # query count must not depend on size
W2 = Workload("W2", W1.path, CLERK)
W3 = Workload("W3", f"{LIST}?page[size]={PAGE_SIZE}&fields[insurees]=chfId,lastName")
W5_CURSOR_FIRST = Workload("W5_cursor_p1", f"{LIST}?page[size]={PAGE_SIZE}&page[after]=")
W5_NUMBER_FIRST = Workload("W5_number_p1", f"{LIST}?page[number]=1&page[size]={PAGE_SIZE}")
W6 = Workload("W6", f"{LIST}?format=csv")
# A reporting client copying insurees and families: the first change-feed page of 100 (api/changes)
W7 = Workload("W7", f"/api/changes?filter[since]=2000-01-01&filter[type]=insurees,families&page[size]={PAGE_SIZE}")
# Current insurees counted per district (family > village > ward > district), one GROUP BY (api/aggregates)
W8 = Workload("W8", f"{LIST}/aggregate?group=family.location.parent.parent")


def single(resource_id):
    """W4: one insuree (the first of W1's page)."""
    return Workload("W4", f"{LIST}/{resource_id}")


def cursor_page(cursor, page):
    return Workload(f"W5_cursor_p{page}", f"{LIST}?page[size]={PAGE_SIZE}&page[after]={cursor}")


def number_page(page):
    return Workload(f"W5_number_p{page}", f"{LIST}?page[number]={page}&page[size]={PAGE_SIZE}")


def deep_page(current_insurees):
    """Page 5,000, or the last full page when the database is smaller than 5,000 pages."""
    return max(1, min(DEEP_PAGE, current_insurees // PAGE_SIZE))
