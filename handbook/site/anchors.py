"""Links to a place on a page (`net.html#NET-3`, `#kilde`) must find that place in the built page.

A page's anchors are known only once it is rendered: a competence's code is the id of
its heading on its profile's page, a Markdown heading gets an id made from its words.
So the links the pages' Markdown holds are checked against the ids of the rendered
pages, in the language of the page that links. Renaming or deleting a competence, or
rewording a heading, is then an error at every line that still links to it.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Handbook
from ..i18n import _
from ..problems import Problems, did_you_mean

_ID = re.compile(rb'\sid="([^"]*)"')
_HEADING_ID = re.compile(rb'<h[1-6]\b[^>]*\sid="([^"]*)"')
_TEMPLATE_HEADING = "-heading"  # the templates' own headings ('competences-heading'): valid, but not what editors link to


def check_anchor_links(handbook: Handbook, pages: dict[str, bytes], problems: Problems) -> None:
    """An error for every link in a page to an anchor that the page it links to does not have."""

    @cache
    def ids(path: str) -> tuple[frozenset[str], tuple[str, ...]]:
        html = pages.get(path, b"")
        headings = tuple(dict.fromkeys(m.decode() for m in _HEADING_ID.findall(html)))
        return frozenset(m.decode() for m in _ID.findall(html)), headings

    for page in handbook.pages.values():
        for link in page.anchor_links:
            target = f"{page.lang}/{link.page}.html"
            if target not in pages:
                continue  # a page the build did not make (the link to the page itself is checked where it is read)
            found, headings = ids(target)
            if link.anchor in found:
                continue
            places = [h for h in headings if not h.endswith(_TEMPLATE_HEADING)]
            problems.error(page.source, link.line,
                           _("the link '{href}' points to a place that is not on the page {page}: nothing there is "
                             "called '{anchor}'.{hint} Places on that page: {places}. Link to one of them, or to the page "
                             "alone.", href=link.href, page=f"{link.page}.html", anchor=link.anchor,
                             hint=did_you_mean(link.anchor, places), places=", ".join(places) or _("none")))
