"""The site's map: which pages exist in each language, where they go and how they link.

Pure data, decided before anything is rendered: every page sees the same
navigation, and every page's counterpart in the other language is known.
Output paths are derived from validated codes and page names only.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .model import LANGUAGES, Handbook, Profile

ASSETS_DIR = "assets"
CONTENT_ASSETS_DIR = "content"


@dataclass(frozen=True)
class SitePage:
    """One HTML page in one language."""

    key: str  # the same in every language: 'index', 'net', 'about'
    lang: str
    template: str
    profile: Profile | None = None

    @property
    def path(self) -> str:
        return f"{self.lang}/{self.key}.html"

    def counterpart(self, lang: str) -> str:
        return f"{lang}/{self.key}.html"


@dataclass(frozen=True)
class NavItem:
    key: str
    path: str
    label: str


def plan_pages(handbook: Handbook) -> list[SitePage]:
    """Every page of the site, in a fixed order: per language, front page, profiles, other pages."""
    pages: list[SitePage] = []
    for lang in LANGUAGES:
        pages.append(SitePage("index", lang, "index.html"))
        for profile in handbook.data.profiles:
            pages.append(SitePage(profile.slug, lang, "profile.html", profile))
        for name in handbook.page_names:
            if name == "index":
                continue
            template = "recruitment.html" if name == "recruitment" else "page.html"
            pages.append(SitePage(name, lang, template))
        pages.append(SitePage("checklists", lang, "checklists.html"))
    return pages


def navigation(handbook: Handbook, lang: str) -> list[NavItem]:
    """The main navigation in reading order: front page, profiles, recruitment, other pages, checklists, about."""
    items = [NavItem("index", f"{lang}/index.html", handbook.ui["nav_home"].get(lang))]
    for profile in handbook.data.profiles:
        items.append(NavItem(profile.slug, f"{lang}/{profile.slug}.html", profile.name.get(lang)))
    others = [n for n in handbook.page_names if n not in ("index", "about")]
    ordered = sorted(others, key=lambda n: (n != "recruitment", n))
    for name in ordered:
        page = handbook.pages.get((name, lang)) or handbook.pages[(name, "da")]
        items.append(NavItem(name, f"{lang}/{name}.html", page.title))
    items.append(NavItem("checklists", f"{lang}/checklists.html", handbook.ui["nav_checklists"].get(lang)))
    about = handbook.pages.get(("about", lang)) or handbook.pages[("about", "da")]
    items.append(NavItem("about", f"{lang}/about.html", about.title))
    return items


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one output file to another that works from any subpath and from disk."""
    target, _, fragment = to_path.partition("#")
    url = posixpath.relpath(target, posixpath.dirname(from_path) or ".")
    return f"{url}#{fragment}" if fragment else url
