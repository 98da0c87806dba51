"""One Seguia server and one Chromium for the whole browser session."""
import os
import sys

import pytest
from playwright.sync_api import sync_playwright

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "reliability"))
from server import Server  # noqa: E402

SCREENSHOTS = os.path.join(os.path.dirname(__file__), "screenshots")
WIDTHS = {"desktop": 1280, "phone": 360}


@pytest.fixture(scope="session")
def seguia():
    """The running server itself, for what a test prepares through its command line."""
    running = Server(os.environ.get("SEGUIA_BINARY", ".build/debug/seguia"))
    running.start()
    yield running
    running.cleanup()


@pytest.fixture(scope="session")
def server(seguia):
    return f"http://127.0.0.1:{seguia.port}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def screenshot(page, name):
    """Saves the whole page at desktop and phone widths."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


PASSWORD = "une longue phrase de passe"


def signed_in(browser, server, email, language="fr", width=1280, password=PASSWORD):
    """A browser of its own, signed in as `email`: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{language}/sign-in")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("form.stacked button[type=submit]").click()
    return context, page
