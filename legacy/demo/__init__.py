"""Realistic demo data for the legacy tables, written through the models (`manage.py seed_demo`)."""

from .seed import DemoSeeder, SeedReport

__all__ = ["DemoSeeder", "SeedReport"]
