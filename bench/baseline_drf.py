"""Baseline A: what a plain DRF app does for W1 — a ModelSerializer list of 100 current insurees,
each with its family nested, in one SELECT ... JOIN (select_related), rendered by DRF's JSONRenderer.

No authentication, no COUNT, no JSON:API: the figure W1 is compared with. `baseline_queryset()` is
also the source of baseline B's SQL, so both baselines run exactly the same statement.
"""

from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from legacy.models import Family, Insuree

PAGE_SIZE = 100


def baseline_queryset():
    return Insuree.objects.current().select_related("family").order_by("pk")[:PAGE_SIZE]


class FamilySerializer(serializers.ModelSerializer):
    class Meta:
        model = Family
        fields = "__all__"


class InsureeSerializer(serializers.ModelSerializer):
    family = FamilySerializer(read_only=True)

    class Meta:
        model = Insuree
        fields = "__all__"


class InsureeFamilyList(ListAPIView):
    serializer_class = InsureeSerializer
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = None

    def get_queryset(self):
        return baseline_queryset()
