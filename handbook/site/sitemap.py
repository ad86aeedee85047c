"""sitemap.xml: every page a reader may land on, with its counterparts in the other languages.

The sitemap protocol wants absolute addresses, but the site itself works from any
folder. With `base_url` in profiles.yaml the addresses are absolute, as the protocol
asks; without it they are relative to sitemap.xml, which tools that read the file
from the published site can resolve but search engines may refuse.
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape, quoteattr

from ..model import LANGUAGES
from .plan import SitePage

SITEMAP_FILE = "sitemap.xml"


def sitemap_xml(pages: list[SitePage], base_url: str | None, last_modified: dict[str, datetime.date]) -> bytes:
    """The sitemap of `pages`, each with `hreflang` links to all its language versions and the date
    it last changed (by output path)."""
    prefix = base_url or ""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in pages:
        if not page.listed:
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(prefix + page.path)}</loc>")
        lines.append(f"    <lastmod>{last_modified[page.path].isoformat()}</lastmod>")
        for lang in LANGUAGES:
            href = quoteattr(prefix + page.counterpart(lang))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")

