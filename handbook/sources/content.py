"""The content/ folder: Markdown pages paired by name across languages, and interface strings.

A page is `content/NAME.LANG.md`, for example `about.da.md` and `about.en.md`.
Interface strings (navigation, headings, buttons, month names) are in
`content/ui.yaml` and the checklists' printed texts in `content/checklists.yaml`,
one key per string with a `da:` and an `en:` text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import Text as MessageText
from ..i18n import _
from ..model import LANGUAGES, PRIMARY_LANGUAGE, MarkdownPage, Text
from ..problems import Problems, did_you_mean
from .counts import fill_counts, warn_stale_counts
from .markdown import MarkdownRenderer
from .schema import Bilingual, Context
from .yaml_source import MAX_PAGE_BYTES, YamlMap, load_yaml, read_text

REQUIRED_PAGES = ("index", "recruitment", "about")  # the templates place these pages
PAGE_FILE = re.compile(r"(?P<name>[a-z0-9][a-z0-9-]{0,40})\.(?P<lang>[a-z]{2})\.md")
STRING_KEY = re.compile(r"[a-z][a-z0-9_-]*")


def find_pages(content_dir: Path, rel_dir: str, problems: Problems) -> dict[tuple[str, str], Path]:
    """Every Markdown page file by (name, language), with problems for badly named files."""
    found: dict[tuple[str, str], Path] = {}
    for path in sorted(content_dir.glob("*.md")):
        rel = f"{rel_dir}/{path.name}"
        match = PAGE_FILE.fullmatch(path.name)
        if not match:
            problems.error(rel, 0, _("is not named like a page. Name pages NAME.da.md and NAME.en.md, with NAME in small "
                                     "letters, digits and hyphens, for example 'about.da.md'."))
            continue
        name, lang = match["name"], match["lang"]
        if lang not in LANGUAGES:
            problems.error(rel, 0, _("has the unknown language '{lang}' in its name.{hint} Languages: {languages}.",
                                     lang=lang, hint=did_you_mean(lang, LANGUAGES), languages=", ".join(LANGUAGES)))
            continue
        found[(name, lang)] = path
    return found


def pair_pages(found: dict[tuple[str, str], Path], rel_dir: str, reserved: dict[str, MessageText], problems: Problems) -> tuple[str, ...]:
    """The page names, checking that each has a Danish original and naming missing translations."""
    names = sorted({name for name, _ in found})
    for name in names:
        if name in reserved:
            problems.error(f"{rel_dir}/{name}.{PRIMARY_LANGUAGE}.md", 0,
                           _("has the same name as the page of {what}. Rename the file.", what=reserved[name]))
        if (name, PRIMARY_LANGUAGE) not in found:
            others = [lang for lang in LANGUAGES if (name, lang) in found]
            problems.error(f"{rel_dir}/{name}.{others[0]}.md", 0,
                           _("has no Danish original: {file} is missing. Add it, or rename this file if its name is "
                             "misspelt.", file=f"{rel_dir}/{name}.{PRIMARY_LANGUAGE}.md"))
            continue
        for lang in LANGUAGES:
            if (name, lang) not in found:
                problems.warning(f"{rel_dir}/{name}.{PRIMARY_LANGUAGE}.md", 0,
                                 _("is not yet translated: add {file}. Until then the page shows the Danish text.",
                                   file=f"{rel_dir}/{name}.{lang}.md"))
    for name in REQUIRED_PAGES:
        if name not in names:
            problems.error(f"{rel_dir}/{name}.{PRIMARY_LANGUAGE}.md", 0,
                           _("is missing; the handbook needs this page. Restore it from the project's history."))
    return tuple(n for n in names if (n, PRIMARY_LANGUAGE) in found and n not in reserved)


def render_pages(
    found: dict[tuple[str, str], Path], names: tuple[str, ...], root: Path, renderer: MarkdownRenderer, problems: Problems,
    profile_count: int | None = None,
) -> tuple[dict[tuple[str, str], MarkdownPage], set[str]]:
    """Every page converted to safe HTML, and the image files they use; with `profile_count` (None when
    profiles.yaml could not be read), '{profile_count}' in a page becomes that number."""
    pages: dict[tuple[str, str], MarkdownPage] = {}
    assets: set[str] = set()
    for (name, lang), path in sorted(found.items()):
        if name not in names:
            continue
        rel = path.relative_to(root).as_posix()
        text = read_text(path, rel, problems, limit=MAX_PAGE_BYTES)
        if text is None:
            continue
        if profile_count is not None:
            warn_stale_counts(text, lang, rel, 1, profile_count, problems)
            text = fill_counts(text, lang, profile_count)
        rendered = renderer.render(text, rel, name)
        pages[(name, lang)] = MarkdownPage(name=name, lang=lang, title=rendered.title, html=rendered.html, source=rel,
                                           anchor_links=rendered.anchor_links)
        assets |= rendered.assets
    return pages, assets


def load_strings(path: Path, rel: str, problems: Problems) -> dict[str, Text]:
    """Named texts from a strings file (ui.yaml, checklists.yaml), each a Danish and an English text."""
    document = load_yaml(path, rel, problems)
    if document is None:
        return {}
    ctx = Context(rel, problems)
    if not isinstance(document, YamlMap):
        ctx.error(1, _("should be a list of 'key:' blocks, each with a 'da:' and an 'en:' line."))
        return {}
    strings: dict[str, Text] = {}
    for key, value in document.items():
        if not STRING_KEY.fullmatch(key):
            ctx.error(document.line_of(key), _("the key '{key}' is not a valid name. Use small letters, digits, '_' and '-'.",
                                               key=key))
            continue
        text = Bilingual().read(value, document.line_of(key), key, ctx)
        if text is not None:
            strings[key] = text
    return strings
