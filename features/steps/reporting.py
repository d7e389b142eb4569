"""A reporting client walking every insuree with cursor pages (`page[after]=`, then `links.next`)."""

from collections import Counter

from behave import then, when

from features import world as w
from legacy import models as m

MAX_PAGES = 1000  # a broken `next` link must fail the scenario, not loop forever


@when("{who} reads all insurees, {size:d} per page, with their families")
def step_walk(context, who, size):
    someone, pages = w.person(context, who), []
    url = f"/api/insurees?page[size]={size}&page[after]=&include=family"
    while url:
        assert len(pages) < MAX_PAGES, f"still a next link after {MAX_PAGES} pages"
        pages.append(w.document(w.get(context, someone, url)))
        url = pages[-1]["links"].get("next")
    context.world.pages = pages


def _insurees(context):
    return [item for page in context.world.pages for item in page["data"]]


@then("{who} receives {count:d} insurees in {pages:d} pages")
def step_count(context, who, count, pages):
    received = len(_insurees(context))
    assert (received, len(context.world.pages)) == (count, pages), (
        f"expected {count} insurees in {pages} pages, got {received} in {len(context.world.pages)}"
    )


@then("each current insuree arrives exactly once, with the current name")
def step_each_once(context):
    received = _insurees(context)
    twice = [id_ for id_, n in Counter(item["id"] for item in received).items() if n > 1]
    assert not twice, f"insurees received more than once: {twice}"
    current = {row.uuid.lower(): row for row in m.Insuree.objects.current()}
    got = {item["id"]: item for item in received}
    assert got.keys() == current.keys(), (
        f"missing: {sorted(current.keys() - got.keys())}; not current: {sorted(got.keys() - current.keys())}"
    )
    for id_, item in got.items():
        names = (item["attributes"]["lastName"], item["attributes"]["otherNames"])
        assert names == (current[id_].last_name, current[id_].other_names), (id_, names)


@then("each page brings along the family of every insuree on it")
def step_families_included(context):
    family_of = {
        row.uuid.lower(): row.family.uuid.lower() for row in m.Insuree.objects.current().select_related("family")
    }
    for number, page in enumerate(context.world.pages, 1):
        included = {res["id"] for res in page.get("included", []) if res["type"] == "families"}
        for item in page["data"]:
            linked = (item["relationships"]["family"]["data"] or {}).get("id")
            assert linked == family_of[item["id"]], f"page {number}: {item['id']} linked to family {linked}"
            assert linked in included, f"page {number}: family {linked} of {item['id']} not included"
