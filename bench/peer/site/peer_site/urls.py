"""One endpoint, `/api/graphql`, wrapped as the assembly wraps it (JWT cookie support, CSRF-exempt view).

Queries still check the modules' own CSRF token (core.schema: the session's `csrftoken` against the
`X-CSRFToken` header, from the `getCsrfToken` mutation), as every client of the modular backend does.
"""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql_jwt.decorators import jwt_cookie

urlpatterns = [path("api/graphql", jwt_cookie(csrf_exempt(GraphQLView.as_view(graphiql=False))))]
