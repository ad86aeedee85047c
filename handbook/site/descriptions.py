"""Each page's meta description, from its own text: what a search engine or an intranet's crawler shows under its title."""

from __future__ import annotations

import html
import re

from ..model import PRIMARY_LANGUAGE, Handbook
from .plan import SitePage

MAX_LENGTH = 160  # about what search engines show before they cut
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# The generated pages' own lead texts, by page key.
_GENERATED_LEADS = {"overview": "overview_lead", "a-z": "a_to_z_lead", "downloads": "downloads_lead",
                    "404": "not_found_text"}


def page_description(handbook: Handbook, page: SitePage) -> str:
    """The page's first words that say what it is: a profile's summary, a page's first paragraph, a lead."""
    ui = {key: text.get(page.lang) for key, text in handbook.ui.items() if key.startswith(("assess_", "team_"))}
    if page.template == "self-assessment.html":  # not the profile's summary: that describes its own page
        return shorten(f"{ui['assess_title']}: {page.profile.name.get(page.lang)}. {ui['assess_link_about']}.")
    if page.template == "team.html":
        return shorten(f"{ui['team_title']}: {ui['team_link_about']}.")
    if page.profile is not None:
        return shorten(page.profile.summary.get(page.lang))
    markdown = handbook.pages.get((page.key, page.lang)) or handbook.pages.get((page.key, PRIMARY_LANGUAGE))
    if markdown is not None:
        first = _FIRST_PARAGRAPH.search(markdown.html)
        return shorten(html.unescape(_TAG.sub("", first.group(1))) if first else markdown.title)
    if page.key == "search":
        return shorten(f"{handbook.ui['search_label'].get(page.lang)} – {handbook.ui['site_name'].get(page.lang)}")
    if page.key == "checklists":
        return shorten(handbook.checklist_texts["checklists_intro"].get(page.lang))
    key = _GENERATED_LEADS.get(page.key)
    return shorten(handbook.ui[key].get(page.lang) if key in handbook.ui else handbook.ui["site_name"].get(page.lang))


def shorten(text: str) -> str:
    """`text` in one line, cut at a word before MAX_LENGTH with '…' where it is longer."""
    text = " ".join(text.split())
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"
