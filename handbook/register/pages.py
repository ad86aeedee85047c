"""The register's pages: which exist, what each shows (for the page cache), and its A–Z entries.

All of them sit one folder deep beside the other pages (`da/partnerships.html`,
`da/partnership-eks-laeselyst.html`), so they share the site's navigation and links.
The site's plan (`site/plan.py`) adds them in every language; the page cache
(`site/page_keys.py`) keys each by what `page_inputs` says it shows, so a change to one
partnership re-renders its own pages and those that list it, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Text
from ..model.partnerships import Partnership, Register

REGISTER_PAGE = "partnerships"
OVERVIEW_PAGE = "partnerships-overview"
PAGE_NAMES = {  # for messages when a page in content/ takes one of these names
    REGISTER_PAGE: "the built-in partnership register",
    OVERVIEW_PAGE: "the built-in overview of the partnerships",
}
PARTNERSHIP_COORDINATOR_PROFILE = "PRT"  # its profile page lists the library's partnership coordinators
ASSETS = {"assets/register.css": "register.css", "assets/register-sort.js": "sort.js"}  # output path: file in templates/register/


@dataclass(frozen=True)
class RegisterPage:
    key: str  # the page's name in every language
    template: str
    partnership: Partnership | None = None


def register_pages(register: Register) -> list[RegisterPage]:
    """The register, the network coordinator's overview, then one page per partnership in the file's order."""
    pages = [RegisterPage(REGISTER_PAGE, "register/register.html"), RegisterPage(OVERVIEW_PAGE, "register/overview.html")]
    pages.extend(RegisterPage(p.slug, "register/partnership.html", p) for p in register.partnerships)
    return pages


def reserved_names(register: Register | None) -> dict[str, str]:
    """The page names the register takes, with what takes them, for the check of content/'s page names."""
    if register is None:
        return {}
    names = dict(PAGE_NAMES)
    names.update({p.slug: f"partnership {p.code}" for p in register.partnerships})
    return names


def _listed(p: Partnership) -> tuple[Any, ...]:
    """What the register and the overview show of a partnership."""
    return (p.code, p.slug, p.name, p.status, p.review_state, p.start, p.review, p.end, p.coordinator, p.goals,
            p.partners, p.example)


def page_inputs(register: Register, partnership: Partnership | None) -> Any:
    """Everything a page of the register shows, for its cache key: a partnership's own page, or the
    register or the overview, which list every partnership."""
    if partnership is not None:  # its own page names its goals
        return partnership, tuple(register.goal(code) for code in partnership.goals)
    return register.today, register.goals, tuple(_listed(p) for p in register.partnerships)


def front_page_inputs(register: Register | None) -> Any:
    """What the front page shows of the register: the newest partnerships and their announcements."""
    if register is None:
        return None
    return tuple((p.code, p.slug, p.name, p.announcement, p.start, p.example) for p in register.newest())


def coordinator_profile_inputs(register: Register | None, profile_code: str) -> Any:
    """What the partnership coordinator's profile page shows of the register: the coordinators."""
    if register is None or profile_code != PARTNERSHIP_COORDINATOR_PROFILE:
        return None
    return tuple((load.coordinator, tuple((p.code, p.slug, p.name, p.example) for p in load.partnerships))
                 for load in register.coordinators())


@dataclass(frozen=True)
class IndexItem:
    label: Text
    path: str
    code: str


def index_items(register: Register | None, lang: str) -> list[IndexItem]:
    """An A–Z entry per partnership (the register and the overview are there through the navigation)."""
    if register is None:
        return []
    return [IndexItem(p.name, f"{lang}/{p.slug}.html", p.code) for p in register.partnerships]


# --- where the register's files go ---------------------------------------------------------------

DOCUMENT_KINDS = ("agreement", "evaluation")  # the PDFs printed for each partnership
CSV_PATH = "downloads/partnerships.csv"
JSON_LD_PATH = "downloads/partnerships.jsonld"


def document_path(partnership: Partnership, kind: str, lang: str) -> str:
    """A partnership's printed agreement or evaluation form: `da/partnerships/eks-laeselyst-agreement.pdf`."""
    return f"{lang}/partnerships/{partnership.code.lower()}-{kind}.pdf"


def feed_path(lang: str) -> str:
    """The Atom feed of new partnerships in `lang`: `da/partnerships.atom`."""
    return f"{lang}/partnerships.atom"


def calendar_path(lang: str) -> str:
    """The iCalendar file of every review date in `lang`: `da/partnership-reviews.ics`."""
    return f"{lang}/partnership-reviews.ics"


def template_globals() -> dict[str, Any]:
    """What the site's templates need to show the register and link its files."""
    return {
        "register_profile": PARTNERSHIP_COORDINATOR_PROFILE,
        "register_page": REGISTER_PAGE,
        "register_overview_page": OVERVIEW_PAGE,
        "document_kinds": DOCUMENT_KINDS,
        "document_path": document_path,
        "feed_path": feed_path,
        "calendar_path": calendar_path,
        "register_data": (("csv", CSV_PATH, "text/csv"), ("jsonld", JSON_LD_PATH, "application/ld+json")),
    }
