"""Search in each language, served over HTTP; and what a page opened from disk offers instead."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

SEARCH_TIMEOUT_MS = 15000


def result_links(page: Page) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result-link", timeout=SEARCH_TIMEOUT_MS)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")


def search_message(page: Page) -> str:
    return page.locator(".pagefind-ui__message").inner_text()


def test_search_finds_a_danish_word_on_a_danish_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/search.html?q=koordinering")
    links = result_links(page)
    assert site_url + "da/net.html" in links
    assert all(link.startswith(site_url + "da/") for link in links), links
    assert "resultat for koordinering" in search_message(page)
    assert page.get_attribute(".pagefind-ui__search-input", "placeholder") == "Søg"


def test_search_finds_an_english_word_on_an_english_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/search.html?q=coordination")
    links = result_links(page)
    assert site_url + "en/net.html" in links
    assert all(link.startswith(site_url + "en/") for link in links), links
    assert "result for coordination" in search_message(page) or "results for coordination" in search_message(page)
    assert page.get_attribute(".pagefind-ui__search-input", "placeholder") == "Search"


def test_each_language_searches_only_its_own_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/search.html?q=koordineringsevner")
    page.wait_for_selector(".pagefind-ui__message", timeout=SEARCH_TIMEOUT_MS)
    page.wait_for_function("document.querySelector('.pagefind-ui__message').textContent.includes('No results')")
    assert page.locator(".pagefind-ui__result-link").count() == 0


def test_a_result_leads_to_the_competence_on_its_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/search.html?q=koordinering")
    result_links(page)
    page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link").first.click()
    page.wait_for_url(site_url + "da/net.html#NET-3")


def test_the_header_search_box_opens_the_results(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/about.html")
    page.fill("#site-search-query", "recruitment")
    page.click(".site-search button")
    links = result_links(page)
    assert page.url == site_url + "en/search.html?q=recruitment"
    assert site_url + "en/recruitment.html" in links


def test_from_disk_the_search_box_gives_way_to_the_a_to_z_index(page: Page, built_site: Path) -> None:
    page.goto((built_site / "da" / "prt.html").as_uri())
    assert page.locator(".site-search").is_hidden()
    page.click(".site-search-offline")
    page.wait_for_url((built_site / "da" / "a-z.html").as_uri())
    assert page.locator("h1").inner_text() == "Register A–Å"


def test_from_disk_the_search_page_points_to_the_a_to_z_index(page: Page, built_site: Path) -> None:
    page.goto((built_site / "en" / "search.html").as_uri())
    fallback = page.locator(".search-fallback")
    assert fallback.is_visible()
    assert "web server" in fallback.inner_text()
    assert fallback.locator("a").get_attribute("href") == "a-z.html"
