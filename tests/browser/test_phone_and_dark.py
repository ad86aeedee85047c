"""The site on a phone and a wide screen, in light and dark: layout, menu, touch targets and axe-core.

Every check runs at 375 and 1280 px, with the browser asking for the light and the
dark colour scheme, on the shipped handbook and on the re-branded example.
"""

from __future__ import annotations

import shutil
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser.chromium import serve
from browser.test_accessibility import axe_report
from conftest import PROJECT, copy_handbook, run_cli

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")
PHONE_HEADER_SHARE = 0.20  # of the first screen, for the header and the navigation
MIN_TARGET = 24  # px, WCAG 2.2 2.5.8
# One page of each kind, in both languages where they differ.
PAGES = ["index.html", "da/index.html", "da/net.html", "en/prt.html", "da/overview.html", "en/overview.html",
         "da/a-z.html", "da/recruitment.html", "en/checklists.html", "da/downloads.html", "en/about.html",
         "da/search.html", "en/404.html"]


@pytest.fixture(scope="session")
def branded_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The handbook with the README's example site.yaml and logo, built without PDFs, served."""
    root = copy_handbook(tmp_path_factory.mktemp("branded") / "handbook")
    example = PROJECT / "docs" / "branding-example"
    shutil.copy(example / "site.yaml", root / "site.yaml")
    shutil.copy(example / "content" / "logo.svg", root / "content" / "logo.svg")
    out = root.parent / "output"
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")
    assert result.returncode == 0, result.stderr
    with serve(root.parent) as address:
        yield f"{address}output/"


def new_tab(browser: Browser, form: str, scheme: str, javascript: bool = True) -> tuple[BrowserContext, Page]:
    width, height = WIDTHS[form]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  java_script_enabled=javascript)
    return context, context.new_page()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("form", WIDTHS)
@pytest.mark.parametrize("which", ["shipped", "branded"])
def test_no_page_kind_has_an_axe_violation(browser: Browser, site_url: str, branded_site_url: str, which: str,
                                           form: str, scheme: str) -> None:
    base = site_url if which == "shipped" else branded_site_url
    context, tab = new_tab(browser, form, scheme)
    reports = {}
    try:
        for path in PAGES:
            tab.goto(base + path)
            if path.endswith("search.html"):
                tab.wait_for_selector(".pagefind-ui__search-input")
            report = axe_report(tab)
            if report:
                reports[path] = report
        if form == "phone":  # the open menu, too
            tab.goto(base + "da/net.html")
            tab.click(".site-menu > summary")
            report = axe_report(tab)
            if report:
                reports["da/net.html, menu open"] = report
    finally:
        context.close()
    assert not reports, "\n\n".join(f"{path}:\n{report}" for path, report in reports.items())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_on_a_phone_header_and_navigation_take_at_most_a_fifth_of_the_screen(browser: Browser, site_url: str,
                                                                          branded_site_url: str, scheme: str) -> None:
    context, tab = new_tab(browser, "phone", scheme)
    too_tall = {}
    try:
        for base in (site_url, branded_site_url):
            for path in PAGES[1:]:
                tab.goto(base + path)
                # Where the page's own content starts: below the header, the closed menu and main's padding.
                top = tab.evaluate("document.querySelector('main > *').getBoundingClientRect().top")
                if top > PHONE_HEADER_SHARE * WIDTHS["phone"][1]:
                    too_tall[base + path] = top
    finally:
        context.close()
    assert not too_tall, f"the page's content starts below {PHONE_HEADER_SHARE:.0%} of the screen: {too_tall}"


