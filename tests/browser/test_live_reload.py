"""The live preview in a real browser: the open page reloads itself after a save and shows build errors."""

from __future__ import annotations

import signal
from pathlib import Path

from conftest import copy_handbook
from playwright.sync_api import Browser
from test_bad_input import replace_once
from test_serve import WAIT_SECONDS, serving


def test_page_reloads_itself_in_the_browser_after_a_save(browser: Browser, tmp_path: Path) -> None:
    handbook = copy_handbook(tmp_path / "handbook")
    profiles = handbook / "profiles.yaml"
    with serving(handbook, tmp_path) as server:
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.goto(server.url + "/da/net.html")
        # No need to wait for the event stream to connect: it first sends the current build, and a page
        # served before a rebuild that it missed reloads on that first message.
        page.evaluate("() => { window.notReloadedYet = true; }")

        replace_once(profiles, "da: Gode kommunikationsevner", "da: Fremragende kommunikationsevner")
        page.wait_for_function("() => !window.notReloadedYet && document.body.innerText.includes('Fremragende')",
                               timeout=WAIT_SECONDS * 1000)

        line = replace_once(profiles, "        description:\n", "        descripton:\n")
        banner = page.locator("#handbook-build-error")
        banner.wait_for(state="visible", timeout=WAIT_SECONDS * 1000)
        assert f"profiles.yaml:{line}" in banner.inner_text()
        assert page.get_by_role("alert").count() == 1

        replace_once(profiles, "        descripton:\n", "        description:\n")
        banner.wait_for(state="detached", timeout=WAIT_SECONDS * 1000)
        page.close()
        assert server.stop(signal.SIGINT) == 0


def test_a_page_that_forbids_connections_still_reloads_in_the_preview(browser: Browser, tmp_path: Path) -> None:
    """The self-assessment's Content-Security-Policy forbids every connection; the preview lets its own through."""
    handbook = copy_handbook(tmp_path / "handbook")
    with serving(handbook, tmp_path) as server:
        page = browser.new_page()
        page.goto(server.url + "/da/net-self-assessment.html")
        page.evaluate("() => { window.notReloadedYet = true; }")
        replace_once(handbook / "profiles.yaml", "da: Gode kommunikationsevner", "da: Fremragende kommunikationsevner")
        page.wait_for_function("() => !window.notReloadedYet && document.body.innerText.includes('Fremragende')",
                               timeout=WAIT_SECONDS * 1000)
        page.close()
        assert server.stop(signal.SIGINT) == 0
