"""Object-level grants (django-guardian) on legacy rows, read as primary-key lists.

The grants live in the state database and the legacy rows in another one, so no join is possible:
`granted(user)` reads every legacy object the user (or one of the user's groups) holds `view` or
`change` on, in ONE query, and `visible` filters by those primary keys (index use, no text casts).
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Q
from guardian.models import GroupObjectPermission, UserObjectPermission

from . import recent
from .cache import request_memo

GRANT_ACTIONS = ("view", "change")


def granted(principal, actions=GRANT_ACTIONS):
    """{legacy model class: frozenset of pks} on which the principal's Django user, directly or through its
    groups, holds one of `actions` (`change` implies `view`: reads count both, writes only `change`)."""
    if principal.user_id is None or principal.has_grants is False:  # the token lookup said: none
        return {}
    actions = tuple(actions)
    return request_memo(("grants", principal.user_id, actions), lambda: _load(principal.user_id, actions))


def has_grants(user_ref):
    """Expression: does the user at `user_ref` (an OuterRef in a state-DB query) hold any legacy grant,
    directly or through a group? Lets the token lookup skip the grants query of most requests."""
    legacy = Q(content_type__app_label="legacy")
    return Exists(UserObjectPermission.objects.filter(legacy, user_id=user_ref)) | Exists(
        GroupObjectPermission.objects.filter(legacy, group__user=user_ref)
    )


def _load(user_id, actions):
    codenames = Q()
    for action in actions:
        codenames |= Q(permission__codename__startswith=f"{action}_")
    legacy = Q(content_type__app_label="legacy") & codenames
    direct = UserObjectPermission.objects.filter(legacy, user_id=user_id)
    via_groups = GroupObjectPermission.objects.filter(legacy, group__user=user_id)
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


def _permission_rows(holder, action, obj):
    """The guardian model, and the lookup of the grant of `action` on legacy row `obj` to `holder`.

    Guardian's own `assign_perm` cannot be used on legacy rows: its model's save() loads the target
    object through the content type in the state database, where legacy tables do not exist.
    """
    if action not in GRANT_ACTIONS:
        raise ValueError(f"action must be one of {GRANT_ACTIONS}, got {action!r}")
    content_type = ContentType.objects.db_manager("default").get_for_model(type(obj))
    permission = Permission.objects.get(content_type=content_type, codename=f"{action}_{content_type.model}")
    model, field = (GroupObjectPermission, "group") if isinstance(holder, Group) else (UserObjectPermission, "user")
    lookup = {field: holder, "permission": permission, "content_type": content_type, "object_pk": str(obj.pk)}
    return model, lookup


def grant(holder, action, obj):
    """Grant `view` or `change` on legacy row `obj` to a state-database user or group (idempotent)."""
    model, lookup = _permission_rows(holder, action, obj)
    if not model.objects.filter(**lookup).exists():
        model.objects.bulk_create([model(**lookup)])  # bulk_create: skips guardian's cross-database save()
        recent.forget_all()  # (and the post_save signal): remembered token rows carry the has-grants flag


def revoke(holder, action, obj):
    model, lookup = _permission_rows(holder, action, obj)
    model.objects.filter(**lookup).delete()
