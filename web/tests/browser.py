"""Headless Chromium for the browser tests (Debian `chromium` + `chromium-driver`; `.ci/run` installs them)."""

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = "/usr/bin/chromedriver"  # Debian's; selenium's own manager would try to download one
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"  # var/ is git-ignored


def chromium():
    missing = [path for path in (CHROMEDRIVER,) if not Path(path).exists()] + [
        name for name in ("chromium",) if shutil.which(name) is None
    ]
    if missing:
        raise RuntimeError(f"missing {missing}: apt-get install chromium chromium-driver (.ci/run does)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def requested_urls(driver):
    """Every URL the browser fetched since the last call (Chrome's performance log), without the requests
    that the page's Content-Security-Policy blocked before they left the browser."""
    urls, blocked = {}, set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params.get("blockedReason") == "csp":
            blocked.add(params["requestId"])
    return [url for request_id, url in urls.items() if request_id not in blocked]


def foreign(urls, base):
    """The URLs that went to another host than `base` (data: and blob: URLs stay in the page)."""
    own = urlsplit(base).netloc
    return [
        url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]
