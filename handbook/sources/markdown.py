"""Markdown pages to safe HTML.

One Python-Markdown converter is reset between pages (a shared converter that is
not reset leaks footnotes and heading ids from page to page). Raw HTML in a page
is an error, links to other pages are checked and rewritten from `about.md` to
`about.html`, images must be files inside content/, and the result goes through
an allow-list sanitizer, so nothing an editor writes can run script in a browser.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from ..model import AnchorLink
from ..i18n import Text, _
from ..problems import Problems, did_you_mean
from .markdown_cost import costly_part

IMAGE_SIGNATURES = {  # how each kind of image file starts; SVG is left out: it can carry script
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
IMAGE_SUFFIXES = tuple(IMAGE_SIGNATURES)
MAX_IMAGE_BYTES = 10_000_000
SAFE_LINK_SCHEMES = {"http", "https", "mailto"}

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}

# A character escaped with a backslash, as Python-Markdown keeps it until the end of the conversion.
_ESCAPED = re.compile(f"{markdown.util.STX}([0-9]+){markdown.util.ETX}")
# A file on the editor's computer or a network share: \\server\share, C:\Documents, file:///…
_LOCAL_FILE = re.compile(r"\\|[A-Za-z]:[\\/]|file:", re.IGNORECASE)

CONTENT_ASSETS_DIR = "content"  # where the site keeps the images of content/, beside the language folders


@dataclass
class RenderedMarkdown:
    title: str
    html: str
    assets: set[str] = field(default_factory=set)  # image paths relative to content/
    anchor_links: tuple[AnchorLink, ...] = ()


class _PageContext:
    """What the tree processor needs to know about the page being converted."""

    def __init__(self, source_rel: str, text: str, content_dir: Path, page_targets: set[str], problems: Problems,
                 name: str = ""):
        self.source_rel = source_rel
        self.name = name
        self.text = text
        self.content_dir = content_dir
        self.page_targets = page_targets
        self.problems = problems
        self.assets: set[str] = set()
        self.anchor_links: list[AnchorLink] = []

    def line_of(self, needle: str) -> int:
        """The first line that mentions `needle`: the tree has no line numbers of its own."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line or needle in line.expandtabs(4):  # Python-Markdown reads a tab as four spaces
                return number
        return 0

    def error(self, needle: str, message: Text) -> None:
        self.problems.error(self.source_rel, self.line_of(needle), message)


class _LinkChecker(Treeprocessor):
    """Checks and rewrites every link and image in a converted page."""

    page: _PageContext

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            self.refuse_event_handlers(element)
        for element in root.iter("a"):
            href = element.get("href", "")
            rewritten = self.link(href)
            if rewritten is None:
                element.attrib.pop("href", None)
            else:
                element.set("href", rewritten)
        for element in root.iter("img"):
            src = self.image(element.get("src", ""))
            if src is None:
                element.attrib.pop("src", None)
            else:
                element.set("src", src)

    def refuse_event_handlers(self, element: etree.Element) -> None:
        """attr_list lets `{onclick=…}` reach any element; the sanitizer would drop it silently."""
        for name in [name for name in element.attrib if name.lower().startswith("on")]:
            self.page.error(f"{name}=", _("the attribute '{name}' is not allowed: nothing in a page may run script. "
                                          "Remove '{name}=…' from the braces.", name=name))
            del element.attrib[name]

    def link(self, stashed: str) -> str | None:
        page = self.page
        href, url = _as_written(stashed), _as_browser_reads(stashed)
        parts = urlsplit(url)
        if _LOCAL_FILE.match(url):
            page.error(href, _("the link '{href}' is a file on a computer or network drive, which readers of the site "
                               "cannot open. Put the file on the intranet and link to its https:// address.", href=href))
            return None
        if parts.scheme:
            if parts.scheme.lower() not in SAFE_LINK_SCHEMES:
                page.error(href, _("the link '{href}' uses '{scheme}:', which is not allowed. Link to a page of the "
                                   "handbook or to an http(s) or mailto address.", href=href, scheme=parts.scheme))
                return None
            return url
        if parts.netloc:
            page.error(href, _("the link '{href}' has no 'https:' in front. Write the whole address, like '{address}'.",
                               href=href, address=f"https://{parts.netloc}"))
            return None
        if not parts.path and not parts.query:
            if parts.fragment and page.name:
                page.anchor_links.append(AnchorLink(page.line_of(href), href, page.name, unquote(parts.fragment)))
            return url  # '#anchor' on the same page
        name, dot, suffix = parts.path.rpartition(".")
        if "/" in parts.path or suffix not in ("md", "html") or not dot:
            page.error(href, _("the link '{href}' points to no page. Link to another page by its file name, like "
                               "'about.md', or to a profile like 'net.html'.", href=href))
            return None
        if name not in page.page_targets:
            page.error(href, _("the link '{href}' points to a page that does not exist.{hint} Pages: {pages}.", href=href,
                               hint=did_you_mean(name, page.page_targets), pages=", ".join(sorted(page.page_targets))))
            return None
        if parts.fragment:
            page.anchor_links.append(AnchorLink(page.line_of(href), href, name, unquote(parts.fragment)))
        return f"{name}.html" + (f"#{parts.fragment}" if parts.fragment else "")

    def image(self, stashed: str) -> str | None:
        page = self.page
        src, url = _as_written(stashed), _as_browser_reads(stashed)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or _LOCAL_FILE.match(url):
            page.error(src, _("the image '{src}' is not a file in the handbook. Nothing may be loaded from outside the "
                              "site: save the image under content/images/ and refer to it as 'images/NAME.png'.", src=src))
            return None
        relative = posixpath.normpath(unquote(parts.path))
        control = re.search(r"[\x00-\x1f\x7f]", relative)
        if control:
            page.error(src, _("the image '{src}' has the control character {character} in its name, which no file name "
                              "holds. Remove it from the address.", src=src, character=f"U+{ord(control[0]):04X}"))
            return None
        try:  # a name too long for the file system, or a folder that cannot be read
            target = (page.content_dir / relative).resolve()
            inside = target.is_relative_to(page.content_dir.resolve())
            if relative.startswith(("/", "..")) or not inside:
                page.error(src, _("the image '{src}' lies outside the content/ folder. Copy it to content/images/ and "
                                  "refer to it as 'images/NAME.png'.", src=src))
                return None
            suffix = target.suffix.lower()
            if suffix == ".svg":
                page.error(src, _("the image '{src}' is an SVG file, which can carry script. Save the image as PNG or "
                                  "JPEG and refer to that file.", src=src))
                return None
            if suffix not in IMAGE_SUFFIXES or not target.is_file():
                page.error(src, _("the image '{src}' does not exist as an image file in content/ ({suffixes}). Check "
                                  "the name and the folder.", src=src, suffixes=", ".join(IMAGE_SUFFIXES)))
                return None
            unusable = _unusable_image(target, suffix)
            if unusable:
                page.error(src, _("the image '{src}' {reason}", src=src, reason=unusable))
                return None
        except OSError as error:
            page.error(src, _("the image '{src}' cannot be read ({reason}). Check the name and the folder.", src=src,
                              reason=error.strerror or str(error)))
            return None
        page.assets.add(relative)
        return f"../{CONTENT_ASSETS_DIR}/{relative}"


