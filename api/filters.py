"""Filtering (`filter[field]`, `filter[field.lookup]`, `filter[search]`) and sorting backends.

FilterSets are generated from the resource declarations. Errors become 400s pointing at the parameter.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import ForeignKey
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, SearchFilter
from rest_framework_json_api.django_filters import DjangoFilterBackend

from . import selectors
from .errors import QueryParameterError
from .query import camel, public_columns

SEARCH_PARAM = "filter[search]"
OWN_FILTERS = {SEARCH_PARAM, "filter[asOf]"}
AS_OF_PARAMETER = {  # OpenAPI; also on detail, related and relationship reads (api/openapi.py)
    "name": "filter[asOf]",
    "required": False,
    "in": "query",
    "schema": {"type": "string", "format": "date-time"},
    "description": "Rows as they were at this moment (legacy history): the resources and what they link to.",
}


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


class NaiveDateTimeField(forms.DateTimeField):
    """Legacy date-times are naive local time: an offset is dropped, not converted (like filter[asOf])."""

    def to_python(self, value):
        moment = super().to_python(value)
        return moment.replace(tzinfo=None) if moment is not None else None


class NaiveDateTimeFilter(django_filters.DateTimeFilter):
    field_class = NaiveDateTimeField


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is a 400. django-filter's default reads `maybe` as "no filter",
    which silently answers every row."""

    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() not in self.VALUES:
            raise forms.ValidationError("expected true or false", code="invalid")
        return self.VALUES[str(value).lower()]


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class LegacyFilterSet(django_filters.FilterSet):
    """Base of the generated FilterSets: date-time values become naive (an aware one is a 500 on SQLite
    and a silent conversion on PostgreSQL); booleans are strict."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.DateTimeField: {"filter_class": NaiveDateTimeFilter},
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }


class RelatedIdFilter(django_filters.CharFilter):
    """`filter[family]=<id>`: rows whose related resource has this id and is visible to the caller."""

    def __init__(self, paths, **kwargs):
        self.paths = paths
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        return selectors.by_uuid_paths(qs, self.paths, value, self.parent.request.user)


def build_filterset(resource):
    """A django-filter FilterSet for `resource`: declared lookups plus filters by related ids."""
    declared, plain, columns = {}, {}, public_columns(resource)
    for name, lookups in resource.filters.items():
        field = resource.model._meta.get_field(columns.get(name, name))
        for lookup in lookups:
            key = name if lookup == "exact" else f"{name}__{lookup}"
            if isinstance(field, ForeignKey):  # reference codes: compare the column, no choice query
                cls = CharInFilter if lookup == "in" else django_filters.CharFilter
                declared[key] = cls(field_name=field.attname, lookup_expr=lookup)
            elif field.name != name:  # public name differs from the model field (validFrom)
                declared[key] = LegacyFilterSet.filter_for_field(field, field.name, lookup)
            else:
                plain.setdefault(name, []).append(lookup)
    for name, paths in resource.uuid_filters.items():
        declared[name] = RelatedIdFilter(paths)
    meta = type("Meta", (), {"model": resource.model, "fields": plain})
    return type(resource.class_name("FilterSet"), (LegacyFilterSet,), {**declared, "Meta": meta})


def _parameter(key):
    return f"filter[{camel(key.split('__')[0])}{''.join('.' + part for part in key.split('__')[1:])}]"


class FilterBackend(DjangoFilterBackend):
    """DJA's `filter[...]` parsing; unknown filters and bad values answer 400 with `source.parameter`."""

    search_param = SEARCH_PARAM

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        for key in OWN_FILTERS:
            kwargs["data"].pop(key, None)
        kwargs["filter_keys"] = [key for key in kwargs["filter_keys"] if key != "as_of"]  # see api.query
        return kwargs

    def _validate_filter(self, keys, filterset_class):
        for key in keys:
            if filterset_class is None or key not in filterset_class.base_filters:
                raise QueryParameterError(_parameter(key), f"unknown filter: {_parameter(key)}")

    def filter_queryset(self, request, queryset, view):
        if not any(key.startswith("filter[") and key not in OWN_FILTERS for key in request.query_params):
            return queryset  # nothing to filter: no filterset and form classes built for this request
        try:
            filterset = self.get_filterset(request, queryset, view)
        except QueryParameterError:
            raise
        except ValidationError as exc:
            raise QueryParameterError(
                "filter", str(exc.detail[0] if isinstance(exc.detail, list) else exc.detail)
            ) from None
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            key, messages = next(iter(filterset.errors.items()))
            raise QueryParameterError(_parameter(key), f"{_parameter(key)}: {' '.join(messages)}")
        return filterset.qs


class SearchBackend(SearchFilter):
    """`filter[search]`: every term in one of the resource's search fields; related fields only through
    rows the caller may see."""

    search_param = SEARCH_PARAM

    def filter_queryset(self, request, queryset, view):
        if SEARCH_PARAM in request.query_params and not view.search_fields:
            raise QueryParameterError(SEARCH_PARAM, f"{view.resource.type} have no full-text search")
        terms = self.get_search_terms(request)
        if not terms:
            return queryset
        return selectors.search(queryset, view.search_fields, terms, request.user)

    def get_schema_operation_parameters(self, view):
        """filter[search] only where the resource declares search fields (elsewhere it is a 400)."""
        return super().get_schema_operation_parameters(view) if getattr(view, "search_fields", None) else []


class SortBackend(BaseFilterBackend):
    """`sort` (validated by api.query) plus the primary key last, so every order is total and stable."""

    def filter_queryset(self, request, queryset, view):
        pk = queryset.model._meta.pk.attname
        terms = list(view.query.sort)
        if not any(term.lstrip("-") in (pk, "pk") for term in terms):
            terms.append(pk)
        return queryset.order_by(*terms)

    def get_schema_operation_parameters(self, view):
        keys = ", ".join(camel(key) for key in view.resource.sort)
        params = [
            {
                "name": "sort",
                "required": False,
                "in": "query",
                "schema": {"type": "string"},
                "description": f"Comma-separated sort keys, '-' for descending: id, {keys}.",
            }
        ]
        if view.resource.versioned:
            params.append(AS_OF_PARAMETER)
        return params
