"""WCAG 2.1 AA in a real browser: axe-core on every page in both languages, and the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()
LANGUAGES = ("da", "en")


def axe_report(page: Page) -> str:
    """axe-core's violations on the open page, as readable text; empty when there are none."""
    results = AXE.run(page)
    return results.generate_report() if results.violations_count else ""


def wait_for_search_results(page: Page) -> None:
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_has_an_axe_violation(page: Page, site_url: str, built_site: Path, lang: str) -> None:
    paths = sorted(p.relative_to(built_site).as_posix() for p in (built_site / lang).glob("*.html"))
    if lang == "da":
        paths.append("index.html")  # the language chooser
    assert len(paths) >= 10
    reports = {}
    for path in paths:
        page.goto(site_url + path)
        if path.endswith("/search.html"):
            page.wait_for_selector(".pagefind-ui__search-input")
        report = axe_report(page)
        if report:
            reports[path] = report
    assert not reports, "\n\n".join(f"{path}:\n{report}" for path, report in reports.items())


@pytest.mark.parametrize(("lang", "query"), [("da", "partnerskab"), ("en", "partnership")])
def test_search_results_have_no_axe_violation(page: Page, site_url: str, lang: str, query: str) -> None:
    page.goto(f"{site_url}{lang}/search.html?q={query}")
    wait_for_search_results(page)
    assert axe_report(page) == ""


def test_page_opened_from_disk_has_no_axe_violation(page: Page, built_site: Path) -> None:
    page.goto((built_site / "da" / "net.html").as_uri())
    page.wait_for_selector(".site-search-offline", state="visible")
    assert axe_report(page) == ""


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/net.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link must come into view when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "the next stop must be in the content"


def test_every_link_and_control_is_reached_by_tab_with_a_visible_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/net.html")
    expected = page.evaluate("""() => [...document.querySelectorAll('a[href], input, button')]
        .filter(e => e.getClientRects().length && !e.closest('[hidden]')).length""")
    reached = 0
    invisible = []
    for _ in range(expected + 1):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const e = document.activeElement;
            if (e === document.body) return null;
            const style = getComputedStyle(e);
            return {name: e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 40),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
        }""")
        if state is None:
            break
        reached += 1
        if not state["outline"]:
            invisible.append(state["name"])
    assert reached == expected, f"Tab reached {reached} of {expected} links and controls"
    assert not invisible, f"no visible focus on: {invisible}"


def test_search_works_by_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/index.html")
    page.locator("#site-search-query").focus()
    page.keyboard.type("koordinering")
    page.keyboard.press("Enter")
    wait_for_search_results(page)
    assert page.url.endswith("/da/search.html?q=koordinering")
    page.keyboard.press("Tab")  # from the search field to the clear button
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const e = document.activeElement, style = getComputedStyle(e);
        return {result: e.classList.contains('pagefind-ui__result-link'), outline: style.outlineStyle, width: style.outlineWidth};
    }""")
    assert focused == {"result": True, "outline": "solid", "width": "3px"}
    page.keyboard.press("Enter")
    page.wait_for_url("**/da/net.html*")
