"""One file per openIMIS-like module; each declares `MODULE` (see api.registry)."""

TEXT = ["exact", "in", "icontains", "istartswith"]
CODE = ["exact", "in", "istartswith"]
RANGE = ["exact", "gte", "lte", "gt", "lt"]
NUMBER = ["exact", "in", "gte", "lte"]


def attrs(*names, **renamed):
    """Attribute map: output name -> model field (same name unless renamed)."""
    return {**{name: name for name in names}, **renamed}
