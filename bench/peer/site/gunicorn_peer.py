"""The peer's gunicorn settings: our product's config/gunicorn.py, read unchanged (same workers, threads)."""

import os
import runpy
import sys

_ROOT = os.environ["PEER_PRODUCT_ROOT"]
sys.path.append(_ROOT)  # after site-packages, for config.gunicorn's own `config.env` import
globals().update(
    {
        name: value
        for name, value in runpy.run_path(os.path.join(_ROOT, "config", "gunicorn.py")).items()
        if not name.startswith("_")
    }
)