def _unusable_image(path: Path, suffix: str) -> Text | None:
    """Why the file cannot be published as the image its name promises: too large, or another kind of file."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return _("is {size} bytes, more than the {limit} allowed. Save it smaller.", size=f"{size:,}",
                 limit=f"{MAX_IMAGE_BYTES:,}")
    with path.open("rb") as file:
        head = file.read(12)
    if not head.startswith(IMAGE_SIGNATURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        kind = suffix[1:].upper()
        return _("is not a {kind} file inside, whatever its name says. Open it in an image program and save it as {kind}.",
                 kind=kind)
    return None


class _HandbookMarkdown(Extension):
    def __init__(self, checker: _LinkChecker):
        super().__init__()
        self.checker = checker

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(self.checker, "handbook_links", 1)


def _as_browser_reads(url: str) -> str:
    """A link as the browser will read it, so that it is checked as such.

    Python-Markdown leaves character references such as '&#106;' in attributes and
    writes e-mail autolinks as references behind a placeholder; a browser decodes
    both, so 'java&#115;cript:' is 'javascript:' to it. A character escaped with a
    backslash ('\\server') is still behind its placeholder here, too.
    """
    unescaped = _ESCAPED.sub(lambda found: chr(int(found[1])), url)
    return html_lib.unescape(unescaped.replace(markdown.util.AMP_SUBSTITUTE, "&"))


def _as_written(url: str) -> str:
    """A link as the editor wrote it, with its backslash escapes: to quote it and find its line."""
    return _ESCAPED.sub(lambda found: "\\" + chr(int(found[1])), url)


class MarkdownRenderer:
    """Converts pages one after another with a single, reset converter."""

    def __init__(self, content_dir: Path, page_targets: set[str], problems: Problems):
        self.content_dir = content_dir
        self.page_targets = page_targets
        self.problems = problems
        self.checker = _LinkChecker()
        self.md = self._converter()

    def _converter(self) -> markdown.Markdown:
        return markdown.Markdown(
            extensions=["toc", "attr_list", "tables", "sane_lists", _HandbookMarkdown(self.checker)],
            extension_configs={"toc": {"slugify": slugify_unicode}},
            output_format="html",
        )

    def render(self, text: str, source_rel: str, name: str = "") -> RenderedMarkdown:
        """The page `name` (for its links to places on itself) as safe HTML, with its title."""
        page = _PageContext(source_rel, text, self.content_dir, self.page_targets, self.problems, name)
        self.checker.page = page
        costly = costly_part(text)
        if costly is not None:
            self.problems.error(source_rel, *costly)
            return RenderedMarkdown(title="", html="")
        self.md.reset()
        try:
            html = self.md.convert(text)
        except RecursionError:  # Python-Markdown recurses once per level of nested lists
            self.problems.error(source_rel, 0, _("has lists or quotes nested too deeply to convert. Use fewer levels."))
            self.md = self._converter()  # the interrupted one keeps its parser's state; reset() does not clear it
            return RenderedMarkdown(title="", html="")
        self._refuse_raw_html(page)
        title = _first_heading(html)
        if title is None:
            self.problems.error(source_rel, 1, _("has no title. Start the page with a heading line like '# Title'."))
            title = ""
        clean = nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=SAFE_LINK_SCHEMES,
            link_rel=None,
        )
        return RenderedMarkdown(title=title, html=clean, assets=page.assets, anchor_links=tuple(page.anchor_links))

    def _refuse_raw_html(self, page: _PageContext) -> None:
        for block in self.md.htmlStash.rawHtmlBlocks:
            raw = str(block).strip()
            if raw.startswith("&"):
                continue  # an entity such as &nbsp; is text, not markup
            tag = re.match(r"</?\s*([A-Za-z][\w-]*)", raw)
            shown = f"<{tag.group(1)}>" if tag else raw[:20]
            page.error(raw.splitlines()[0][:60] if raw else raw,
                       _("raw HTML ({shown}) is not allowed in a page. Write it in Markdown instead; ask a developer "
                         "if Markdown cannot express it.", shown=shown))


def _first_heading(html: str) -> str | None:
    """The text of the page's first level-one heading: the page title."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    if not match:
        return None
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()
