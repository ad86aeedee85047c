"""The self-assessment and the team's competence picture, used as staff and a leader would: in headless
Chromium, served and from disk, with every request the pages make recorded (none may leave the site)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Request
from pypdf import PdfReader
from test_forms import pdfjs_fields

AXE = Axe()


class Recorded:
    """A browser context whose every request is recorded, and whose pages report script errors."""

    def __init__(self, context: BrowserContext):
        self.context = context
        self.requests: list[Request] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request))

    def page(self) -> Page:
        tab = self.context.new_page()
        tab.on("pageerror", lambda error: self.errors.append(str(error)))
        return tab

    def outside(self, site: str) -> list[str]:
        """Requests that left the site, or were connections a page made rather than files it loaded."""
        return [f"{r.resource_type} {r.url}" for r in self.requests
                if not r.url.startswith(site) or r.resource_type in ("fetch", "xhr", "websocket", "eventsource")]


@pytest.fixture
def recorded(browser: Browser) -> Iterator[Recorded]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    recorder = Recorded(context)
    yield recorder
    context.close()
    assert not recorder.errors, f"script errors on the page: {recorder.errors}"


@pytest.fixture(params=["served", "disk"])
def site(request: pytest.FixtureRequest, built_site: Path) -> str:
    """The site's address, over HTTP from a subfolder or opened from disk (file://)."""
    if request.param == "disk":
        return built_site.as_uri() + "/"
    return request.getfixturevalue("site_url")


def fill(page: Page, code: str, level: str, note: str = "", goal: str = "") -> None:
    page.check(f"input[name='{code}.level'][value='{level}']")
    if note:
        page.fill(f"textarea[name='{code}.note']", note)
    if goal:
        page.fill(f"textarea[name='{code}.goal']", goal)


