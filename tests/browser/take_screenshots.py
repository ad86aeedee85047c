"""The README's screenshots, taken with the browser tests' own code.

Run from the project's root: `python tests/browser/take_screenshots.py` builds the
handbook into a temporary folder, serves it on 127.0.0.1 and writes
docs/screenshots/profile-da.png and profile-en.png, self-assessment-da.png and team-en.png, the
partnership register's register-da.png, partnership-da.png and register-overview-en.png; then the
same with the example site.yaml and logo of docs/branding-example/, for branded-net-1280.png and
branded-net-375-dark.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import (INSTALL_HINT, find_chromium, launch, screenshot_assessment, screenshot_branded,
                      screenshot_profiles, screenshot_register, serve)

PROJECT = Path(__file__).resolve().parent.parent.parent


def main() -> int:
    executable = find_chromium()
    if executable is None:
        print(f"Chromium is not installed: {INSTALL_HINT}.", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "output"
        if subprocess.run([sys.executable, str(PROJECT / "build.py"), "--out", str(site), "--quiet"]).returncode != 0:
            return 1
        branded = Path(temporary) / "branded"
        example = PROJECT / "docs" / "branding-example"
        shutil.copytree(PROJECT / "content", branded / "handbook" / "content")
        shutil.copy(PROJECT / "profiles.yaml", branded / "handbook")
        shutil.copy(example / "site.yaml", branded / "handbook")
        shutil.copy(example / "content" / "logo.svg", branded / "handbook" / "content")
        if subprocess.run([sys.executable, str(PROJECT / "build.py"), "--root", str(branded / "handbook"), "--out",
                           str(branded / "output"), "--no-pdfs", "--quiet"]).returncode != 0:
            return 1
        with sync_playwright() as playwright, serve(site.parent) as root:
            browser = launch(playwright, executable)
            shots = screenshot_profiles(browser, f"{root}{site.name}/", PROJECT / "docs" / "screenshots")
            shots += screenshot_assessment(browser, f"{root}{site.name}/", PROJECT / "docs" / "screenshots", Path(temporary))
            shots += screenshot_register(browser, f"{root}{site.name}/", PROJECT / "docs" / "screenshots")
            shots += screenshot_branded(browser, f"{root}branded/output/", PROJECT / "docs" / "screenshots")
            browser.close()
    for shot in shots:
        print(shot.relative_to(PROJECT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
