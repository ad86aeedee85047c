"""What an editor waits for in the live preview: from saving profiles.yaml to the new text in the browser.

    python bench/preview.py --root DIR [--out DIR] [--runs N]

Starts `python build.py serve` on the handbook in DIR (with its PDFs, as an editor
runs it), opens the edited competence's page in headless Chromium (Playwright, the
machine's own `chromium` or HANDBOOK_CHROMIUM), and puts a different word in front
of the first role's first competence's Danish description `--runs` times. For each
save it times, from the moment the file is written:

- *visible*: until the open page shows the new word (checked every frame): what the editor sees;
- *reload*: until the preview tells open pages to reload (its own event, which the page then acts on);
- *done*: until the terminal says the rebuild is built, PDFs included.

Prints the medians and, with --json, writes every run as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

os.environ["HANDBOOK_LANG"] = "en"  # the build's lines are read in English, whatever the locale
PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from edit import edit_description, first_competence  # noqa: E402  (after the path is set)

START_SECONDS = 600  # the first build renders every PDF
REBUILD_SECONDS = 300
EVENTS_PATH = "/__handbook/events"  # the preview's Server-Sent Events, as handbook/build/serve.py serves them
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# True once the competence's entry on the open page shows `word` as text a reader sees.
SHOWS_WORD = """([code, word]) => {
  const heading = document.getElementById(code);
  const entry = heading && heading.closest("li");
  return !!entry && entry.innerText.includes(word);
}"""


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python bench/preview.py", description=__doc__.split("\n\n")[0])
    cli.add_argument("--root", type=Path, required=True, help="the handbook's folder")
    cli.add_argument("--out", type=Path, default=None, help="the output folder (default: output/ in the handbook's folder)")
    cli.add_argument("--runs", type=int, default=5, help="saves to time (default: 5)")
    cli.add_argument("--json", type=Path, default=None, help="write every run here")
    args = cli.parse_args(argv)
    runs = time_saves(args.root.resolve(), args.runs, args.out.resolve() if args.out else None)
    medians = {key: statistics.median(run[key] for run in runs) for key in ("visible_s", "reload_s", "done_s")}
    print(f"save to new text visible in the browser: median {medians['visible_s']:.2f} s; to the reload event: "
          f"{medians['reload_s']:.2f} s; to built with PDFs: {medians['done_s']:.2f} s ({len(runs)} saves)")
    if args.json:
        args.json.write_text(json.dumps({**medians, "each": runs}, indent=1) + "\n")
    return 0


def find_chromium() -> str:
    named = os.environ.get("HANDBOOK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not named:
        raise SystemExit("bench/preview.py needs Chromium: apt-get install chromium, or name one in HANDBOOK_CHROMIUM")
    return named


def time_saves(root: Path, runs: int, out: Path | None = None) -> list[dict[str, float]]:
    """Serve `root` (into `out`), open the edited page in Chromium, save an edit `runs` times and time each:
    to the new text on the page, to the reload event, and to the end of the rebuild."""
    from playwright.sync_api import sync_playwright

    profiles = root / "profiles.yaml"
    original = profiles.read_text(encoding="utf-8")
    code, slug = first_competence(original)
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        stdout = Path(scratch) / "serve.out"
        with open(stdout, "w") as terminal:
            server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(root),
                                       *(["--out", str(out)] if out else []), "--port", "0"],
                                      cwd=root, stdout=terminal, stderr=subprocess.STDOUT)
        try:
            url = _wait(lambda: _served_url(stdout), START_SECONDS, server, stdout)
            _wait(lambda: _built_lines(stdout), START_SECONDS, server, stdout)  # served before its PDFs: wait for them
            page = browser.new_page()
            page.goto(f"{url}/da/{slug}.html#{code}")
            page.wait_for_function(SHOWS_WORD, arg=[code, ""], timeout=30_000)
            events = _listen(url + EVENTS_PATH)
            events.get(timeout=30)  # the current generation, sent at once
            done = []
            for number in range(runs):
                built_lines = _built_lines(stdout)
                marker = f"Forhåndsvist{number}"
                saved = time.perf_counter()
                profiles.write_text(edit_description(original, code, marker), encoding="utf-8")
                page.wait_for_function(SHOWS_WORD, arg=[code, marker], polling="raf", timeout=REBUILD_SECONDS * 1000)
                visible = time.perf_counter() - saved
                reloaded = events.get(timeout=REBUILD_SECONDS) - saved
                _wait(lambda: _built_lines(stdout) > built_lines, REBUILD_SECONDS, server, stdout)
                done.append({"visible_s": round(visible, 3), "reload_s": round(reloaded, 3),
                             "done_s": round(time.perf_counter() - saved, 3)})
                print(f"  save {number + 1}: visible after {visible:.2f} s (reload event {reloaded:.2f} s), "
                      f"built after {done[-1]['done_s']:.2f} s")
            return done
        finally:
            profiles.write_text(original, encoding="utf-8")
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=REBUILD_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
            browser.close()


def _listen(url: str) -> queue.Queue[float]:
    """The time of every reload event the preview sends, as an open page receives them."""
    arrivals: queue.Queue[float] = queue.Queue()

    def read() -> None:
        with urllib.request.urlopen(url, timeout=REBUILD_SECONDS) as stream:
            for line in stream:
                if line.startswith(b"data:"):
                    arrivals.put(time.perf_counter())

    threading.Thread(target=read, daemon=True).start()
    return arrivals


def _served_url(stdout: Path) -> str | None:
    match = re.search(r"http://127\.0\.0\.1:\d+", stdout.read_text())
    return match.group(0) if match else None


def _built_lines(stdout: Path) -> int:
    return len(re.findall(r"^Built ", stdout.read_text(), re.MULTILINE))


def _wait(condition, seconds: float, server: subprocess.Popen, stdout: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (result := condition()):
            return result
        if server.poll() is not None:
            raise SystemExit(f"serve stopped:\n{stdout.read_text()}")
        time.sleep(0.02)
    raise SystemExit(f"serve did not answer within {seconds} s:\n{stdout.read_text()}")


if __name__ == "__main__":
    sys.exit(main())
