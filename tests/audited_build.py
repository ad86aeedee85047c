"""Run the real command line while Python's audit hooks note what it opens and whom it calls.

Usage: python audited_build.py LOG [build.py's arguments]

The hook is installed before the handbook package is imported, so the whole
build is watched: imports, reading the sources, rendering, writing, and anything
a later step (such as PDF rendering) adds. LOG receives a JSON list of
[event, arguments] for every file opened and every socket, subprocess or URL
request. The exit code is the build's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WATCHED = ("open", "socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
           "urllib.Request", "http.client.", "ftplib.", "smtplib.", "webbrowser.")

events: list[tuple[str, list[object]]] = []
watching = True


def note(event: str, args: tuple[object, ...]) -> None:
    if watching and event.startswith(WATCHED):
        events.append((event, [a if isinstance(a, (int, type(None))) else str(a) for a in args]))


def main() -> int:
    global watching
    log = Path(sys.argv[1])
    sys.addaudithook(note)
    sys.path.insert(0, str(PROJECT))
    from handbook.cli import main as build

    try:
        return build(sys.argv[2:])
    finally:
        watching = False
        log.write_text(json.dumps(events), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
