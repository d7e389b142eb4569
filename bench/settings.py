"""Settings of the bench's own server: the product settings plus the baseline-A URL (bench.urls).

Never used by the product; the harness sets DJANGO_SETTINGS_MODULE=bench.settings for the processes it
starts, so the product URLconf stays free of benchmark views.
"""
from config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
