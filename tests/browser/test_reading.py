"""Reading the site in a browser: the language switch, narrow screens, print, and the README's screenshots."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.chromium import SCREENSHOT_HEIGHT, SCREENSHOT_WIDTH, screenshot_profiles

OTHER = {"da": "en", "en": "da"}


@pytest.mark.parametrize("lang", OTHER)
def test_language_switch_leads_to_the_counterpart_page(page: Page, site_url: str, built_site: Path, lang: str) -> None:
    names = sorted(path.name for path in (built_site / lang).glob("*.html"))
    assert len(names) >= 10
    for name in names:
        page.goto(f"{site_url}{lang}/{name}")
        page.click(f".language-switch a[hreflang={OTHER[lang]}]")
        page.wait_for_load_state()
        assert page.url == f"{site_url}{OTHER[lang]}/{name}"
        assert page.evaluate("document.documentElement.lang") == OTHER[lang]


@pytest.mark.parametrize("width", [375, 320])
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, site_url: str, built_site: Path, width: int) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 740})
    try:
        too_wide = {}
        for path in sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")):
            tab.goto(site_url + path)
            scroll_width = tab.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide[path] = scroll_width
        tab.goto(site_url + "da/search.html?q=partnerskab")
        tab.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        if tab.evaluate("document.documentElement.scrollWidth") > width:
            too_wide["da/search.html?q=partnerskab"] = tab.evaluate("document.documentElement.scrollWidth")
    finally:
        tab.close()
    assert not too_wide, f"wider than {width} px: {too_wide}"


def test_a_profile_prints_without_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/net.html")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.main-nav', '.site-footer', '.toc', '.skip-link']
        .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert hidden == [], f"shown on paper: {hidden}"
    assert page.locator("h1").is_visible()
    assert page.locator(".competence").count() == 6
    assert all(page.locator(".competence").nth(i).is_visible() for i in range(6))
    assert page.evaluate("getComputedStyle(document.querySelector('main')).paddingTop") == "0px"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_readme_screenshots_show_a_profile_in_each_language(browser: Browser, site_url: str, tmp_path: Path) -> None:
    shots = screenshot_profiles(browser, site_url, tmp_path)
    assert [shot.name for shot in shots] == ["profile-da.png", "profile-en.png"]
    for shot in shots:
        header = shot.read_bytes()[:24]
        assert header.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", header[16:24]) == (SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT)
    assert shots[0].read_bytes() != shots[1].read_bytes()
