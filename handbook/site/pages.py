"""Every HTML page of the site: taken from the page cache where unchanged, the rest rendered on every core.

The pages to render are split between this process and forked workers, which
inherit the handbook and the compiled templates instead of receiving them, and send
back only the pages' bytes and any problems. A few pages are not worth a fork.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from ..assess.form import self_assessment_data, team_data
from ..assess.pages import assessed_competences
from ..data.downloads import DOWNLOADS
from ..data.exports import defined_term_set
from ..model import LANGUAGES, PRIMARY_LANGUAGE, Handbook
from ..pdf.checklists import KINDS, Checklist, plan_checklists
from ..register.pages import template_globals as register_globals
from ..problems import Problem, Problems
from ..render.templates import TextHelper, make_environment, render_template
from ..render.workers import forked_pool
from ..write.cache import CODE_DIR, ContentCache, files_digest, key_of
from .a_to_z import letter_groups
from .descriptions import page_description
from .page_keys import PageKeys
from .plan import SitePage, lists_profiles_one_by_one, navigation, plan_pages, relative_url

CHOOSER = "index.html"  # the language chooser at the site's root
PAGES_PER_WORKER = 200  # fewer pages than this for a process are not worth forking it (about 0.2 s of work)
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}  # in their own language, for the language switch


class _PageRenderer:
    """What every page's template sees, prepared once; renders pages by their place in `pages` and
    keeps each in `cache` under its key from `keys`, in whichever process rendered it."""

    def __init__(self, handbook: Handbook, templates_dir: Path, root: Path, pages: list[SitePage],
                 cache: ContentCache | None, updated: dict[str, datetime.date]):
        self.handbook = handbook
        self.updated = updated
        self.cache = cache
        self.keys: dict[str, str] = {}  # by output path
        self.templates_dir = templates_dir
        self.root = root
        self.pages = pages
        self.env = make_environment(templates_dir)
        self.env.globals["defined_term_set"] = defined_term_set
        self.env.globals["downloads"] = DOWNLOADS
        self.env.globals.update(register_globals())
        self.helpers = {lang: TextHelper(handbook, lang) for lang in LANGUAGES}
        self.navs = {lang: navigation(handbook, lang) for lang in LANGUAGES}
        self.index_groups = {lang: letter_groups(handbook, lang) for lang in LANGUAGES}
        self.one_by_one = lists_profiles_one_by_one(handbook)
        self.checklists: dict[str, dict[str, list[Checklist]]] = {
            lang: {p.code: [] for p in handbook.data.profiles} for lang in LANGUAGES}
        for checklist in plan_checklists(handbook):
            self.checklists[checklist.lang][checklist.profile.code].append(checklist)
        self.nav_keys = {lang: {item.key for item in nav} for lang, nav in self.navs.items()}
        self.main_navs: dict[tuple[str, str | None, bool], Markup] = {}

    def compile_templates(self) -> None:
        """Compile every page template now, so that forked workers inherit them compiled."""
        for template in sorted({page.template for page in self.pages}):
            try:
                self.env.get_template(template)
            except jinja2.TemplateError:  # reported, located, when a page is rendered with it
                pass

    def render(self, indexes: list[int]) -> tuple[dict[str, bytes], list[Problem]]:
        """The pages at `indexes` by output path (those that rendered), and the problems found."""
        problems = Problems()
        files = {}
        for index in indexes:
            page = self.pages[index]
            html = render_template(self.env, page.template, self._context(page, problems), self.templates_dir, self.root,
                                   problems)
            if html is not None:
                files[page.path] = html.encode("utf-8")
                if self.cache:
                    self.cache.put(self.keys[page.path], files[page.path])
        return files, problems.items

    def render_chooser(self, problems: Problems) -> bytes | None:
        """The language chooser at the site's root."""
        html = render_template(self.env, "choose_language.html", {
            "handbook": self.handbook,
            "choices": [(lang, LANGUAGE_NAMES[lang], self.helpers[lang].ui, f"{lang}/index.html") for lang in LANGUAGES],
            "url": url_from(CHOOSER),
            "absolute_url": url_from(CHOOSER, self.handbook.data.base_url),
            "branding": self.handbook.branding,
        }, self.templates_dir, self.root, problems)
        return None if html is None else html.encode("utf-8")

    def _main_nav(self, page: SitePage, url: Callable[[str], str], problems: Problems) -> Markup:
        """The main navigation for `page`: the same for every page of a language that it does not list,
        so rendered once for them all (pages are all one folder deep, so their links are alike)."""
        current = page.key if page.key in self.nav_keys[page.lang] else None
        key = (page.lang, current, page.served_at_any_address)
        if key not in self.main_navs:
            html = render_template(self.env, "_main_nav.html", {
                "nav": self.navs[page.lang], "current": current, "lang": page.lang,
                "ui": self.helpers[page.lang].ui, "url": url,
            }, self.templates_dir, self.root, problems)
            self.main_navs[key] = Markup((html or "").rstrip("\n"))  # the page's template ends the line
        return self.main_navs[key]

    def _context(self, page: SitePage, problems: Problems) -> dict[str, Any]:
        handbook, helper = self.handbook, self.helpers[page.lang]
        url = url_from(page.path, handbook.data.base_url if page.served_at_any_address else None)
        about = handbook.pages.get(("about", page.lang)) or handbook.pages.get(("about", PRIMARY_LANGUAGE))
        return {
            "handbook": handbook,
            "data": handbook.data,
            "page": page,
            "lang": page.lang,
            "languages": [(lang, LANGUAGE_NAMES[lang], page.counterpart(lang)) for lang in LANGUAGES],
            "nav": self.navs[page.lang],
            "profile": page.profile,
            "partnership": page.partnership,
            "register": handbook.register,
            "markdown": handbook.pages.get((page.key, page.lang)) or handbook.pages.get((page.key, PRIMARY_LANGUAGE)),
            "ui": helper.ui,
            "cl": helper.checklist_texts,
            "checklists": self.checklists[page.lang],  # by profile code
            "kinds": KINDS,
            "text": helper.text,
            "format_date": helper.format_date,
            "url": url,
            "main_nav": lambda: self._main_nav(page, url, problems),
            "a_to_z": self.index_groups[page.lang],
            "one_by_one": self.one_by_one,
            **self._assessment_context(page),
            "branding": handbook.branding,
            "library": handbook.branding.library.get(page.lang) if handbook.branding.library else None,
            "description": page_description(handbook, page),
            "absolute_url": url_from(page.path, handbook.data.base_url),  # for search engines: absolute where it can be
            "updated": self.updated[page.path],
            "about_title": about.title if about else "",
        }

    def _assessment_context(self, page: SitePage) -> dict[str, Any]:
        """What the self-assessment and team pages' scripts read, and the competences a page assesses."""
        if page.template == "self-assessment.html":
            return {"assessment": self_assessment_data(self.handbook, page.profile, page.lang),
                    "assessed": assessed_competences(self.handbook, page.profile)}
        if page.template == "team.html":
            return {"team": team_data(self.handbook, page.lang)}
        return {}


