"""The `aggregate` action of every resource's view set, and its document in every format."""

import json

from django.conf import settings
from django.http import StreamingHttpResponse
from rest_framework.response import Response

from ..errors import QueryParameterError
from ..exports import csv_lines
from ..query import parse as parse_query
from .spec import parse
from .sql import grouped

OWN = ("group", "sum", "avg")


def min_cell():
    """API_AGGREGATE_MIN_CELL: groups with fewer rows are reported as suppressed (0: off)."""
    return getattr(settings, "API_AGGREGATE_MIN_CELL", 0)


class AggregateMixin:
    """`GET /api/<type>/aggregate?group=...`: the list's rows (same gate, `filter[...]`, `filter[asOf]`) counted
    per group in one GROUP BY; `sum=`/`avg=` add sums and averages of numeric attributes."""

    own_query_actions = ("related", "aggregate")

    def aggregate(self, request, **kwargs):
        params = request.query_params
        for key in params:
            if key not in (*OWN, "format") and not key.startswith("filter["):
                raise QueryParameterError(key, f"aggregate takes group, sum, avg, format and filter[...]: not {key}")
        spec = parse(params, self.resource, self.site)
        plain = params.copy()
        for key in OWN:
            plain.pop(key, None)
        self.query = parse_query(plain, self.resource, self.site)
        rows = grouped(spec, self.filter_queryset(self.get_queryset()), request.user, self.query.as_of)
        cells = [self._cells(spec, *row) for row in rows]
        if request.accepted_renderer.format == "csv":
            metrics = [f"{m.function}[{m.attribute}]" for m in spec.metrics]
            header = [*(g.path for g in spec.groups), "count", *metrics, "suppressed"]
            response = StreamingHttpResponse(
                csv_lines(header, ([*v, n, *m, s] for v, n, m, s in cells)), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{self.resource.type}-aggregates.csv"'
            return response
        documents = [self._attributes(spec, *cell) for cell in cells]
        if request.accepted_renderer.format in ("json", "xml") or not self._builds_documents():
            return Response({"results": documents})
        type_ = f"{self.resource.type}-aggregates"
        data = [
            {"type": type_, "id": json.dumps([str(v) if v is not None else None for v in cell[0]]), "attributes": a}
            for cell, a in zip(cells, documents, strict=True)
        ]
        self._resource_name = False  # rendered as built
        meta = {"groups": [g.path for g in spec.groups], "minCell": min_cell()}
        return Response({"data": data, "links": {"self": request.build_absolute_uri()}, "meta": meta})

    @staticmethod
    def _cells(spec, values, count, metrics):
        """(values, count, metrics, suppressed): a group below the minimum cell keeps no number at all."""
        if count < min_cell():
            return values, None, tuple(None for _ in metrics), True
        return values, count, metrics, False

    @staticmethod
    def _attributes(spec, values, count, metrics, suppressed):
        attributes = {}
        for group, value in zip(spec.groups, values, strict=True):
            node = attributes
            for key in group.keys[:-1]:
                node = node.setdefault(key, {})
            node[group.keys[-1]] = value
        attributes["count"] = count
        for metric, value in zip(spec.metrics, metrics, strict=True):
            attributes.setdefault(metric.function, {})[metric.attribute] = value
        attributes["suppressed"] = suppressed
        return attributes
