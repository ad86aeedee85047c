"""The whole handbook as one PDF per language: which sections, in what order, and their HTML.

Built from the same model as the site, not from its pages: the front page's
text, each profile with its competences, recruitment, the other content pages
and the about page last, in the navigation's order. The Markdown pages' HTML is
made to work inside one document: heading ids get their page's name in front
(`about.kilde`), links between pages become links inside the book (`net.html#NET-3`
becomes `#NET-3`), links to pages only the site has point to the published site
(with `base_url`) or become plain text, and images are embedded as `data:` URLs,
so the HTML names no folder of this machine and its hash covers the images too.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

import jinja2

from ..data.downloads import book_path
from ..model import LANGUAGES, PRIMARY_LANGUAGE, Competence, Handbook, MarkdownPage, Profile
from ..problems import Problems
from ..render.templates import make_environment, print_context, render_template
from ..sources.markdown import CONTENT_ASSETS_DIR
from .jobs import PdfJob

BOOK_DIR = "book"  # in templates/: handbook.html and book.css
# WeasyPrint reads an image by its content; the media type only has to be plausible.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}


@dataclass(frozen=True)
class BookSection:
    """One chapter: a content page or a profile; recruitment is its page followed by its points."""

    # The page's name on the site ('index', 'net', 'about'): the chapter's id in the book. Competences keep their
    # codes as ids, and the pages' headings become 'about.kilde'; the contents' id starts with '_', which no name may.
    key: str
    title: str
    title_lang: str  # the language the title is written in: Danish where it is not yet translated
    page: MarkdownPage | None = None  # its HTML made to work inside the book
    profile: Profile | None = None
    entries: tuple[Competence, ...] = ()  # the competences or points, listed in the table of contents too


@dataclass(frozen=True)
class Book:
    lang: str
    sections: tuple[BookSection, ...]
    template: str = f"{BOOK_DIR}/handbook.html"

    @property
    def path(self) -> str:
        return book_path(self.lang)


def book_jobs(handbook: Handbook, templates_dir: Path, root: Path, content_dir: Path, problems: Problems) -> Iterator[PdfJob]:
    """The HTML of the whole handbook in each language, ready for WeasyPrint, one language at a time."""
    env = make_environment(templates_dir)
    for book in plan_books(handbook, content_dir):
        html = render_book_html(env, handbook, book, templates_dir, root, problems)
        if html is not None:
            yield PdfJob(book.path, html, templates_dir / BOOK_DIR, f"templates/{book.template}")


def render_book_html(
    env: jinja2.Environment, handbook: Handbook, book: Book, templates_dir: Path, root: Path, problems: Problems
) -> str | None:
    """The HTML that WeasyPrint turns into the whole handbook as one PDF."""
    context = {**print_context(handbook, book.lang), "book": book}
    return render_template(env, book.template, context, templates_dir, root, problems)


def plan_books(handbook: Handbook, content_dir: Path) -> list[Book]:
    """The book in each language: front page, profiles, recruitment and the other pages, about last."""
    order = ["index", *(p.slug for p in handbook.data.profiles), *handbook.other_pages(), "about"]
    profiles = {p.slug: p for p in handbook.data.profiles}
    codes = {c.code for p in handbook.data.profiles for c in p.competences}
    codes |= {c.code for c in handbook.data.recruitment.points}
    books = []
    for lang in LANGUAGES:
        # The page each content chapter shows in this language: heading ids differ from language to language.
        pages = {name: handbook.pages.get((name, lang)) or handbook.pages[(name, PRIMARY_LANGUAGE)]
                 for name in handbook.page_names}
        links = _BookLinks(set(order), {name: _ids(page.html) for name, page in pages.items()}, codes,
                           handbook.data.base_url, lang)
        sections = []
        for key in order:
            profile = profiles.get(key)
            if profile is not None:
                sections.append(BookSection(key, profile.name.get(lang), profile.name.language_of(lang),
                                            profile=profile, entries=profile.competences))
                continue
            page = pages[key]
            html = _rewrite(page.html, key, links, lambda src: _embedded_image(src, content_dir))
            points = handbook.data.recruitment.points if key == "recruitment" else ()
            sections.append(BookSection(key, page.title, page.lang, replace(page, html=html), entries=points))
        books.append(Book(lang, tuple(sections)))
    return books


@dataclass(frozen=True)
class _BookLinks:
    """Where a link from a content page leads inside the book."""

    chapters: set[str]
    ids: dict[str, set[str]]  # the heading ids of each content page as the book shows it
    codes: set[str]  # competence and recruitment point codes: ids the book keeps as they are
    base_url: str | None
    lang: str

    def resolve(self, href: str, from_key: str) -> str | None:
        """The link's address in the book; None where it leads nowhere the book can go."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href  # an outside address, already checked by the Markdown renderer
        name = parts.path.removesuffix(".html") if parts.path else from_key
        fragment = unquote(parts.fragment)
        if name not in self.chapters:
            # A page only the site has (the overview, the checklists): its published address, when known.
            return f"{self.base_url}{self.lang}/{name}.html" + (f"#{parts.fragment}" if parts.fragment else "") \
                if self.base_url else None
        if fragment in self.codes:
            return f"#{fragment}"
        if fragment in self.ids.get(name, set()):
            return f"#{name}.{fragment}"
        return f"#{name}"


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def _ids(html: str) -> set[str]:
    collector = _IdCollector()
    collector.feed(html)
    collector.close()
    return collector.ids


class _Rewriter(HTMLParser):
    """Copies sanitized HTML, changing only the ids, links and image addresses of its tags."""

    def __init__(self, key: str, links: _BookLinks, image: Callable[[str], str]):
        super().__init__(convert_charrefs=False)
        self.key = key
        self.links = links
        self.image = image
        self.out: list[str] = []
        self.unlinked = 0  # open <a> elements whose address was dropped: they end as </span>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, "<{}{}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, "<{}{} />"))

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], form: str) -> str:
        changed: list[tuple[str, str]] = []
        for name, value in attrs:
            value = value or ""
            if name == "id":
                value = f"{self.key}.{value}"
            elif tag == "a" and name == "href":
                resolved = self.links.resolve(value, self.key)
                if resolved is None:
                    self.unlinked += 1
                    tag = "span"
                    continue
                value = resolved
            elif tag == "img" and name == "src":
                value = self.image(value)
            changed.append((name, value))
        shown = "".join(f' {name}="{escape(value)}"' for name, value in changed)
        return form.format(tag, shown)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.unlinked:
            # Sanitized HTML nests no links, so the open one is the one that lost its address.
            self.unlinked -= 1
            tag = "span"
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def _rewrite(html: str, key: str, links: _BookLinks, image: Callable[[str], str]) -> str:
    rewriter = _Rewriter(key, links, image)
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)


def _embedded_image(src: str, content_dir: Path) -> str:
    """An image of a page (`../content/images/x.png`, checked by the Markdown renderer) as a data: URL."""
    relative = unquote(src).removeprefix(f"../{CONTENT_ASSETS_DIR}/")
    path = content_dir / relative
    media_type = IMAGE_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