def answers(page: Page) -> dict[str, str | None]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(".assessed-competence")]
        .map(f => [f.id, (f.querySelector("input:checked") || {}).value || null]))""")


def download(page: Page, action: str, folder: Path) -> Path:
    with page.expect_download() as waiting:
        page.click(f"button[data-action='{action}']")
    target = folder / waiting.value.suggested_filename
    waiting.value.save_as(target)
    return target


def test_answers_last_for_the_tab_unless_remembered_and_clear_removes_them(recorded: Recorded, site: str) -> None:
    first = recorded.page()
    first.goto(site + "da/net-self-assessment.html")
    fill(first, "NET-1", "3", note="Forklarede samarbejdet med skolen for forældrene.")
    fill(first, "ALL-2", "unknown")
    first.reload()
    assert answers(first)["NET-1"] == "3" and answers(first)["ALL-2"] == "unknown"  # kept for the tab
    assert "skolen" in first.input_value("textarea[name='NET-1.note']")
    first.close()

    second = recorded.page()  # another tab, as after closing the browser: forgotten
    second.goto(site + "da/net-self-assessment.html")
    assert set(answers(second).values()) == {None}
    fill(second, "NET-2", "4")
    second.check("#remember")
    second.close()

    third = recorded.page()  # remembered on this computer
    third.goto(site + "da/net-self-assessment.html")
    assert answers(third)["NET-2"] == "4" and third.is_checked("#remember")
    third.click("button[data-action='clear']")
    assert set(answers(third).values()) == {None}
    assert "ryddet" in third.text_content(".assessment-actions .status")
    third.close()

    fourth = recorded.page()
    fourth.goto(site + "da/net-self-assessment.html")
    assert set(answers(fourth).values()) == {None} and not fourth.is_checked("#remember")
    assert recorded.outside(site) == []


def test_the_downloads_carry_the_answers_and_the_pdf_library_loads_only_for_the_pdf(
        recorded: Recorded, site: str, built_site: Path, tmp_path: Path) -> None:
    page = recorded.page()
    page.goto(site + "en/prt-self-assessment.html")
    page.fill("#person-name", "François O’Brien")
    fill(page, "PRT-1", "5", note="Ran the reading festival.", goal="Mentor a new coordinator")
    fill(page, "ALL-1", "2")
    assert not any("pdf-lib" in r.url for r in recorded.requests)

    saved = json.loads(download(page, "json", tmp_path).read_text(encoding="utf-8"))
    assert saved["format"] == "competence-handbook-self-assessment" and saved["profile"] == "PRT"
    assert saved["handbook"]["version"] == "2026.1" and saved["name"] == "François O’Brien"
    assert saved["answers"]["PRT-1"] == {"level": 5, "note": "Ran the reading festival.", "goal": "Mentor a new coordinator"}
    assert saved["answers"]["ALL-1"]["level"] == 2 and saved["answers"]["ALL-3"]["level"] is None
    assert list(saved["answers"]) == [c for c in saved["answers"] if c.startswith("PRT-")] + \
        [c for c in saved["answers"] if c.startswith("ALL-")]

    pdf = download(page, "pdf", tmp_path)
    assert any("pdf-lib" in r.url for r in recorded.requests)
    fields = PdfReader(pdf).get_fields()
    assert fields["PRT-1.self"]["/V"] == "/5" and fields["ALL-1.self"]["/V"] == "/2"
    assert fields["PRT-1.note"]["/V"] == "Ran the reading festival." and fields["PRT-1.goal"]["/V"] == "Mentor a new coordinator"
    assert fields["employee"]["/V"] == "François O’Brien"
    assert fields["PRT-1.manager"].get("/V") in (None, "/Off")  # the manager's own assessment is left to the review
    seen_by_pdfjs = pdfjs_fields(pdf)  # Firefox's viewer reads the same answers
    assert seen_by_pdfjs["PRT-1.self"]["value"] == "5" and seen_by_pdfjs["ALL-1.self"]["value"] == "2"
    assert seen_by_pdfjs["PRT-1.note"]["value"] == "Ran the reading festival."
    assert recorded.outside(site) == []


def test_without_javascript_the_page_prints_as_a_blank_form(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "da/all-self-assessment.html")
    page.emulate_media(media="print")
    assert page.locator(".assessed-competence").count() == 4
    assert page.locator("input[type=radio]:checked").count() == 0
    assert not page.is_visible(".assessment-actions") and not page.is_visible(".site-header")
    assert page.is_visible("#ALL-1 .levels")
    context.close()


def test_a_filled_assessment_prints_as_a_filled_review(page: Page, site_url: str) -> None:
    page.goto(site_url + "da/net-self-assessment.html")
    fill(page, "NET-3", "4", goal="Lede et netværksmøde")
    page.emulate_media(media="print")
    assert page.is_checked("input[name='NET-3.level'][value='4']")
    assert not page.is_visible(".assessment-actions") and not page.is_visible(".privacy")
    assert page.is_visible("textarea[name='NET-3.goal']")


def assessment_file(folder: Path, name: str, person: str, levels: dict[str, object], version: str = "2026.1",
                    profile: str = "NET") -> Path:
    content = {"format": "competence-handbook-self-assessment", "formatVersion": 1, "profile": profile, "lang": "da",
               "handbook": {"title": "Kompetencehåndbog for partnerskabsarbejde", "version": version, "date": "2026-11-25"},
               "name": person, "answers": {code: {"level": level, "note": "", "goal": ""} for code, level in levels.items()}}
    path = folder / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


NET_AND_ALL = ("NET-1", "NET-2", "NET-3", "NET-4", "NET-5", "NET-6", "ALL-1", "ALL-2", "ALL-3", "ALL-4")


def team_files(folder: Path) -> list[Path]:
    """Three network coordinators: only NET-1 and ALL-1 have someone at 4 or more."""
    base = {code: 3 for code in NET_AND_ALL}
    return [
        assessment_file(folder, "anna.json", "Anna", {**base, "NET-1": 5, "NET-2": 2}),
        assessment_file(folder, "bo.json", "Bo", {**base, "NET-1": 4, "ALL-1": 4, "NET-3": "unknown"}),
        assessment_file(folder, "carl.json", "Carl", {**base, "NET-2": 1, "NET-4": None}),
    ]


def cells(page: Page, code: str) -> list[str]:
    row = page.locator(f".heatmap tbody tr[data-code='{code}']")
    return [text.split("\n")[0].strip() for text in row.locator("td").all_inner_texts()]


def test_the_team_picture_counts_levels_marks_gaps_and_lists_them_for_hiring(
        recorded: Recorded, site: str, tmp_path: Path) -> None:
    page = recorded.page()
    page.goto(site + "da/team.html")
    files = team_files(tmp_path)
    page.set_input_files("#team-files", [str(files[0]), str(files[1])])
    page.wait_for_selector(".file-list li >> nth=1")
    assert page.is_hidden(".team-picture")  # two people: only the list of files
    assert "Selvvurderinger læst: 2. Billedet vises først ved 3" in page.text_content(".team-input .status")

    page.set_input_files("#team-files", [str(files[2])])
    page.wait_for_selector(".team-picture", state="visible")
    #                          1    2    3    4    5    ?    not answered
    assert cells(page, "NET-1") == ["0", "0", "1", "1", "1", "0", "0"]
    assert cells(page, "NET-2") == ["1", "1", "1", "0", "0", "0", "0"]
    assert cells(page, "NET-3") == ["0", "0", "2", "0", "0", "1", "0"]
    assert cells(page, "NET-4") == ["0", "0", "2", "0", "0", "0", "1"]
    assert page.locator(".heatmap tbody tr").count() == len(NET_AND_ALL)
    gaps = page.locator(".gap-list li").evaluate_all("items => items.map(i => i.dataset.code)")
    assert gaps == [c for c in NET_AND_ALL if c not in ("NET-1", "ALL-1")]
    hiring = page.locator(".hiring-list li").all_inner_texts()
    assert hiring[0].startswith("NET-2 ") and "(Den netværksansvarlige)" in hiring[0]
    assert page.get_attribute(".team-hiring a", "href") == "recruitment.html"

    assert "Anna" not in page.inner_text(".heatmap")  # names only when the leader asks
    page.check("#show-names")
    assert "Anna" in page.inner_text(".heatmap")

    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('printing-hiring')")  # what "Print the list" sets
    assert page.is_visible(".hiring-list") and not page.is_visible(".heatmap") and not page.is_visible(".team-input")
    page.emulate_media(media="screen")
    assert recorded.outside(site) == []  # before axe, which reads the stylesheets itself
    report = AXE.run(page)
    assert report.violations_count == 0, report.generate_report()


def test_an_older_file_is_read_by_code_and_a_wrong_file_is_named(recorded: Recorded, site: str, tmp_path: Path) -> None:
    page = recorded.page()
    page.goto(site + "en/team.html")
    old = assessment_file(tmp_path, "old.json", "Dorte", {"NET-1": 4, "NET-2": 3, "NET-9": 5}, version="2025.1")
    unrelated = tmp_path / "notes.json"
    unrelated.write_text('{"shopping": ["milk"]}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    page.set_input_files("#team-files", [str(old), str(unrelated), str(broken)])
    page.wait_for_selector(".file-list li >> nth=2")
    listed = page.inner_text(".file-list")
    assert "version 2025.1" in listed and "2026.1" in listed
    assert "no longer in the handbook, not counted: NET-9" in listed
    assert "added since, not assessed: NET-3, NET-4, NET-5, NET-6, ALL-1, ALL-2, ALL-3, ALL-4" in listed
    assert "notes.json: is not a self-assessment from the handbook" in listed
    assert "broken.json: cannot be read as JSON" in listed
    assert page.text_content(".team-input .status").startswith("Self-assessments read: 1.")
    assert page.is_hidden(".team-picture")
    assert recorded.outside(site) == []


def test_the_rest_of_the_site_loads_no_new_script(recorded: Recorded, site_url: str) -> None:
    page = recorded.page()
    for path in ("da/index.html", "da/net.html", "en/checklists.html"):
        page.goto(site_url + path)
    scripts = {r.url.rsplit("/", 1)[-1] for r in recorded.requests if r.resource_type == "script"}
    assert scripts == {"search.js"}
