"""The site as deploy/nginx/handbook.conf serves it, in Chromium: the CSP in force, search working, no console error."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser

from nginx_server import find_nginx, nginx_serving

PAGES = ["index.html", "da/index.html", "da/net.html", "en/overview.html", "da/a-z.html", "en/downloads.html",
         "da/checklists.html", "en/about.html"]


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if find_nginx() is None:
        pytest.fail("nginx is not installed: install Debian's nginx (bash .ci/run does).", pytrace=False)
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as address:
        yield address


def test_pages_and_search_run_under_the_recipes_csp_without_a_console_error(browser: Browser, nginx_url: str) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    tab.on("console", lambda message: messages.append(f"{message.type}: {message.text}")
           if message.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    try:
        for path in PAGES:
            response = tab.goto(nginx_url + path)
            assert response is not None and response.status == 200, path
            assert "default-src 'self'" in response.headers["content-security-policy"]
        tab.goto(nginx_url + "da/search.html?q=partnerskab")
        tab.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        first = tab.locator(".pagefind-ui__result-link").first.get_attribute("href")
        assert first and first.startswith("/da/")
        tab.goto(nginx_url + "en/search.html?q=partnership")
        tab.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        response = tab.goto(nginx_url + "en/no-such-page.html")
        assert response is not None and response.status == 404
        assert tab.locator("h1").inner_text() == "Page not found"
    finally:
        tab.close()
    # The 404 itself is the one message expected: Chromium reports the failed load.
    unexpected = [m for m in messages if "404" not in m]
    assert not unexpected, unexpected


def test_a_pdf_opens_from_the_recipe(browser: Browser, nginx_url: str) -> None:
    context = browser.new_context()
    try:
        response = context.request.get(nginx_url + "downloads/handbook-da.pdf")
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    finally:
        context.close()
