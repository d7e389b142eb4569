"""A person in a real browser (headless Chromium): landing page -> docs -> login -> insurees -> logout.

Asserts what the page shows, proves with Chrome's performance log that nothing is fetched from another
host, and saves a screenshot of every step under var/screenshots/ (git-ignored) to look at.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from legacy.demo import DemoSeeder
from legacy.models import Insuree

from .browser import chromium, foreign, requested_urls, screenshot

pytestmark = pytest.mark.django_db(databases=["default", "legacy"], transaction=True)
TITLE = "openIMIS legacy adapter API"  # SPECTACULAR_SETTINGS["TITLE"]


@pytest.fixture
def driver():
    browser = chromium()
    yield browser
    browser.quit()


@pytest.fixture
def demo(empty_legacy_tables):
    DemoSeeder(families=8).run()


def wait_for_text(driver, css, text, timeout=60):
    WebDriverWait(driver, timeout).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


def wait_for_url(driver, url, timeout=60):
    """A click that submits a form returns before the next page loads: wait for it, then read it."""
    WebDriverWait(driver, timeout).until(ec.url_to_be(url))


def visible_text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def test_a_newcomer_walks_from_the_landing_page_to_the_insurees_and_out(live_server, driver, demo):
    base = live_server.url
    driver.get(base + "/")
    assert driver.title == "openIMIS legacy REST API"
    text = visible_text(driver)
    assert "existing openIMIS legacy database" in text
    assert "Admin admin123 IMIS Administrator all locations" in text  # development mode: the demo logins
    screenshot(driver, "01-landing")
    assert not foreign(requested_urls(driver), base)

    driver.find_element(By.LINK_TEXT, "API docs (Swagger UI)").click()
    wait_for_text(driver, ".swagger-ui .info .title", TITLE)
    # Swagger UI renders a long list of operations lazily (virtualized at 150 tags and operations): a person
    # looks an operation up with the filter box, by tag.
    driver.find_element(By.CSS_SELECTOR, ".swagger-ui input.operation-filter-input").send_keys("insurees")
    wait_for_text(driver, ".swagger-ui", "/api/insurees/{id}/coverage")
    wait_for_text(driver, ".swagger-ui", "/api/insurees/aggregate")
    screenshot(driver, "02-swagger-ui")
    assert not foreign(requested_urls(driver), base)

    driver.back()
    driver.find_element(By.LINK_TEXT, "API reference (ReDoc)").click()
    wait_for_text(driver, "h1", TITLE)
    wait_for_text(driver, "body", "insurees")
    screenshot(driver, "03-redoc")
    urls = requested_urls(driver)
    assert any("/static/drf_spectacular_sidecar/redoc/" in url for url in urls)
    assert not foreign(urls, base), foreign(urls, base)

    driver.get(base + "/api/insurees")  # a bookmarked page, not logged in
    assert "You are not logged in." in visible_text(driver)
    screenshot(driver, "04-not-logged-in")
    driver.find_element(By.CSS_SELECTOR, ".alert a").click()
    wait_for_text(driver, "h1", "Log in")

    driver.find_element(By.NAME, "username").send_keys("Admin")
    driver.find_element(By.NAME, "password").send_keys("wrong")
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait_for_text(driver, "body", "Invalid login or password.")
    screenshot(driver, "05-wrong-password")

    driver.find_element(By.NAME, "password").send_keys("admin123")
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait_for_url(driver, base + "/api/insurees")  # back where the visitor wanted to go
    text = visible_text(driver)
    head = Insuree.objects.current().order_by("chf_id").first()
    assert "Insuree" in driver.find_element(By.TAG_NAME, "h1").text
    assert f'"count": {Insuree.objects.current().count()}' in text and '"chfId"' in text
    assert "Admin" in driver.find_element(By.CSS_SELECTOR, ".navbar").text
    assert head is not None
    screenshot(driver, "06-insurees")
    assert not foreign(requested_urls(driver), base)

    driver.find_element(By.XPATH, "//button[normalize-space()='Log out']").click()
    wait_for_url(driver, base + "/")
    assert driver.find_element(By.LINK_TEXT, "Log in")
    screenshot(driver, "07-logged-out")
    driver.get(base + "/api/insurees")
    assert "You are not logged in." in visible_text(driver)
