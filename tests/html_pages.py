"""Reading built HTML pages in tests: their elements, links and visible text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def parse(path: Path) -> ParsedPage:
    return parse_html(path.read_text(encoding="utf-8"))


def parse_html(html_text: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html_text)
    collector.close()
    collector.page.text = " ".join(" ".join(collector.chunks).split())
    return collector.page


def visible_text(path: Path) -> str:
    """The page's text with whitespace folded, entities decoded."""
    return html.unescape(parse(path).text)


# Elements that run script, load other documents or change where links go.
ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "base", "form", "svg", "math", "style"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "srcset", "xlink:href", "background")


def script_risks(page: ParsedPage) -> list[str]:
    """Every attribute through which the page could run script: handlers, script URLs, CSS expressions, refreshes."""
    risks = []
    for element in page.elements:
        for name, value in element.attrs.items():
            # A browser ignores ASCII whitespace and control characters in a URL's scheme.
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.lower().startswith("on"):
                risks.append(f"<{element.tag} {name}>")
            elif name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:")):
                risks.append(f"<{element.tag} {name}={value}>")
            elif name == "style" and ("javascript:" in squeezed or "expression(" in squeezed):
                risks.append(f"<{element.tag} style={value}>")
        if element.tag == "meta" and "url=" in element.attrs.get("content", "").lower():
            risks.append(f"<meta content={element.attrs['content']}>")
    return risks