def test_the_phone_menu_opens_and_leads_on_without_javascript(browser: Browser, site_url: str) -> None:
    context, tab = new_tab(browser, "phone", "light", javascript=False)
    try:
        tab.goto(site_url + "da/index.html")
        link = tab.locator(".main-nav a", has_text="Kompetenceoverblik")
        assert not link.is_visible()
        tab.click(".site-menu > summary")
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["phone"][0]
        link.click()
        tab.wait_for_load_state()
        assert tab.url.endswith("da/overview.html")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_on_a_wide_screen_the_navigation_is_open_without_a_menu_button(browser: Browser, site_url: str, scheme: str) -> None:
    context, tab = new_tab(browser, "desktop", scheme)
    try:
        tab.goto(site_url + "da/net.html")
        assert not tab.locator(".site-menu > summary").is_visible()
        assert tab.locator(".main-nav a[aria-current=page]").is_visible()
        nav, main = tab.locator(".main-nav").bounding_box(), tab.locator("main").bounding_box()
        assert nav and main and nav["x"] + nav["width"] <= main["x"], "the navigation stands beside the text"
    finally:
        context.close()


@pytest.mark.parametrize("form", WIDTHS)
def test_every_target_outside_running_text_is_at_least_24_px_square(browser: Browser, site_url: str, form: str) -> None:
    context, tab = new_tab(browser, form, "light")
    small = {}
    try:
        for path in ["da/net.html", "da/a-z.html", "da/overview.html", "en/downloads.html", "da/index.html"]:
            tab.goto(site_url + path)
            if form == "phone":
                tab.click(".site-menu > summary")
            found = tab.evaluate("""(minimum) => [...document.querySelectorAll('a[href], button, input, summary')]
                .filter(e => e.getClientRects().length && !e.closest('p, .competence-description'))
                .map(e => [e.className + ' ' + (e.textContent || e.name || '').trim().slice(0, 30), e.getBoundingClientRect()])
                .filter(([, r]) => r.width < minimum || r.height < minimum)
                .map(([name, r]) => name + ' ' + Math.round(r.width) + '×' + Math.round(r.height))""", MIN_TARGET)
            if found:
                small[path] = found
            anchors = tab.evaluate("[...document.querySelectorAll('.anchor, .site-footer a')].map(e => e.getBoundingClientRect())"
                                   ".filter(r => r.width < 24 || r.height < 24).length")
            assert anchors == 0, f"{path}: heading anchors and footer links must be 24 × 24 px"
    finally:
        context.close()
    assert not small, f"targets under {MIN_TARGET} × {MIN_TARGET} px: {small}"


def test_the_overview_is_a_list_per_profile_on_a_phone_and_a_matrix_on_a_wide_screen(browser: Browser, site_url: str) -> None:
    for form, matrix, lists in (("phone", False, True), ("desktop", True, False)):
        context, tab = new_tab(browser, form, "light")
        try:
            tab.goto(site_url + "da/overview.html")
            assert tab.locator(".matrix").is_visible() is matrix
            assert tab.locator(".overview-by-profile").is_visible() is lists
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= WIDTHS[form][0]
            if lists:
                assert tab.locator(".overview-by-profile h2").count() == 3
                assert tab.locator(".overview-by-profile a.code").count() == 13
        finally:
            context.close()


def test_long_danish_compounds_hyphenate_in_the_pages_language(browser: Browser, site_url: str) -> None:
    context, tab = new_tab(browser, "phone", "light")
    try:
        tab.goto(site_url + "da/overview.html")
        assert tab.evaluate("document.documentElement.lang") == "da"
        style = tab.evaluate("getComputedStyle(document.querySelector('.overview-by-profile li span'))")
        assert tab.evaluate("getComputedStyle(document.querySelector('main')).hyphens") == "auto"
        assert tab.evaluate("getComputedStyle(document.querySelector('.matrix tbody th')).overflowWrap") != "anywhere"
        assert style is not None
    finally:
        context.close()


def test_dark_mode_follows_the_system_and_print_stays_light(browser: Browser, site_url: str) -> None:
    context, tab = new_tab(browser, "desktop", "dark")
    try:
        tab.goto(site_url + "da/net.html")
        background = tab.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        text = tab.evaluate("getComputedStyle(document.body).color")
        assert background == "rgb(20, 24, 29)" and text == "rgb(230, 233, 237)"
        tab.emulate_media(media="print", color_scheme="dark")
        assert tab.evaluate("getComputedStyle(document.documentElement).backgroundColor") == "rgb(255, 255, 255)"
        assert tab.evaluate("getComputedStyle(document.body).color") == "rgb(27, 31, 36)"
    finally:
        context.close()
