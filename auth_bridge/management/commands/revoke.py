"""Revoke grants made by `grant` (same arguments)."""

from .grant import Command as GrantCommand


class Command(GrantCommand):
    help = "revoke USER view|change OBJECT_TYPE UUID..."
    remove = True
