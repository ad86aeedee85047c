"""The live preview's error banner in a real browser: in the page's language, clear of the heading, closable."""

from __future__ import annotations

import signal
from pathlib import Path

from conftest import copy_handbook
from playwright.sync_api import Browser, Page
from test_bad_input import replace_once
from test_serve import WAIT_SECONDS, serving

BANNER = "#handbook-build-error"


def _overlap(page: Page, selector: str) -> float:
    """How many pixels of `selector`'s box the banner covers, as the window shows them."""
    return page.evaluate("""([selector, banner]) => {
      const a = document.querySelector(selector).getBoundingClientRect();
      const b = document.querySelector(banner).getBoundingClientRect();
      const w = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left));
      const h = Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
      return w * h;
    }""", [selector, BANNER])


def test_the_banner_speaks_the_pages_language_leaves_the_heading_clear_and_closes(browser: Browser,
                                                                                  tmp_path: Path) -> None:
    handbook = copy_handbook(tmp_path / "handbook")
    profiles = handbook / "profiles.yaml"
    with serving(handbook, tmp_path) as server:
        for viewport in ({"width": 1280, "height": 800}, {"width": 375, "height": 812}):
            page = browser.new_page(viewport=viewport)
            page.goto(server.url + "/da/net.html")
            line = replace_once(profiles, "        description:\n", "        descripton:\n")
            banner = page.locator(BANNER)
            banner.wait_for(state="visible", timeout=WAIT_SECONDS * 1000)
            assert banner.get_attribute("lang") == "da"
            text = banner.inner_text()
            assert "Den sidste ændring kunne ikke bygges" in text and f"profiles.yaml:{line}" in text
            assert "ukendt nøgle 'descripton'" in text
            assert _overlap(page, "h1") == 0
            page.goto(server.url + "/da/net.html#NET-3")  # the competence the editor works on
            banner.wait_for(state="visible")
            assert _overlap(page, "#NET-3") == 0

            english = browser.new_page(viewport=viewport)
            english.goto(server.url + "/en/net.html")
            assert english.locator(BANNER).get_attribute("lang") == "en"
            assert "The last change could not be built" in english.locator(BANNER).inner_text()
            english.close()

            page.get_by_role("button", name="Luk denne besked").click()
            banner.wait_for(state="detached")
            page.reload()
            page.wait_for_load_state("load")
            assert page.locator(BANNER).count() == 0  # closed for this build's problems

            replace_once(profiles, "        descripton:\n", "        descriptin:\n")  # another failing save
            page.locator(BANNER).wait_for(state="visible", timeout=WAIT_SECONDS * 1000)
            replace_once(profiles, "        descriptin:\n", "        description:\n")
            page.locator(BANNER).wait_for(state="detached", timeout=WAIT_SECONDS * 1000)
            page.close()
        assert server.stop(signal.SIGINT) == 0
