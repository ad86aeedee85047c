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
