import pytest

# What Chromium sends for a page it navigates to.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(autouse=True)
def _fresh_rights(fresh_rights):
    """Rights read fresh (the root conftest's `fresh_rights`)."""
