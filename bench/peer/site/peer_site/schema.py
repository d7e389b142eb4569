"""The peer's GraphQL schema: the modules' own Query and Mutation classes, combined as the assembly does."""

import importlib

import graphene

from .settings import SCHEMA_MODULES


def _parts(name):
    parts = []
    for module in SCHEMA_MODULES:
        schema = importlib.import_module(f"{module}.schema")
        if hasattr(schema, name):
            parts.append(getattr(schema, name))
    return parts


Query = type("Query", (*_parts("Query"), graphene.ObjectType), {})
Mutation = type("Mutation", (*_parts("Mutation"), graphene.ObjectType), {})
schema = graphene.Schema(query=Query, mutation=Mutation)
