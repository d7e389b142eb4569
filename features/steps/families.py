"""Listing families: what each person may see."""

from collections import Counter

from behave import then, when

from features import world as w
from legacy import models as m


@when("{who} lists the families")
def step_list_families(context, who):
    context.world.listing = w.get(context, w.person(context, who), "/api/families?page[size]=500")


def _seen(context, expected_count):
    doc = w.document(context.world.listing)
    ids = [item["id"] for item in doc["data"]]
    assert len(ids) == len(set(ids)), f"a family was listed twice: {ids}"
    rows = w.families_by_id(ids)
    assert set(ids) == set(rows), f"listed ids that are no family: {set(ids) - set(rows)}"
    assert len(ids) == expected_count, f"expected {expected_count} families, saw {len(ids)}"
    return Counter(w.district_of_family(row) for row in rows.values())


@then("{who} sees {count:d} families, all in {district}")
def step_sees_all_in(context, who, count, district):
    assert _seen(context, count) == Counter({district: count})


@then("{who} sees {count:d} families: {breakdown}")
def step_sees_breakdown(context, who, count, breakdown):
    """`breakdown` reads like "3 in Rajo and 2 in Sela"."""
    expected = Counter()
    for part in breakdown.replace(" and ", ", ").split(", "):
        number, _, district = part.partition(" in ")
        expected[district.strip()] = int(number)
    assert sum(expected.values()) == count, f"the breakdown {breakdown!r} does not add up to {count}"
    seen = _seen(context, count)
    assert seen == expected, f"expected {dict(expected)}, saw {dict(seen)}"


@then("{who} is refused for lack of rights")
def step_refused_rights(context, who):
    response = context.world.listing
    assert response.status_code == 403, f"expected 403, got {response.status_code}: {response.content[:300]!r}"
    assert response["Content-Type"].startswith(w.JSONAPI) and response.json()["errors"], response.content


@then("{who} sees no family")
def step_sees_nothing(context, who):
    content = context.world.listing.content.decode().lower()
    assert '"data"' not in content, content
    leaked = [row.uuid for row in m.Family.objects.all() if row.uuid.lower() in content]
    assert not leaked, f"families leaked into the refusal: {leaked}"
