"""The single gate for every read of legacy rows: `visible(queryset, user)`.

Every list, detail, include, related link, relationship endpoint, filter and sort must start from a
queryset passed through `visible`. STUB (foundation): administrators see everything, everyone else
nothing. The auth-bridge issue adds location scoping and object grants here.
"""
from .rights import principal_for


def visible(queryset, user):
    principal = principal_for(user)
    if principal is None:
        return queryset.none()
    if principal.is_admin:
        return queryset
    return queryset.none()
