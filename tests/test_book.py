"""The whole handbook as one PDF per language, read back with pypdf; and the downloads page that links it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, copy_handbook, run_cli
from html_pages import parse, visible_text
from pypdf import PdfReader

from handbook.build.pipeline import HandbookFolder, load_handbook
from handbook.pdf.book import plan_books
from handbook.problems import Problems

PROFILES = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((PROJECT / "content" / "ui.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("da", "en")
PAGE_WORDS = {"da": ("Side", "af"), "en": ("Page", "of")}
CHAPTERS = {
    "da": ["Kompetencer i partnerskabsarbejdet", "Den netværksansvarlige", "Den partnerskabsansvarlige",
           "Alle medarbejdere", "Rekruttering", "Om håndbogen"],
    "en": ["Competences in partnership work", "Network coordinator", "Partnership coordinator", "All staff",
           "Recruitment", "About this handbook"],
}
SIZE_BUDGET = 250_000


def flat(text: str) -> str:
    return " ".join(text.split())


def entries(lang: str) -> list[str]:
    """What the table of contents lists under the chapters: every competence and recruitment point, code first."""
    items = [c for p in PROFILES["profiles"] for c in p["competences"]] + PROFILES["recruitment"]["points"]
    return [f"{c['code']} {flat(c['title'][lang])}" for c in items]


@pytest.fixture(scope="module")
def books(built_site: Path) -> dict[str, PdfReader]:
    return {lang: PdfReader(built_site / "downloads" / f"handbook-{lang}.pdf") for lang in LANGUAGES}


def page_texts(reader: PdfReader) -> list[str]:
    return [flat(page.extract_text()) for page in reader.pages]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cover_names_the_handbook_its_version_date_and_source(books, lang: str) -> None:
    cover = page_texts(books[lang])[0]
    assert UI["site_name"][lang] in cover
    date = {"da": "25. november 2026", "en": "25 November 2026"}[lang]
    assert f"Version {PROFILES['version']} · {date}" in cover
    assert flat(UI["footer_source"][lang]) in cover
    assert f"{PAGE_WORDS[lang][0]} 1 " not in cover, "the cover has no page number"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_give_the_page_each_chapter_and_competence_really_starts_on(books, lang: str) -> None:
    texts = page_texts(books[lang])
    contents = texts[1]
    assert contents.startswith(UI["book_contents"][lang])
    listed = CHAPTERS[lang] + entries(lang)
    for title in listed:
        match = re.search(re.escape(title) + r" ?\.+ ?(\d+)", contents)
        assert match, f"{title} is not in the table of contents"
        number = int(match.group(1))
        first = next(i for i, text in enumerate(texts[2:], start=3) if title in text)
        assert number == first, f"{title}: the contents say page {number}, it starts on page {first}"
    assert len(listed) == 6 + 16


def prose_paragraphs(name: str, lang: str) -> list[str]:
    """The plain paragraphs of a content page (no headings, lists or inline markup), whitespace folded."""
    text = (PROJECT / "content" / f"{name}.{lang}.md").read_text(encoding="utf-8")
    blocks = [flat(block) for block in text.split("\n\n")]
    return [b for b in blocks if b and not b.startswith(("#", "-")) and not any(ch in b for ch in "`[*_")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_site_is_in_the_book_in_its_language(books, lang: str) -> None:
    texts = page_texts(books[lang])
    text = " ".join(texts)
    other = "en" if lang == "da" else "da"
    for profile in PROFILES["profiles"]:
        assert flat(profile["summary"][lang]) in text
        assert flat(profile["summary"][other]) not in text
        for competence in profile["competences"]:
            assert flat(competence["description"][lang]) in text
    for point in PROFILES["recruitment"]["points"]:
        assert flat(point["description"][lang]) in text
    for name in ("index", "recruitment", "about"):
        paragraphs = prose_paragraphs(name, lang)
        assert paragraphs, name
        for paragraph in paragraphs:
            assert paragraph in text, f"{name}: {paragraph[:60]}"
    date = {"da": "25. november 2026", "en": "25 November 2026"}[lang]
    assert f"Version {PROFILES['version']} {PAGE_WORDS[lang][1]} {date}" in texts[-1], "the about page's version line"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_after_the_cover_counts_pages_in_the_documents_language(books, lang: str) -> None:
    texts = page_texts(books[lang])
    word, of = PAGE_WORDS[lang]
    for number, text in enumerate(texts[1:], start=2):
        assert f"{word} {number} {of} {len(texts)}" in text
        assert UI["site_name_short"][lang] in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bookmarks_tags_language_and_metadata(books, lang: str, built_site: Path) -> None:
    reader = books[lang]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    meta = reader.metadata
    assert meta.title == UI["site_name"][lang] and meta.subject == UI["book_about"][lang] and meta.author
    assert meta["/CreationDate"] == "D:20261125"
    chapters = [item for item in reader.outline if not isinstance(item, list)]
    assert [c.title for c in chapters] == [UI["book_contents"][lang]] + CHAPTERS[lang]
    nested = [item.title for group in reader.outline if isinstance(group, list) for item in group
              if not isinstance(item, list)]
    assert set(entries(lang)) <= set(nested)
    for chapter in chapters[1:]:
        assert reader.get_destination_page_number(chapter) >= 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_embeds_only_the_shipped_fonts_cut_to_what_it_uses(books, lang: str, built_site: Path) -> None:
    fonts = {font.get_object()["/BaseFont"] for page in books[lang].pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Handbook-Sans(-[A-Za-z-]+)?", name) for name in fonts), fonts
    assert (built_site / "downloads" / f"handbook-{lang}.pdf").stat().st_size < SIZE_BUDGET


# --- The downloads page ----------------------------------------------------------------------------------------

DOWNLOADS = {"../downloads/handbook-da.pdf": "application/pdf", "../downloads/handbook-en.pdf": "application/pdf",
             "../downloads/competences.csv": "text/csv", "../downloads/competences.ttl": "text/turtle",
             "../downloads/competences.jsonld": "application/ld+json"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_links_every_file_and_says_what_each_is_for(built_site: Path, lang: str) -> None:
    page = built_site / lang / "downloads.html"
    links = {a.attrs["href"]: a.attrs.get("type") for a in parse(page).all("a") if "/downloads/" in a.attrs.get("href", "")}
    assert links == DOWNLOADS
    assert all((page.parent / href).resolve().is_file() for href in links)
    text = visible_text(page)
    for key in ("book_about", "csv_about", "turtle_about", "jsonld_about", "data_lead"):
        assert flat(UI[key][lang]) in text
    navigation = [a.attrs["href"] for a in parse(built_site / lang / "index.html").all("a")]
    assert navigation.index("downloads.html") == navigation.index("checklists.html") + 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_page_states_the_version_date_and_source(built_site: Path, lang: str) -> None:
    text = visible_text(built_site / lang / "about.html")
    date = {"da": "25. november 2026", "en": "25 November 2026"}[lang]
    of = {"da": "af", "en": "of"}[lang]
    assert f"Version {PROFILES['version']} {of} {date}" in text
    assert "Byg partnerskaber! Værktøjer til strategisk biblioteksudvikling" in text and "Kulturstyrelsen, 2012" in text


# --- Content pages inside one document -------------------------------------------------------------------------

EXTRA_PAGE = """# Extra

