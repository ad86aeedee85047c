"""Where a handbook's sources are, and how a build was asked to run.

Kept free of heavy imports: the command line reads it before it knows whether a
build has anything to do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROFILES_FILE = "profiles.yaml"
SITE_FILE = "site.yaml"  # the library's name, logo and colours; optional
PARTNERSHIPS_FILE = "partnerships.yaml"  # optional: the partnership register
CONTENT_DIR = "content"
UI_FILE = "content/ui.yaml"
CHECKLIST_TEXTS_FILE = "content/checklists.yaml"
CACHE_DIR = ".handbook-cache"
SCHEMA_FILE = "schema/profiles.schema.json"  # profiles.yaml names it in its first line, for editors
SITE_SCHEMA_FILE = "schema/site.schema.json"  # and site.yaml this one


@dataclass(frozen=True)
class HandbookFolder:
    """Where a handbook's sources are; templates fall back to the project's own."""

    root: Path

    @property
    def templates(self) -> Path:
        own = self.root / "templates"
        return own if own.is_dir() else PROJECT_DIR / "templates"

    @property
    def content(self) -> Path:
        return self.root / CONTENT_DIR

    @property
    def cache(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def pdf_cache(self) -> Path:
        return self.cache / "pdf"

    @property
    def sources(self) -> list[Path]:
        """Everything a build reads from the handbook: the data, the pages and the templates."""
        return [self.root / PROFILES_FILE, self.root / PARTNERSHIPS_FILE, self.root / SITE_FILE, self.content, self.templates]


@dataclass(frozen=True)
class BuildOptions:
    """How to build, as chosen on the command line."""

    strict: bool = False  # warnings, such as missing translations, fail the build
    clean: bool = False  # rebuild everything, ignoring anything kept from earlier builds
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # processes for rendering pages and PDFs
    pdfs: bool = True  # --no-pdfs skips the checklists, for a quicker preview

    def affecting_output(self) -> dict[str, object]:
        """The options that change what a build writes (not how fast it goes)."""
        return {"strict": self.strict, "pdfs": self.pdfs}
