"""Two pagination modes on every list.

- Page numbers: `page[number]`, `page[size]` (default 50, max 500), `meta.pagination.count` (see
  `api.totals`: remembered for a few seconds).
- Cursor: `page[after]` (empty to start), keyset on the primary key, no COUNT; `links.next` carries the
  next cursor. The cursor is opaque (base64) and only valid with the default order (no `sort`).
"""

import base64
import binascii

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Func, IntegerField, Subquery
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import totals
from .errors import QueryParameterError


def encode_cursor(pk):
    return base64.urlsafe_b64encode(f"k:{pk}".encode()).decode().rstrip("=")


def decode_cursor(value, pk_field):
    """The primary key value in a cursor, as `pk_field` holds it (an integer id, a reference list's code)."""
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        if not text.startswith("k:"):
            raise ValueError(value)
        return pk_field.to_python(text[2:])
    except (ValueError, ValidationError, binascii.Error, UnicodeDecodeError):
        raise QueryParameterError("page[after]", "page[after] is not a cursor returned by this API") from None


TOTAL = "pagination_total"


def _total(queryset):
    """`SELECT COUNT(pk) FROM <queryset's rows>` as a subquery (a plain function, so no GROUP BY)."""
    counted = queryset.order_by().annotate(**{TOTAL: Func(F("pk"), function="COUNT", output_field=IntegerField())})
    return counted.values(TOTAL)


def _positive(page, key, default):
    raw = page.get(key)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:  # "²".isdigit() is True
        raise QueryParameterError(f"page[{key}]", f"page[{key}] must be a positive integer")
    return int(raw)


class JsonApiPagination(BasePagination):
    def __init__(self):
        self.default_size = getattr(settings, "API_PAGE_SIZE", 50)
        self.max_size = getattr(settings, "API_MAX_PAGE_SIZE", 500)

    def paginate_queryset(self, queryset, request, view=None):
        page = view.query.page
        self.request = request
        self.size = self.page_size(page)
        self.cursor_mode = "after" in page
        if self.cursor_mode:
            return self._cursor_page(queryset, page["after"], view)
        return self._number_page(queryset, page)

    def page_size(self, page):
        """`page[size]` of the parsed `page` parameters ({"size": ...}), checked (400) against the maximum."""
        size = _positive(page, "size", self.default_size)
        if size > self.max_size:
            raise QueryParameterError("page[size]", f"page[size] must not exceed {self.max_size}")
        return size

    def _cursor_page(self, queryset, after, view):
        if view.query.sort:
            raise QueryParameterError("sort", "cursor pagination (page[after]) uses the default order: drop sort")
        if "number" in view.query.page:
            raise QueryParameterError("page[number]", "page[number] and page[after] exclude each other")
        pk = queryset.model._meta.pk.attname
        if after:
            queryset = queryset.filter(**{f"{pk}__gt": decode_cursor(after, queryset.model._meta.pk)})
        rows = list(queryset.order_by(pk)[: self.size + 1])
        self.has_next = len(rows) > self.size
        rows = rows[: self.size]
        self.next_cursor = encode_cursor(rows[-1].pk) if self.has_next else None
        return rows

    def _number_page(self, queryset, page):
        self.number = _positive(page, "number", 1)
        start = (self.number - 1) * self.size
        # The offset is walked on keys only; linkage subqueries and columns are computed for the page's
        # rows, not for every skipped row (PostgreSQL evaluates the select list before OFFSET drops it).
        # One key more than the page tells whether a next page exists, whatever the total says.
        keys = queryset.values("pk")[start : start + self.size + 1]
        rows, counted = queryset.filter(pk__in=keys), _total(queryset)
        remembered = totals.RememberedTotal(counted)
        total = remembered.get()
        if total is None:  # the total rides along as an uncorrelated scalar subquery: no extra round trip
            rows = rows.annotate(**{TOTAL: Subquery(counted)})
        rows = list(rows)
        self.has_next = len(rows) > self.size
        rows = rows[: self.size]
        if not rows:  # an empty page: count apart, fresh (is the page past the end?)
            self.count = queryset.count()
        elif not self.has_next:  # the last page: the total is exact
            self.count = start + len(rows)
        elif total is None:
            self.count = getattr(rows[0], TOTAL)
            remembered.set(self.count)
        else:  # a remembered total (api.totals), never less than what this page shows to exist
            self.count = max(total, start + self.size + 1)
        self.pages = max(1, -(-self.count // self.size))
        return rows  # a page past the last is an empty collection (JSON:API: data [], not an error)

    def _link(self, **values):
        url = self.request.build_absolute_uri()
        for key, value in values.items():
            url = replace_query_param(url, key, value) if value is not None else remove_query_param(url, key)
        return url

    def get_paginated_response(self, data):
        return Response({"results": data, **self.document()})

    def document(self):
        size = self.size
        if self.cursor_mode:
            links = {
                "first": self._link(**{"page[after]": ""}),
                "next": self._link(**{"page[after]": self.next_cursor}) if self.has_next else None,
            }
            return {"links": links, "meta": {"pagination": {"size": size}}}
        number = self.number

        def link(n):
            return self._link(**{"page[number]": n, "page[size]": size})

        links = {
            "first": link(1),
            "last": link(self.pages),
            "prev": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if self.has_next else None,
        }
        meta = {"pagination": {"page": number, "pages": self.pages, "count": self.count, "size": size}}
        return {"links": links, "meta": meta}

    def get_schema_operation_parameters(self, view):
        def param(name, description, schema):
            return {"name": name, "required": False, "in": "query", "description": description, "schema": schema}

        return [
            param(
                "page[number]",
                "Page number (page-number mode, default 1); not with page[after].",
                {"type": "integer", "minimum": 1, "maximum": 999_999_999},
            ),
            param(
                "page[size]",
                f"Rows per page (default {self.default_size}, max {self.max_size}).",
                {"type": "integer", "minimum": 1, "maximum": self.max_size},
            ),
            # Clients only ever build the empty cursor; the next ones are opaque and come from links.next.
            param(
                "page[after]",
                "Cursor mode: empty to start, then follow links.next (no COUNT); not with page[number] or sort.",
                {"type": "string", "enum": [""]},
            ),
        ]
