"""A tiny DRF resource per legacy area, guarded exactly like the API's (rights + `visible`), for tests."""

from django.urls import include, path
from rest_framework import generics, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from auth_bridge import codes
from auth_bridge.scoping import changeable, visible
from legacy import models as m

AREAS = {
    "family": m.Family,
    "insuree": m.Insuree,
    "policy": m.Policy,
    "premium": m.Premium,
    "claim": m.Claim,
    "product": m.Product,
    "health_facility": m.HealthFacility,
    "location": m.Location,
    "user": m.User,
    "role": m.Role,
    "officer": m.Officer,
}


def resource(area, model):
    class Pk(serializers.ModelSerializer):
        class Meta:
            fields = ["id"]

    Pk.Meta.model = model

    class Resource(generics.GenericAPIView):
        serializer_class = Pk
        renderer_classes = [JSONRenderer]  # plain lists of pks, whatever the project's default renderer
        required_rights = codes.required_rights(area)

        def get_queryset(self):
            gate = visible if self.request.method == "GET" else changeable
            return gate(model.objects.order_by("pk"), self.request.user)

        def get(self, request, pk=None):
            if pk is None:
                return Response([row.pk for row in self.get_queryset()])
            return Response(self.get_serializer(self.get_object()).data)

        def post(self, request):
            return Response({}, status=201)

        def patch(self, request, pk):
            return Response(self.get_serializer(self.get_object()).data)

        def delete(self, request, pk):
            self.get_object()
            return Response(status=204)

    return Resource.as_view()


urlpatterns = [
    path("api/auth/", include("auth_bridge.urls")),
    *[
        p
        for area, model in AREAS.items()
        for p in (path(f"probe/{area}", resource(area, model)), path(f"probe/{area}/<int:pk>", resource(area, model)))
    ],
]
