"""Headless Chromium for the browser tests and the README's screenshots: finding it, starting it, serving the site.

Playwright drives the machine's own Chromium (Debian's package `chromium`); it never
downloads a browser of its own. The site is served over HTTP on 127.0.0.1 from a
subfolder, as an intranet would serve it, because search cannot run from disk.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
INSTALL_HINT = ("install Debian's Chromium with `apt-get install chromium` (bash .ci/run does), "
                "or name a Chromium binary in HANDBOOK_CHROMIUM")
SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT = 1100, 900


def find_chromium() -> str | None:
    """The Chromium binary to drive: HANDBOOK_CHROMIUM, else `chromium` on the PATH."""
    named = os.environ.get("HANDBOOK_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: "Playwright", executable: str) -> "Browser":
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1; yields its address, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def screenshot_profiles(browser: "Browser", site_url: str, out_dir: Path) -> list[Path]:
    """The network coordinator's page in each language, as the README shows it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    page = browser.new_page(viewport={"width": SCREENSHOT_WIDTH, "height": SCREENSHOT_HEIGHT})
    try:
        for lang in ("da", "en"):
            page.goto(f"{site_url}{lang}/net.html")
            target = out_dir / f"profile-{lang}.png"
            page.screenshot(path=str(target))
            shots.append(target)
    finally:
        page.close()
    return shots


def screenshot_assessment(browser: "Browser", site_url: str, out_dir: Path, scratch: Path) -> list[Path]:
    """A self-assessment being filled in (Danish), and the team picture from three shared files (English)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": SCREENSHOT_WIDTH, "height": SCREENSHOT_HEIGHT})
    try:
        page.goto(f"{site_url}da/prt-self-assessment.html")
        page.check("input[name='PRT-1.level'][value='4']")
        page.fill("textarea[name='PRT-1.note']", "Koordinerede læsefestivalen med skolerne og foreningerne i 2026.")
        page.evaluate("document.getElementById('PRT-1').scrollIntoView(); window.scrollBy(0, -24)")
        form = out_dir / "self-assessment-da.png"
        page.screenshot(path=str(form))
        levels = {"Anna": {"PRT-1": 4, "PRT-2": 3, "ALL-1": 5}, "Bo": {"PRT-1": 2, "PRT-2": 3, "ALL-2": 4},
                  "Carl": {"PRT-1": 3, "PRT-2": "unknown", "ALL-1": 3}}
        files = []
        for person, answers in levels.items():
            codes = ["PRT-1", "PRT-2", "PRT-3", "PRT-4", "ALL-1", "ALL-2", "ALL-3", "ALL-4"]
            content = {"format": "competence-handbook-self-assessment", "formatVersion": 1, "profile": "PRT",
                       "handbook": {"version": "2026.1"}, "name": person,
                       "answers": {code: {"level": answers.get(code, 3), "note": "", "goal": ""} for code in codes}}
            files.append(scratch / f"{person.lower()}.json")
            files[-1].write_text(json.dumps(content), encoding="utf-8")
        page.goto(f"{site_url}en/team.html")
        page.set_input_files("#team-files", [str(f) for f in files])
        page.locator(".team-picture").wait_for(state="visible")
        page.evaluate("document.querySelector('.team-picture').scrollIntoView()")
        team = out_dir / "team-en.png"
        page.screenshot(path=str(team))
    finally:
        page.close()
    return [form, team]


def screenshot_branded(browser: "Browser", site_url: str, out_dir: Path) -> list[Path]:
    """The network coordinator's page of the re-branded example: wide and light, and on a phone in dark mode."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, viewport, scheme in (("branded-net-1280.png", {"width": 1280, "height": 800}, "light"),
                                   ("branded-net-375-dark.png", {"width": 375, "height": 812}, "dark")):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(f"{site_url}da/net.html")
            page.screenshot(path=str(out_dir / name))
            shots.append(out_dir / name)
        finally:
            context.close()
    return shots


def screenshot_register(browser: "Browser", site_url: str, out_dir: Path) -> list[Path]:
    """The partnership register, a partnership's page on a phone, and the network coordinator's overview."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    for path, name, width in (("da/partnerships.html", "register-da.png", SCREENSHOT_WIDTH),
                              ("da/partnership-eks-laeselyst.html", "partnership-da.png", 375),
                              ("en/partnerships-overview.html", "register-overview-en.png", SCREENSHOT_WIDTH)):
        page = browser.new_page(viewport={"width": width, "height": SCREENSHOT_HEIGHT})
        try:
            page.goto(f"{site_url}{path}")
            target = out_dir / name
            page.screenshot(path=str(target))
            shots.append(target)
        finally:
            page.close()
    return shots
