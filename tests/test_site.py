"""The real handbook builds into a complete bilingual site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from html_pages import parse, visible_text

LANGUAGES = ("da", "en")
PAGES = ("index", "net", "prt", "all", "recruitment", "about", "checklists", "downloads")
GLOSSARY_CORRECTIONS = {"Kunne kommunikerer": "Kunne kommunikere", "fagrupper": "faggrupper"}


def source_bullets() -> list[str]:
    """Every bullet of the Danish source, with the glossary's two spelling corrections."""
    text = (FIXTURES / "source.da.txt").read_text(encoding="utf-8")
    for wrong, right in GLOSSARY_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return [line.strip().lstrip("•").strip() for line in text.splitlines() if line.strip().startswith("•")]


def source_sentences() -> list[str]:
    """Every sentence of the source's prose (not its bullets), whitespace folded."""
    text = (FIXTURES / "source.da.txt").read_text(encoding="utf-8")
    prose = " ".join(line for line in text.splitlines() if not line.strip().startswith("•"))
    prose = re.sub(r"\s+:", ":", " ".join(prose.split()))  # the source breaks "skal\n:" over two lines
    return re.split(r"(?<=[.:])\s+(?=[A-ZÆØÅ])", prose)


def test_every_page_exists_in_both_languages(built_site: Path) -> None:
    for lang in LANGUAGES:
        for name in PAGES:
            assert (built_site / lang / f"{name}.html").is_file(), f"{lang}/{name}.html"
    assert (built_site / "index.html").is_file()


def test_source_has_sixteen_bullets() -> None:
    assert len(source_bullets()) == 16


@pytest.mark.parametrize("bullet", source_bullets())
def test_every_source_bullet_is_on_a_danish_page(built_site: Path, bullet: str) -> None:
    danish = " ".join(visible_text(built_site / "da" / f"{name}.html") for name in PAGES)
    assert bullet in danish


def test_source_has_eleven_prose_sentences() -> None:
    assert len(source_sentences()) == 11


@pytest.mark.parametrize("sentence", source_sentences())
def test_every_source_sentence_is_on_a_danish_page(built_site: Path, sentence: str) -> None:
    danish = " ".join(visible_text(built_site / "da" / f"{name}.html") for name in PAGES)
    assert sentence in danish


def test_english_pages_use_the_glossary_role_names(built_site: Path) -> None:
    assert "Network coordinator" in visible_text(built_site / "en" / "net.html")
    assert "Partnership coordinator" in visible_text(built_site / "en" / "prt.html")
    assert "All staff" in visible_text(built_site / "en" / "all.html")
    english = " ".join(visible_text(built_site / "en" / f"{name}.html") for name in PAGES)
    assert "competency" not in english.lower()
    assert "network manager" not in english.lower()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_declares_language_and_links_its_counterpart(built_site: Path, lang: str, name: str) -> None:
    page = parse(built_site / lang / f"{name}.html")
    other = "en" if lang == "da" else "da"
    assert page.all("html")[0].attrs["lang"] == lang
    assert page.all("link", rel="alternate", hreflang=other)[0].attrs["href"] == f"../{other}/{name}.html"
    switch = page.all("a", hreflang=other)
    assert switch and switch[0].attrs["href"] == f"../{other}/{name}.html"
    assert page.all("title") and page.all("main") and page.all("nav") and page.all("header") and page.all("footer")
    skip = page.all("a", **{"class": "skip-link"})
    assert skip and skip[0].attrs["href"] == "#content" and "content" in page.ids()


def test_competences_are_anchored_by_their_codes(built_site: Path) -> None:
    for lang in LANGUAGES:
        ids = parse(built_site / lang / "net.html").ids()
        assert {f"NET-{n}" for n in range(1, 7)} <= ids
        assert {"PRT-1", "PRT-2", "PRT-3"} <= parse(built_site / lang / "prt.html").ids()
        assert {"REC-1", "REC-2", "REC-3"} <= parse(built_site / lang / "recruitment.html").ids()


def test_language_chooser_offers_both_languages(built_site: Path) -> None:
    page = parse(built_site / "index.html")
    targets = {a.attrs["href"] for a in page.all("a")}
    assert {"da/index.html", "en/index.html"} <= targets


def test_about_page_credits_the_source(built_site: Path) -> None:
    danish = visible_text(built_site / "da" / "about.html")
    english = visible_text(built_site / "en" / "about.html")
    assert "Byg partnerskaber! Værktøjer til strategisk biblioteksudvikling" in danish
    assert "Kulturstyrelsen" in danish and "2012" in danish
    assert "Build Partnerships! Tools for Strategical Library Development" in english


def test_no_request_leaves_the_site(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")) + sorted(built_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["'](https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path


def test_pages_have_a_viewport_and_a_print_stylesheet(built_site: Path) -> None:
    assert parse(built_site / "da" / "net.html").all("meta", name="viewport")
    assert "@media print" in (built_site / "assets" / "handbook.css").read_text(encoding="utf-8")


def test_dates_are_written_in_each_language(built_site: Path) -> None:
    assert "25. november 2026" in visible_text(built_site / "da" / "about.html")
    assert "25 November 2026" in visible_text(built_site / "en" / "about.html")
