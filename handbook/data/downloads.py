"""What the downloads page offers: the whole handbook as PDF in each language, and the framework as data.

Stable file names in one folder at the site's root; the data files hold both
languages, so there is one of each.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LANGUAGES

DOWNLOADS_DIR = "downloads"


@dataclass(frozen=True)
class Download:
    """One downloadable file; its texts in content/ui.yaml are `KIND_link` and `KIND_about`."""

    path: str
    media_type: str
    kind: str  # 'book', 'csv', 'turtle' or 'jsonld'
    lang: str | None = None  # the language of a book; None for data, which holds every language


def book_path(lang: str) -> str:
    """Where the whole handbook in `lang` goes: `downloads/handbook-da.pdf`."""
    return f"{DOWNLOADS_DIR}/handbook-{lang}.pdf"


BOOKS = tuple(Download(book_path(lang), "application/pdf", "book", lang) for lang in LANGUAGES)
CSV = Download(f"{DOWNLOADS_DIR}/competences.csv", "text/csv", "csv")
TURTLE = Download(f"{DOWNLOADS_DIR}/competences.ttl", "text/turtle", "turtle")
JSON_LD = Download(f"{DOWNLOADS_DIR}/competences.jsonld", "application/ld+json", "jsonld")
DOWNLOADS = (*BOOKS, CSV, TURTLE, JSON_LD)
