"""What each page of the site is made from, hashed into the key it is cached under.

A page is rendered again only when its key changes, so the key must hold everything
its template shows and should hold nothing else: editing one competence's description
re-renders that profile's two pages and no other; editing its title also re-renders the
pages that list every title (front page, overview, A–Z index). Every page shows the
navigation, the interface texts and the version; these are hashed once per language.
A template must use nothing beyond what is listed here for its page, and a page this
module does not know is keyed by the whole handbook.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..assess.pages import TEAM_PAGE, assessed_competences
from ..model import PRIMARY_LANGUAGE, Handbook, Profile
from ..register.pages import coordinator_profile_inputs, front_page_inputs, page_inputs
from ..write.cache import key_of
from .a_to_z import LetterGroup
from .plan import NavItem, SitePage


class PageKeys:
    """Cache keys of a build's pages; `made_by` is the digest of the templates and the code."""

    def __init__(self, handbook: Handbook, made_by: str, navs: dict[str, list[NavItem]],
                 a_to_z: dict[str, list[LetterGroup]], one_by_one: bool):
        self.handbook = handbook
        self.made_by = made_by
        self.a_to_z = a_to_z
        data = handbook.data
        self.common = {lang: key_of(nav, handbook.ui, handbook.checklist_texts, data.version, data.date,
                                    data.base_url, one_by_one, handbook.branding) for lang, nav in navs.items()}
        self.profiles: dict[str, str] = {}  # each profile's digest, shared by its pages in every language

    def key(self, page: SitePage) -> str:
        return key_of(self.made_by, page.path, self.common[page.lang], self._inputs(page))

    def chooser_key(self, path: str) -> str:
        """The language chooser at the site's root shows the interface texts alone."""
        return key_of(self.made_by, path, self.handbook.ui)

    def _inputs(self, page: SitePage) -> Any:
        data = self.handbook.data
        register = self.handbook.register
        if page.template == "self-assessment.html":  # the role's competences and all staff's
            return tuple(self._profile(p) for p, _ in assessed_competences(self.handbook, page.profile))
        if page.profile is not None:  # the partnership coordinator's also lists the coordinators
            return self._profile(page.profile), coordinator_profile_inputs(register, page.profile.code)
        if register is not None and page.template.startswith("register/"):
            return page_inputs(register, page.partnership)
        markdown = self.handbook.pages.get((page.key, page.lang)) or self.handbook.pages.get((page.key, PRIMARY_LANGUAGE))
        if page.template == "page.html":
            return markdown
        if page.template == "recruitment.html":
            return markdown, data.recruitment
        if page.template == "index.html":  # a card per profile, and the newest partnerships
            return (markdown, tuple((p.code, p.slug, p.name, p.summary, len(p.competences)) for p in data.profiles),
                    front_page_inputs(register))
        if page.key == "overview":  # every competence's code and title, by profile
            return tuple((p.code, p.slug, p.name, tuple((c.code, c.anchor, c.title) for c in p.competences))
                         for p in data.profiles)
        if page.key == TEAM_PAGE:  # every competence's code and title, by profile, and the recruitment page
            return (tuple((p.code, p.name, tuple((c.code, c.title) for c in p.competences)) for p in data.profiles),
                    "recruitment" in self.handbook.page_names)
        if page.key == "a-z":
            return self.a_to_z[page.lang]
        if page.key == "checklists":
            return tuple((p.code, p.name) for p in data.profiles)
        if page.key in ("search", "404", "downloads"):
            return None
        return self._everything

    def _profile(self, profile: Profile) -> str:
        """A profile's digest, computed once for all the pages that show it."""
        if profile.code not in self.profiles:
            self.profiles[profile.code] = key_of(profile)
        return self.profiles[profile.code]

    @cached_property
    def _everything(self) -> str:
        return key_of(self.handbook)
