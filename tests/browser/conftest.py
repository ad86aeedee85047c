"""Browser fixtures: one headless Chromium for the whole session, and the built site served on 127.0.0.1.

Without Chromium (or Playwright) these tests skip and say how to install it;
with HANDBOOK_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from browser.chromium import INSTALL_HINT, find_chromium, launch, serve

REQUIRE_BROWSER = os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1"


def missing(what: str) -> None:
    """Skip, or fail where the browser is required."""
    message = f"{what}: {INSTALL_HINT}."
    if REQUIRE_BROWSER:
        pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator["object"]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    executable = find_chromium()
    if executable is None:
        missing("Chromium is not installed")
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
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh tab, 1280 px wide, that reports script errors."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert not errors, f"script errors on the page: {errors}"

