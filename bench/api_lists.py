"""Time list requests of the read API against plain DRF and stock djangorestframework-jsonapi.

Run: `.venv/bin/python bench/api_lists.py [families] [rounds]` (a throw-away SQLite legacy database).
Each line: median ms per request for a 50-row page, and the SQL query count. The views are in
`bench/lists.py`.
"""

import os
import sys
import tempfile
from pathlib import Path

import django


def run(argv):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LEGACY_DATABASE_URL"] = f"sqlite:///{tmp}/legacy.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/state.sqlite3"
    django.setup()
    from bench.lists import main  # models and views need the app registry

    main(*(int(arg) for arg in argv[:2]))


if __name__ == "__main__":
    run(sys.argv[1:])
