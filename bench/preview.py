"""What an editor waits for in the live preview: from saving profiles.yaml to the page reloading.

    python bench/preview.py --root DIR [--out DIR] [--runs N]

Starts `python build.py serve` on the handbook in DIR (with its PDFs, as an editor
runs it), listens to the preview's reload events as an open page does, and puts a
different word in front of the first role's first competence's Danish description
`--runs` times. For each save it times, from the moment the file is written:

- *reload*: until the preview tells open pages to reload (the new page is served);
- *done*: until the terminal says the rebuild is built, PDFs included.

Prints both medians and, with --json, writes every run as JSON.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from edit import edit_description, first_competence  # noqa: E402  (after the path is set)

START_SECONDS = 600  # the first build renders every PDF
REBUILD_SECONDS = 300
EVENTS_PATH = "/__handbook/events"  # the preview's Server-Sent Events, as handbook/build/serve.py serves them


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python bench/preview.py", description=__doc__.split("\n\n")[0])
    cli.add_argument("--root", type=Path, required=True, help="the handbook's folder")
    cli.add_argument("--out", type=Path, default=None, help="the output folder (default: output/ in the handbook's folder)")
    cli.add_argument("--runs", type=int, default=5, help="saves to time (default: 5)")
    cli.add_argument("--json", type=Path, default=None, help="write every run here")
    args = cli.parse_args(argv)
    runs = time_saves(args.root.resolve(), args.runs, args.out.resolve() if args.out else None)
    reload = statistics.median(run["reload_s"] for run in runs)
    done = statistics.median(run["done_s"] for run in runs)
    print(f"save to reload: median {reload:.2f} s; save to built with PDFs: median {done:.2f} s ({len(runs)} saves)")
    if args.json:
        args.json.write_text(json.dumps({"reload_s": reload, "done_s": done, "each": runs}, indent=1) + "\n")
    return 0


def time_saves(root: Path, runs: int, out: Path | None = None) -> list[dict[str, float]]:
    """Serve `root` (into `out`), save an edit `runs` times and time each: to the reload event, and to the end
    of the rebuild."""
    profiles = root / "profiles.yaml"
    original = profiles.read_text(encoding="utf-8")
    code, _ = first_competence(original)
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as scratch:
        stdout = Path(scratch) / "serve.out"
        with open(stdout, "w") as terminal:
            server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(root),
                                       *(["--out", str(out)] if out else []), "--port", "0"],
                                      cwd=root, stdout=terminal, stderr=subprocess.STDOUT)
        try:
            url = _wait(lambda: _served_url(stdout), START_SECONDS, server, stdout)
            _wait(lambda: _built_lines(stdout), START_SECONDS, server, stdout)  # served before its PDFs: wait for them
            events = _listen(url + EVENTS_PATH)
            events.get(timeout=30)  # the current generation, sent at once
            done = []
            for number in range(runs):
                built_lines = _built_lines(stdout)
                saved = time.perf_counter()
                profiles.write_text(edit_description(original, code, f"Forhåndsvist{number}"), encoding="utf-8")
                reloaded = events.get(timeout=REBUILD_SECONDS) - saved
                _wait(lambda: _built_lines(stdout) > built_lines, REBUILD_SECONDS, server, stdout)
                done.append({"reload_s": round(reloaded, 3), "done_s": round(time.perf_counter() - saved, 3)})
                print(f"  save {number + 1}: reload after {reloaded:.2f} s, built after {done[-1]['done_s']:.2f} s")
            return done
        finally:
            profiles.write_text(original, encoding="utf-8")
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=REBUILD_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()


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
