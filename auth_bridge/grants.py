"""Object-level grants (django-guardian) on legacy rows, read as primary-key lists.

The grants live in the state database and the legacy rows in another one, so no join is possible:
`granted(user)` reads every legacy object the user (or one of the user's groups) holds `view` or
`change` on, in ONE query, and `visible` filters by those primary keys (index use, no text casts).
"""
from collections import defaultdict

from django.apps import apps
from django.db.models import Q
from guardian.models import GroupObjectPermission, UserObjectPermission

from .cache import request_memo

GRANT_ACTIONS = ("view", "change")


def granted(user):
    """{legacy model class: frozenset of pks} granted to `user` directly or through its groups."""
    return request_memo(("grants", user.pk), lambda: _load(user))


def _load(user):
    actions = Q()
    for action in GRANT_ACTIONS:
        actions |= Q(permission__codename__startswith=f"{action}_")
    legacy = Q(content_type__app_label="legacy") & actions
    direct = UserObjectPermission.objects.filter(legacy, user_id=user.pk)
    via_groups = GroupObjectPermission.objects.filter(legacy, group__user=user.pk)
    rows = direct.values_list("content_type__model", "object_pk").union(
        via_groups.values_list("content_type__model", "object_pk")
    )
    pks = defaultdict(set)
    for model_name, object_pk in rows:
        try:
            pks[apps.get_model("legacy", model_name)].add(int(object_pk))
        except (LookupError, ValueError):
            continue  # a grant on a model or key we do not scope: ignored (deny by default)
    return {model: frozenset(values) for model, values in pks.items()}
