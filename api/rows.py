"""The row value of the read path: what `api.selectors.planned` hands to serializers, encoders and exports.

A `Row` is a model instance (its columns narrowed to the response's) plus what the caller may see of its
relationships, read through the gate by the selectors. Serializer fields and encoders read linkage and
included rows from here, never from attributes hidden on the instance.
"""

from typing import NamedTuple

from django.db import models


class Row(NamedTuple):
    """One row of a read.

    `linkage`: relationship name -> the linked id or None (to-one), the list of linked ids (to-many), for
    each wanted relationship that is not included. `included`: relationship name -> the related `Row` or
    None (to-one), the list of related `Row`s (to-many), for each included relationship. A relationship in
    neither was not asked for.
    """

    instance: models.Model
    linkage: dict
    included: dict

    def related(self, name):
        """The included rows of relationship `name`, as a list."""
        value = self.included[name]
        if isinstance(value, list):
            return value
        return [] if value is None else [value]
