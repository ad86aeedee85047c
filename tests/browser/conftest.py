"""Browser fixtures: one headless Chromium for the whole session, and the built site served on 127.0.0.1.

Without Chromium these tests skip and say how to install it;
with HANDBOOK_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from browser.chromium import INSTALL_HINT, find_chromium, launch, serve

REQUIRE_BROWSER = os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        message = f"Chromium is not installed: {INSTALL_HINT}."
        if REQUIRE_BROWSER:
            pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1, but {message}", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = launch(playwright, executable)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site over HTTP, in a subfolder as on an intranet: http://127.0.0.1:PORT/output/."""
    with serve(built_site.parent) as root:
        yield f"{root}{built_site.name}/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab, 1280 px wide, that reports script errors."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert not errors, f"script errors on the page: {errors}"

