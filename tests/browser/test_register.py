"""The partnership register in a real browser: sorting that only enhances, axe on phones, the README's screenshots."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PROJECT, copy_handbook, run_cli
from playwright.sync_api import Browser

from browser.chromium import screenshot_register, serve

AXE = Axe()
MORE = """\
  - code: B-{n}
    name:
      da: "{name}"
      en: "{name}"
    purpose:
      da: Formål
      en: Purpose
    announcement:
      da: Nyhed
      en: News
    partners:
      - Partner {n}
    coordinator:
      name: "{who}"
    start: 2026-0{n}-01
    review: 2027-0{review}-01
    goals:
      - READING
    target_groups:
      - da: Børn
        en: Children
"""


@pytest.fixture(scope="module")
def register_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A register with four active partnerships besides the examples, built as of 1 December 2026."""
    root = copy_handbook(tmp_path_factory.mktemp("register") / "handbook")
    text = (PROJECT / "partnerships.yaml").read_text(encoding="utf-8")
    own = "".join(MORE.format(n=n, name=name, who=who, review=review) for n, name, who, review in (
        (1, "Øresund læser", "Åse Holm", 5), (2, "Bogbussen", "Carl Berg", 3), (3, "Aftenskolen", "Bo Dahl", 4),
        (4, "Zoo og bøger", "Ane Ask", 6)))
    (root / "partnerships.yaml").write_text(text.replace("partnerships: []\n", "partnerships:\n" + own), encoding="utf-8")
    out = root / "output"
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs", env={"SOURCE_DATE_EPOCH": "1796126400"})
    assert result.returncode == 0, result.stderr
    with serve(root) as url:
        yield f"{url}output/"


def names_in_active_table(page) -> list[str]:
    return page.eval_on_selector_all("#status-active ~ .table-frame tbody th a", "links => links.map(a => a.textContent)")


def test_without_script_the_register_keeps_the_built_order(browser: Browser, register_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(register_url + "da/partnerships.html")
        # Active partnerships by next review, the earliest first.
        assert names_in_active_table(page) == ["Læselyst i Nordbyen", "Bogbussen", "Aftenskolen", "Øresund læser",
                                               "Zoo og bøger"]
        assert page.locator("thead button").count() == 0
    finally:
        context.close()


def test_a_heading_sorts_its_table_and_says_so(page, register_url: str) -> None:
    page.goto(register_url + "da/partnerships.html")
    heading = page.locator("#status-active ~ .table-frame thead th").first
    heading.locator("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    # Danish order: Æ, Ø and Å after Z.
    assert names_in_active_table(page) == ["Aftenskolen", "Bogbussen", "Læselyst i Nordbyen", "Zoo og bøger",
                                           "Øresund læser"]
    heading.locator("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert names_in_active_table(page)[0] == "Øresund læser"
    coordinator = page.locator("#status-active ~ .table-frame thead th").nth(1)
    coordinator.locator("button").focus()
    page.keyboard.press("Enter")
    assert coordinator.get_attribute("aria-sort") == "ascending" and heading.get_attribute("aria-sort") is None


@pytest.mark.parametrize("path", ["da/partnerships.html", "en/partnerships.html", "da/partnerships-overview.html",
                                  "en/partnerships-overview.html", "da/partnership-b-1.html", "en/index.html",
                                  "da/prt.html"])
def test_register_pages_have_no_axe_violation_on_a_phone(browser: Browser, register_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        page.goto(register_url + path)
        page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
        results = AXE.run(page)
        assert results.violations_count == 0, results.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


def test_readme_screenshots_show_the_register(browser: Browser, site_url: str, tmp_path: Path) -> None:
    shots = screenshot_register(browser, site_url, tmp_path)
    assert [shot.name for shot in shots] == ["register-da.png", "partnership-da.png", "register-overview-en.png"]
    for shot in shots:
        header = shot.read_bytes()[:24]
        assert header.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">I", shots[1].read_bytes()[16:20]) == (375,)