_inherited: _PageRenderer | None = None  # the renderer a forked worker inherits


def _render_in_worker(indexes: list[int]) -> tuple[dict[str, bytes], list[Problem]]:
    assert _inherited is not None
    return _inherited.render(indexes)


def render_site(
    handbook: Handbook, templates_dir: Path, root: Path, problems: Problems,
    cache: ContentCache | None = None, jobs: int | None = None, updated: dict[str, datetime.date] | None = None,
) -> tuple[dict[str, bytes], int]:
    """Every HTML page of the site by output path, and how many were rendered rather than taken from
    `cache`; template errors become problems. Up to `jobs` processes render (default: one per core).
    `updated` is each page's date of last change (default: the handbook's date)."""
    pages = plan_pages(handbook)
    updated = updated or {page.path: handbook.data.date for page in pages}
    renderer = _PageRenderer(handbook, templates_dir, root, pages, cache, updated)
    made_by = files_digest([templates_dir, CODE_DIR])  # the templates and the code that fills them
    page_keys = PageKeys(handbook, made_by, renderer.navs, renderer.index_groups, renderer.one_by_one)
    keys = renderer.keys = {page.path: key_of(page_keys.key(page), updated[page.path]) for page in pages}
    kept: dict[str, bytes] = {}
    todo = []
    for index, page in enumerate(pages):
        cached = cache.get(keys[page.path]) if cache else None
        if cached is None:
            todo.append(index)
        else:
            kept[page.path] = cached
    rendered, found = _render_shared_out(renderer, todo, jobs or os.cpu_count() or 1)
    problems.extend(found)
    files = {page.path: kept[page.path] if page.path in kept else rendered[page.path]
             for page in pages if page.path in kept or page.path in rendered}  # in the plan's order
    chooser_key = page_keys.chooser_key(CHOOSER)
    chooser = cache.get(chooser_key) if cache else None
    chooser_rendered = chooser is None
    if chooser is None:
        chooser = renderer.render_chooser(problems)
        if chooser is not None and cache:
            cache.put(chooser_key, chooser)
    if chooser is not None:
        files[CHOOSER] = chooser
    if cache and not problems.errors:
        cache.keep_only({*keys.values(), chooser_key})
    return files, len(rendered) + (chooser_rendered and chooser is not None)


def _render_shared_out(renderer: _PageRenderer, todo: list[int], jobs: int) -> tuple[dict[str, bytes], list[Problem]]:
    """Render the pages at `todo`: this process takes one share, forked workers the others."""
    shares = max(1, min(jobs, len(todo) // PAGES_PER_WORKER))
    if shares == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return renderer.render(todo)
    global _inherited
    renderer.compile_templates()
    _inherited = renderer
    try:
        with forked_pool(shares - 1) as pool:
            futures: list[Future] = [pool.submit(_render_in_worker, todo[share::shares]) for share in range(1, shares)]
            files, problems = renderer.render(todo[0::shares])
            for future in futures:
                more_files, more_problems = future.result()
                files.update(more_files)
                problems.extend(more_problems)
    finally:
        _inherited = None
    return files, problems


def url_from(page_path: str, base_url: str | None = None) -> Callable[[str], str]:
    """Links relative to the page; absolute under `base_url` for a page served at any address (the 404 page)."""
    if base_url:
        return lambda target: base_url + target
    return lambda target: relative_url(page_path, target)