## Part one

See [the network coordinator](net.md), [coordination](net.html#NET-3), [the source](about.md#kilde),
[part two](#part-two), [the overview](overview.html) and [the agency](https://slks.dk/).

![A tiny picture](images/dot.png)

## Part two

Done.
"""
DOT_PNG = bytes.fromhex(  # an 8 × 8 PNG in the accent colour
    "89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc000000154944415478da63e48ee962c00698187080c1"
    "290100c0ef0101e3b62c4c0000000049454e44ae426082")


def test_links_between_pages_lead_inside_the_book_and_images_are_embedded(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "dot.png").write_bytes(DOT_PNG)
    (root / "content" / "extra.da.md").write_text(EXTRA_PAGE, encoding="utf-8")
    problems = Problems()
    handbook = load_handbook(HandbookFolder(root), problems)
    assert handbook is not None, problems.sorted()
    book = plan_books(handbook, root / "content")[0]
    assert [s.key for s in book.sections] == ["index", "net", "prt", "all", "recruitment", "extra", "about"]
    html = next(s for s in book.sections if s.key == "extra").page.html
    for href in ('href="#net"', 'href="#NET-3"', 'href="#about.kilde"', 'href="#extra.part-two"', 'href="https://slks.dk/"'):
        assert href in html
    assert 'id="extra.part-two"' in html and "overview.html" not in html and "<span>the overview</span>" in html
    assert 'src="data:image/png;base64,' in html and str(root) not in html
    english = next(s for s in plan_books(handbook, root / "content")[1].sections if s.key == "extra").page.html
    assert 'href="#about"' in english, "the English about page has no heading 'kilde': the link leads to the page"
    out = tmp_path / "site"
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out / "downloads" / "handbook-da.pdf")
    targets = {annotation.get_object().get("/Dest") for page in reader.pages for annotation in page.get("/Annots", [])}
    assert {"net", "NET-3", "about.kilde", "extra.part-two"} <= targets
    extra_page = next(page for page in reader.pages if "Part two" in page.extract_text())
    assert any(x.get_object()["/Subtype"] == "/Image" for x in extra_page["/Resources"]["/XObject"].values())
