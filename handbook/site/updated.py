"""Each page's "last updated" date: the last commit that changed what the page shows.

A profile page shows one block of profiles.yaml, so its date comes from those lines
alone (`git blame`, run once per build), not from the whole file: editing NET-3 does
not make the partnership coordinator's page newer. A Markdown page's date is its
file's; the pages that list every profile take the whole of profiles.yaml. Dates come
from the history, never the clock (see `sources.history`): with SOURCE_DATE_EPOCH every
page has that date, and outside git every page has `date:` from profiles.yaml.
A line not yet committed counts from the file's last commit, as everywhere in the build.
"""

from __future__ import annotations

import datetime
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..model import LANGUAGES, Handbook
from ..sources.folder import CHECKLIST_TEXTS_FILE, CONTENT_DIR, PROFILES_FILE
from ..sources.history import SOURCE_DATE_EPOCH, file_dates, line_dates, source_date
from .plan import SitePage

_TOP_LEVEL_KEY = re.compile(r"[A-Za-z_][\w-]*\s*:")


def page_dates(handbook: Handbook, root: Path, pages: list[SitePage]) -> dict[str, datetime.date]:
    """The date each page (by output path) last changed in the sources' history."""
    fallback = handbook.data.date
    if os.environ.get(SOURCE_DATE_EPOCH, "").strip():
        epoch_date = source_date(root) or fallback
        return {page.path: epoch_date for page in pages}
    page_files = [f"{CONTENT_DIR}/{name}.{lang}.md" for name in handbook.page_names for lang in LANGUAGES]
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two git commands at once: the preview waits for them
        blamed = pool.submit(line_dates, root, PROFILES_FILE)
        of_file = file_dates(root, [PROFILES_FILE, CHECKLIST_TEXTS_FILE, *page_files])
        by_line = blamed.result()
    # A line not yet committed counts from the file's last commit: what it replaced is no older.
    by_line = [line_date or of_file.get(PROFILES_FILE) for line_date in by_line]
    whole_data = max((d for d in by_line if d), default=None)
    blocks = _profile_blocks(root, len(handbook.data.profiles))
    place = {profile.code: index for index, profile in enumerate(handbook.data.profiles)}
    dates = {}
    for page in pages:
        found: list[datetime.date | None] = []
        if page.profile is not None:
            index = place[page.profile.code]
            if by_line and index < len(blocks):
                first, last = blocks[index]
                found.append(max((d for d in by_line[first - 1:last] if d), default=None))
            else:
                found.append(whole_data)
        elif page.key in handbook.page_names:
            found.extend(of_file.get(f"{CONTENT_DIR}/{page.key}.{lang}.md") for lang in LANGUAGES)
            if page.key in ("index", "recruitment"):  # they list the profiles and the recruitment points
                found.append(whole_data)
        else:
            found.append(whole_data)
            if page.key == "checklists":
                found.append(of_file.get(CHECKLIST_TEXTS_FILE))
        dates[page.path] = max((d for d in found if d), default=fallback)
    return dates


def _profile_blocks(root: Path, count: int) -> list[tuple[int, int]]:
    """The first and last line of each profile's block in profiles.yaml, in the file's order.

    Read from the text: the fast reader of profiles.yaml keeps no line numbers. A profile
    is an item of the top-level `profiles:` list; its block ends where the next item or
    the next top-level key starts.
    """
    try:
        text = (root / PROFILES_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    rows = text.split("\n")
    starts: list[int] = []
    end = len(rows)
    in_profiles, item_indent = False, None
    for number, row in enumerate(rows, start=1):
        if _TOP_LEVEL_KEY.match(row):
            if in_profiles:
                end = number - 1
                break
            in_profiles = row.startswith("profiles")
            continue
        stripped = row.lstrip(" ")
        if in_profiles and stripped.startswith("- "):
            indent = len(row) - len(stripped)
            if item_indent is None:
                item_indent = indent
            if indent == item_indent:
                starts.append(number)
    blocks = [(start, (starts[i + 1] - 1) if i + 1 < len(starts) else end) for i, start in enumerate(starts)]
    return blocks if len(blocks) == count else []
