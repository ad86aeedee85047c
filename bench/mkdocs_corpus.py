"""The same handbook as a MkDocs project, to build with MkDocs and Material for comparison.

`write_mkdocs_project(handbook, target)` turns a handbook folder (its `profiles.yaml`
and `content/`) into `mkdocs.yml` plus `docs/`: Material as the theme, the `i18n`
plugin (mkdocs-static-i18n) with the suffix structure the handbook's own pages use
(`about.da.md`, `about.en.md`), Danish the default language at the site's root and
English under `en/`, and the search plugin, since the handbook indexes its pages
for search too. Each profile becomes one page per language holding what the
handbook's profile page holds: the name, the summary, the lead and every
competence as a heading (with its code as anchor) and its description. The front
page lists the profiles, as the handbook's does; the content pages are copied with
their links to `NAME.html` turned into `NAME.md`. The navigation lists every page,
as the handbook's lists every profile.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("da", "en")
DOCS = "docs"
_HTML_LINK = re.compile(r"\]\(([a-z0-9-]+)\.html(#[^)]*)?\)")
_PAGE_FILE = re.compile(r"^(?P<name>[a-z0-9-]+)\.(?P<lang>da|en)\.md$")


@dataclass(frozen=True)
class MkDocsProject:
    folder: Path
    pages: int  # Markdown pages written, counting each language


def write_mkdocs_project(handbook: Path, target: Path) -> MkDocsProject:
    """Write the MkDocs version of the handbook in `handbook` into `target` (replaced if it exists)."""
    data = yaml.load((handbook / "profiles.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if target.exists():
        shutil.rmtree(target)
    docs = target / DOCS
    docs.mkdir(parents=True)
    names = []
    for source in sorted((handbook / "content").glob("*.md")):
        match = _PAGE_FILE.match(source.name)
        if not match:
            continue
        text = _HTML_LINK.sub(r"](\1.md\2)", source.read_text(encoding="utf-8"))
        if match["name"] == "index":
            text += _profile_list(data["profiles"], match["lang"])
        (docs / source.name).write_text(text, encoding="utf-8")
        if match["name"] not in names:
            names.append(match["name"])
    for profile in data["profiles"]:
        for lang in LANGUAGES:
            (docs / f"{profile['code'].lower()}.{lang}.md").write_text(_profile_page(profile, lang), encoding="utf-8")
    profile_pages = [f"{p['code'].lower()}.md" for p in data["profiles"]]
    others = [f"{n}.md" for n in names if n not in ("index", "about")]
    nav = ["index.md", *profile_pages, *others, "about.md"]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(_config(nav), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return MkDocsProject(target, pages=len(nav) * len(LANGUAGES))


def _config(nav: list[str]) -> dict[str, Any]:
    return {
        "site_name": "Kompetencehåndbog for partnerskabsarbejde",
        "docs_dir": DOCS,
        "use_directory_urls": False,  # da/net.html-like files, as the handbook writes
        "theme": {"name": "material", "language": "da"},
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
        "plugins": [
            "search",
            {"i18n": {
                "docs_structure": "suffix",
                "languages": [
                    {"locale": "da", "name": "Dansk", "default": True, "build": True},
                    {"locale": "en", "name": "English", "build": True},
                ],
            }},
        ],
        "nav": nav,
    }


def _profile_page(profile: dict[str, Any], lang: str) -> str:
    """What the handbook's profile page shows: name, summary, lead, and each competence with its description."""
    parts = [f"# {profile['name'][lang]}\n", f"{profile['summary'][lang]}\n", f"{profile['lead'][lang]}\n"]
    for competence in profile["competences"]:
        code = competence["code"]
        parts.append(f"### {code} {competence['title'][lang]} {{#{code}}}\n")
        parts.append(f"{competence['description'][lang]}\n")
    return "\n".join(parts)


def _profile_list(profiles: list[dict[str, Any]], lang: str) -> str:
    heading = "De kompetenceprofiler" if lang == "da" else "The competence profiles"
    items = "\n".join(f"- [{p['name'][lang]}]({p['code'].lower()}.md)" for p in profiles)
    return f"\n## {heading}\n\n{items}\n"
