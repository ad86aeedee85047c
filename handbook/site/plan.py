"""The site's map: which pages exist in each language, where they go and how they link.

Pure data, decided before anything is rendered: every page sees the same
navigation, and every page's counterpart in the other language is known.
Output paths are derived from validated codes and page names only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assess.pages import assessment_pages
from ..i18n import _
from ..model import LANGUAGES, PRIMARY_LANGUAGE, Handbook, Profile
from ..model.partnerships import Partnership
from ..register.pages import OVERVIEW_PAGE, REGISTER_PAGE, register_pages

ASSETS_DIR = "assets"

# Pages the build makes itself in every language, by key: (template, what it is, for messages).
GENERATED_PAGES = {
    "overview": ("overview.html", _("the built-in competence overview")),
    "a-z": ("a-z.html", _("the built-in A–Z index")),
    "search": ("search.html", _("the built-in search")),
    "404": ("404.html", _("the built-in 'page not found' notice")),
    "checklists": ("checklists.html", _("the built-in list of checklists")),
    "downloads": ("downloads.html", _("the built-in list of downloads")),
}
PROFILES_SHOWN_ONE_BY_ONE = 12
# Pages a reader looks things up with, not content of their own: left out of the search index.
NOT_SEARCHED = ("overview", "a-z", "search", "404")
# Pages no one should land on from outside: left out of sitemap.xml.
NOT_IN_SITEMAP = ("search", "404")


@dataclass(frozen=True)
class SitePage:
    """One HTML page in one language."""

    key: str  # the same in every language: 'index', 'net', 'about'
    lang: str
    template: str
    profile: Profile | None = None
    partnership: Partnership | None = None

    @property
    def path(self) -> str:
        return f"{self.lang}/{self.key}.html"

    def counterpart(self, lang: str) -> str:
        return f"{lang}/{self.key}.html"

    @property
    def searchable(self) -> bool:
        return self.key not in NOT_SEARCHED

    @property
    def listed(self) -> bool:
        """Whether search engines may list the page: in sitemap.xml, without 'noindex'."""
        return self.key not in NOT_IN_SITEMAP

    @property
    def served_at_any_address(self) -> bool:
        """A web server shows the 404 page in place of any missing address: links relative to it can break."""
        return self.key == "404"


@dataclass(frozen=True)
class NavItem:
    key: str
    path: str
    label: str
    label_lang: str  # the language the label is written in: Danish where it is not yet translated


def plan_pages(handbook: Handbook) -> list[SitePage]:
    """Every page of the site, in a fixed order: per language, front page, profiles, other pages, generated pages,
    self-assessments."""
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
        if handbook.register is not None:
            pages.extend(SitePage(p.key, lang, p.template, partnership=p.partnership) for p in register_pages(handbook.register))
        for key, (template, _what) in GENERATED_PAGES.items():
            pages.append(SitePage(key, lang, template))
        for key, (template, profile, _what) in assessment_pages(handbook.data.profiles).items():
            pages.append(SitePage(key, lang, template, profile))
    return pages


def lists_profiles_one_by_one(handbook: Handbook) -> bool:
    """Whether the navigation and the overview show every profile by name.

    Past a dozen profiles a list in every page's navigation stops helping anyone, and it
    would make each page grow with the handbook (the whole site with its square); the
    front page and the overview then list the profiles instead.
    """
    return len(handbook.data.profiles) <= PROFILES_SHOWN_ONE_BY_ONE


def navigation(handbook: Handbook, lang: str) -> list[NavItem]:
    """The main navigation in reading order: front page, profiles, overview, the partnership register and its
    overview (when there is one), other pages, checklists, downloads, about."""
    ui = handbook.ui
    items = [NavItem("index", f"{lang}/index.html", ui["nav_home"].get(lang), ui["nav_home"].language_of(lang))]
    if lists_profiles_one_by_one(handbook):
        for profile in handbook.data.profiles:
            items.append(NavItem(profile.slug, f"{lang}/{profile.slug}.html", profile.name.get(lang), profile.name.language_of(lang)))
    items.append(NavItem("overview", f"{lang}/overview.html", ui["overview_title"].get(lang), ui["overview_title"].language_of(lang)))
    if handbook.register is not None:
        for key, label in ((REGISTER_PAGE, ui["nav_partnerships"]), (OVERVIEW_PAGE, ui["nav_partnerships_overview"])):
            items.append(NavItem(key, f"{lang}/{key}.html", label.get(lang), label.language_of(lang)))
    for name in handbook.other_pages():
        page = handbook.pages.get((name, lang)) or handbook.pages[(name, PRIMARY_LANGUAGE)]
        items.append(NavItem(name, f"{lang}/{name}.html", page.title, page.lang))
    items.append(NavItem("checklists", f"{lang}/checklists.html", ui["nav_checklists"].get(lang), ui["nav_checklists"].language_of(lang)))
    items.append(NavItem("downloads", f"{lang}/downloads.html", ui["nav_downloads"].get(lang), ui["nav_downloads"].language_of(lang)))
    about = handbook.pages.get(("about", lang)) or handbook.pages[("about", PRIMARY_LANGUAGE)]
    items.append(NavItem("about", f"{lang}/about.html", about.title, about.lang))
    return items


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one output file to another that works from any subpath and from disk.

    Both are paths from the output folder's root, as plan_pages makes them. Plain string
    work, not posixpath.relpath: every page links to every navigation entry, so this
    runs hundreds of thousands of times in a large handbook.
    """
    target, _, fragment = to_path.partition("#")
    from_dirs = from_path.split("/")[:-1]
    to_parts = target.split("/")
    shared = 0
    while shared < len(from_dirs) and shared < len(to_parts) - 1 and from_dirs[shared] == to_parts[shared]:
        shared += 1
    url = "../" * (len(from_dirs) - shared) + "/".join(to_parts[shared:])
    return f"{url}#{fragment}" if fragment else url
