"""A fact-checker logs in with a real headless Chromium and sees the seed article's claims."""

import os
import shutil
from pathlib import Path

import pytest

from claims import services
from claims.tasks import extract_article

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_640610e12b349fcf.txt"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium.")
    # Playwright runs an event loop in this thread; the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield browser.new_page()
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_login_and_see_seed_claims_highlighted(live_server, django_user_model, browser_page):
    django_user_model.objects.create_user("checker", password="pw-checker-1")
    article = services.article_ingest(text=SEED.read_bytes()).article
    extract_article(article.pk)  # in this process: the worker path is covered by integration tests

    page = browser_page
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "checker")
    page.fill("#id_password", "pw-checker-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/articles/{article.pk}/")

    marks = page.locator("article.body mark.claim")
    assert marks.count() >= 10
    refugees = page.locator("mark.claim", has_text="more than 3.6 million Syrian refugees")
    tip = refugees.locator(".tip")
    assert not tip.is_visible()
    refugees.hover()
    assert tip.is_visible()
    assert "More than" in tip.inner_text()
    assert "3,600,000" in tip.inner_text()
    # Keyboard users get the same details on focus.
    page.mouse.move(0, 0)
    iom = page.locator("mark.claim", has_text="Some 13,000 refugees")
    iom.focus()
    assert "Approximate" in iom.locator(".tip").inner_text()
    assert iom.locator(".tip").is_visible()
    # The stylesheet comes from our own static files.
    color = refugees.evaluate("el => getComputedStyle(el).backgroundColor")
    assert color == "rgb(219, 234, 254)"
