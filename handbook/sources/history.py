"""When the sources last changed, read from the handbook's git history: dates without a clock.

Printed dates ("version 2026.1, 25 November 2026", a page's "last updated", whether a
review is overdue) must neither go stale nor make two builds of the same sources
differ. So they come from the sources' history, never from the clock:
`SOURCE_DATE_EPOCH` when it is set (the reproducible-builds convention, for
packagers and CI), else the date of the last commit that touched the given paths.
Where the handbook is not kept in git, or git is not installed, the answer is None
and the caller falls back to `date:` in profiles.yaml. Uncommitted edits count
from their commit: until then the preview shows the date of the last one.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path
from typing import Iterable

from ..i18n import _
from ..problems import UsageError
from .folder import CONTENT_DIR, PROFILES_FILE

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_UNCOMMITTED = "0" * 40  # what git blame names a line not yet committed
# The text editors write: its last change dates the handbook. A change to the templates alone
# changes the look, not the content, so it does not move the printed date.
DATED_SOURCES = (PROFILES_FILE, CONTENT_DIR)


def edited_date(root: Path) -> datetime.date | None:
    """The date the handbook's text last changed (profiles.yaml and content/); None where it is not in git."""
    return source_date(root, DATED_SOURCES)


def source_date(root: Path, paths: Iterable[str] = ()) -> datetime.date | None:
    """The date the sources under `root` (or just `paths`, relative to it) last changed, in UTC."""
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if epoch:
        return _from_epoch(epoch)
    seconds = _git(root, ["log", "-1", "--format=%ct", "--", *(paths or ["."])])
    return _from_epoch(seconds) if seconds else None


def file_dates(root: Path, paths: Iterable[str]) -> dict[str, datetime.date]:
    """The date (UTC) of the last commit that changed each of `paths` (relative to `root`), from one
    `git log`; a path without history is left out, and so is every path where there is no git."""
    wanted = set(paths)
    listing = _git(root, ["log", "--relative", "--format=%x00%ct", "--name-only", "--", *sorted(wanted)])
    dates: dict[str, datetime.date] = {}
    for entry in (listing or "").split("\0")[1:]:  # newest first: the first date seen for a path is its last
        seconds, *names = entry.split("\n")
        for name in names:
            if name in wanted and name not in dates:
                dates[name] = _from_epoch(seconds)
    return dates


def line_dates(root: Path, path: str) -> list[datetime.date | None]:
    """The date (UTC) of the commit that last changed each line of `path`, None for a line not yet
    committed; empty where there is no history. One `git blame` for the whole file."""
    porcelain = _git(root, ["blame", "--porcelain", "--", path])
    if not porcelain:
        return []
    commit_dates: dict[str, datetime.date] = {}
    lines: list[datetime.date | None] = []
    commit = ""
    for row in porcelain.split("\n"):
        if row.startswith("\t"):  # the line itself, after its commit's headers
            lines.append(commit_dates.get(commit) if commit != _UNCOMMITTED else None)
        elif row.startswith("committer-time "):
            commit_dates[commit] = datetime.datetime.fromtimestamp(int(row.split()[1]), datetime.timezone.utc).date()
        else:
            first = row.split(" ", 1)[0]
            if len(first) == 40 and all(c in "0123456789abcdef" for c in first):
                commit = first
    return lines


def _from_epoch(seconds: str) -> datetime.date:
    try:
        moment = datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(_("{variable} must be a whole number of seconds since 1970-01-01 (UTC), such as 1764547200, "
                           "not '{seconds}'. Set it so, or unset it.", variable=SOURCE_DATE_EPOCH, seconds=seconds)) from None
    return moment.date()


def _git(root: Path, arguments: list[str]) -> str | None:
    """What git prints for `arguments` run in `root`, or None where there is no git or no history."""
    try:
        result = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True,
                                timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None
