"""The single gate for every read of legacy rows: `visible(queryset, user)`.

Every list, detail, include, related link, relationship endpoint, filter and sort must start from a
queryset passed through `visible`. It adds one WHERE condition (joins and subqueries on the legacy
database) and reads grants with one query on the state database, so its cost does not grow with rows.

Rules (see `rules.py` for each model): administrators and `--all-locations` technical clients see every
row; everyone else sees the rows their districts admit OR the rows an object grant admits. Reference
and catalogue tables are visible to any principal (rights still gate the endpoints). Unknown models and
anonymous callers see nothing.
"""

from django.db.models import Q

from .grants import granted
from .rights import principal_for
from .rules import RULES


def visible(queryset, who):
    """`queryset` narrowed to the rows `who` (a Principal, or an authenticated user) may read."""
    return _gate(queryset, who, ("view", "change"))


def changeable(queryset, who):
    """`queryset` narrowed to the rows `user` may modify: like `visible`, but only `change` grants count.

    The legacy right of the write (e.g. 101103) is still checked by `HasLegacyRight` on the endpoint.
    """
    return _gate(queryset, who, ("change",))


def is_public(model):
    """True for tables any principal reads whole (reference lists, catalogue): `visible` adds no condition
    for them, so a reader holding a valid foreign key to such a row may show it without re-reading it."""
    rule = RULES.get(model)
    return rule is not None and rule.public


def _gate(queryset, who, actions):
    principal = principal_for(who)
    if principal is None:
        return queryset.none()
    rule = RULES.get(queryset.model)
    if rule is None:
        return queryset.none()
    if rule.public or not principal.is_scoped:
        return queryset
    condition = rule.scope(principal) | _granted_condition(rule, queryset.model, granted(principal, actions))
    return queryset.filter(condition)


def _granted_condition(rule, model, grants):
    condition = Q(pk__in=[])
    own = grants.get(model)
    if own:
        condition |= Q(pk__in=own)
        if rule.versioned:
            condition |= Q(legacy_id__in=own)  # the history rows of a granted entity
    for path, target in rule.grant_paths:
        pks = grants.get(target)
        if pks:
            condition |= Q(**{f"{path}__in": pks})
    return condition
