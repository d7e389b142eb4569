"""Settings of the bench's own server: the product settings plus the baseline-A URL (bench.urls).

Never used by the product; the harness sets DJANGO_SETTINGS_MODULE=bench.settings for the processes it
starts, so the product URLconf stays free of benchmark views.
"""

from config.settings import *  # noqa: F401,F403
from config.settings import DATABASES

ROOT_URLCONF = "bench.urls"

if "DATABASE_CONN_MAX_AGE" not in globals():
    # Until the operations settings (persistent connections, default 60 s) are merged, keep connections
    # open as they will be, so that baseline A measured now stays comparable with later runs.
    for _config in DATABASES.values():
        _config["CONN_MAX_AGE"] = 60
