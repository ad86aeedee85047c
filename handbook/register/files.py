"""Every file the register adds beside its pages: feeds, calendars, open data, and its stylesheet and script."""

from __future__ import annotations

from pathlib import Path

from ..model import LANGUAGES, Handbook
from .exports import register_data
from .feeds import atom_feed, review_calendar
from .pages import ASSETS, calendar_path, feed_path

TEMPLATES_DIR = "register"  # in templates/: the register's page and print templates, stylesheet and script


def register_files(handbook: Handbook, templates_dir: Path) -> dict[str, bytes]:
    """The register's files by output path; none when the handbook has no partnerships.yaml."""
    register = handbook.register
    if register is None:
        return {}
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        files[feed_path(lang)] = atom_feed(handbook, register, lang)
        files[calendar_path(lang)] = review_calendar(handbook, register, lang)
    files.update(register_data(handbook, register))
    for path, name in ASSETS.items():
        source = templates_dir / TEMPLATES_DIR / name
        if source.is_file():  # else the register's page templates are missing too, and the build says so
            files[path] = source.read_bytes()
    return files
