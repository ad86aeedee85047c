"""The interview guide as a panel uses it, and the source credited and kept apart in every PDF and page.

The PDFs are rendered by WeasyPrint through the real command line and read back
with pdftotext (in content order, so a table cell's words stay together) and pypdf.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, copy_handbook, run_cli
from html_pages import visible_text
from markupsafe import escape
from pypdf import PdfReader
from test_bad_input import replace_once

PROFILES = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
TEXTS = yaml.safe_load((PROJECT / "content" / "checklists.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((PROJECT / "content" / "ui.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("da", "en")
GUIDES = [(lang, p["code"]) for lang in LANGUAGES for p in PROFILES["profiles"]]
MAX_PAGES = 8
# forskelsbehandlingsloven § 1 and helbredsoplysningsloven § 2, as the do-not-ask line must name them.
DO_NOT_ASK = {
    "da": ["alder", "helbred", "handicap", "graviditet", "familie- og børneplaner", "civilstand", "religion eller tro",
           "politisk anskuelse", "seksuel orientering", "race", "hudfarve", "national, social eller etnisk oprindelse",
           "fagforeningsmedlemskab", "helbredsoplysningsloven § 2", "forskelsbehandlingsloven § 1"],
    "en": ["age", "health", "disability", "pregnancy", "plans for children", "marital status", "religion or belief",
           "political opinion", "sexual orientation", "race", "skin colour", "national, social or ethnic origin",
           "trade union membership", "Health Information Act, section 2", "Anti-Discrimination Act, section 1"],
}
CREDIT = ("Byg partnerskaber!", "Kulturstyrelsen", "2012")


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text in the order it was drawn, whitespace folded; one page, or all."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(["pdftotext", "-raw", *pages, str(path), "-"], capture_output=True, text=True, check=True)
    # pdftotext breaks a word at a line's end with a hyphen; a Danish compound keeps its own hyphen before 'og'.
    return flat(done.stdout.replace("-\n", "-"))


def guide(site: Path, lang: str, code: str) -> Path:
    return site / lang / "checklists" / f"{code.lower()}-interview-guide.pdf"


def points_of(code: str) -> list[dict]:
    profile = next(p for p in PROFILES["profiles"] if p["code"] == code)
    return profile["competences"] + PROFILES["recruitment"]["points"]


def all_points() -> list[dict]:
    return [c for p in PROFILES["profiles"] for c in p["competences"]] + PROFILES["recruitment"]["points"]


@pytest.mark.parametrize("point", all_points(), ids=lambda c: c["code"])
def test_every_competence_has_interview_anchors_that_differ_from_its_review_levels(point: dict) -> None:
    anchors, levels = point["interview_levels"], point["levels"]
    assert sorted(anchors) == [1, 3, 5]
    for score in (1, 3, 5):
        for lang in LANGUAGES:
            assert anchors[score][lang] and anchors[score][lang] != levels[score][lang]
            # Written about the candidate's example, not about knowing this library.
            assert "bibliotekets" not in anchors[score][lang] and "the library's" not in anchors[score][lang]


@pytest.mark.parametrize("lang,code", GUIDES)
def test_the_guide_prints_the_interview_anchors_and_not_the_review_levels(built_site: Path, lang: str, code: str) -> None:
    text = pdf_text(guide(built_site, lang, code))
    for point in points_of(code):
        for score in (1, 3, 5):
            assert flat(point["interview_levels"][score][lang]) in text, (point["code"], score)
            assert flat(point["levels"][score][lang]) not in text, (point["code"], score)


@pytest.mark.parametrize("lang,code", GUIDES)
def test_the_guide_is_one_a_panel_can_run_in_about_an_hour(built_site: Path, lang: str, code: str) -> None:
    path = guide(built_site, lang, code)
    assert len(PdfReader(path).pages) <= MAX_PAGES
    text = pdf_text(path)
    for point in points_of(code):
        main, *alternatives = point["questions"]
        assert flat(main["question"][lang]) in text
        for probe in main.get("probes", []):
            assert flat(probe[lang]) in text
        for alternative in alternatives:  # printed compactly: the question, without its probes (its label in capitals)
            assert f"{TEXTS['alternative_question'][lang].upper()}: {flat(alternative['question'][lang])}" in text
            for probe in alternative.get("probes", []):
                assert flat(probe[lang]) not in text


@pytest.mark.parametrize("lang,code", GUIDES)
def test_the_rating_scale_retention_and_do_not_ask_lines(built_site: Path, lang: str, code: str) -> None:
    first_page = pdf_text(guide(built_site, lang, code), page=1)
    for ground in DO_NOT_ASK[lang]:
        assert ground in first_page, ground
    scale = {"da": ["»Ikke vurderet« betyder, at spørgsmålet ikke blev stillet", "ikke give et relevant eksempel, gives 1",
                    "2 ligger mellem 1 og 3, og 4 mellem 3 og 5"],
             "en": ["“Not assessed” means the question was not asked", "cannot give a relevant example scores 1",
                    "2 lies between 1 and 3, and 4 between 3 and 5"]}[lang]
    retention = {"da": ["3 år efter endt rekruttering", "slettes", "Kommunens egne regler", "art. 15"],
                 "en": ["3 years after the recruitment has ended", "deleted", "municipality's own rules", "Article 15"]}[lang]
    for phrase in scale + retention:
        assert phrase in first_page, phrase


def test_the_interview_texts_use_the_terms_of_danish_public_hiring() -> None:
    """The panel (ansættelsesudvalget) recommends (indstilling); the manager decides; scores rest on evidence."""
    danish = " ".join(text["da"] for text in TEXTS.values() if isinstance(text, dict))
    for word in ("dokumentation", "Karakter", "Panelets", "Ingen afgørelse", "buddy"):
        assert word not in danish, word
    assert "Ansættelsesudvalgets indstilling" in danish and "træffer afgørelsen" in danish
    english = " ".join(text["en"] for text in TEXTS.values() if isinstance(text, dict))
    assert "Panel recommendation" in english and "No recommendation" in english and "No decision" not in english


@pytest.mark.parametrize("lang,code", GUIDES)
def test_every_sheet_fits_its_page_and_single_competences_get_80_mm_of_notes(lang: str, code: str) -> None:
    """Laid out by WeasyPrint: nothing overflows a page, and a competence alone on a page gets a notes box of 80 mm."""
    import weasyprint

    from handbook.build.pipeline import load_handbook
    from handbook.pdf.checklists import Checklist, render_checklist_html
    from handbook.problems import Problems
    from handbook.render.templates import make_environment
    from handbook.sources.folder import HandbookFolder

    folder = HandbookFolder(PROJECT)
    problems = Problems()
    handbook = load_handbook(folder, problems)
    profile = next(p for p in handbook.data.profiles if p.code == code)
    html = render_checklist_html(make_environment(folder.templates), handbook, Checklist("interview-guide", profile, lang),
                                 folder.templates, PROJECT, problems)
    document = weasyprint.HTML(string=html, base_url=(folder.templates / "checklists").as_uri() + "/").render()
    mm = 25.4 / 96
    sheets = 0
    for number, page in enumerate(document.pages, start=1):
        for sheet in boxes_with_class(page._page_box, "sheet"):
            sheets += 1
            bottom = sheet.position_y + sheet.margin_height()
            deepest = max(box.position_y + box.margin_height() for box in descendants(sheet))
            assert deepest <= bottom + 0.5, f"page {number} overflows by {(deepest - bottom) * mm:.1f} mm"
            notes = list(boxes_with_class(sheet, "notes"))
            if len(notes) == 1 and number > 1:
                assert notes[0].margin_height() * mm >= 80, f"page {number}: {notes[0].margin_height() * mm:.0f} mm"
    assert sheets == len(document.pages) - 1  # and the summary's page


def descendants(box):
    for child in getattr(box, "children", []):
        yield child
        yield from descendants(child)


def boxes_with_class(box, name: str):
    for child in descendants(box):
        element = getattr(child, "element", None)
        if element is not None and name in (element.get("class") or "").split() and child.element_tag in ("div", "section"):
            yield child


def twenty_pdfs(site: Path) -> list[Path]:
    return sorted(site.glob("*/checklists/*.pdf")) + sorted(site.glob("downloads/*.pdf"))


def test_every_pdf_credits_the_source(built_site: Path) -> None:
    pdfs = twenty_pdfs(built_site)
    assert len(pdfs) == 20
    for path in pdfs:
        if "checklists" in path.parts:
            for number in range(1, len(PdfReader(path).pages) + 1):
                text = pdf_text(path, page=number)
                assert all(part in text for part in CREDIT), f"{path.name} page {number}"
                assert TEXTS["handbook_own"][path.parts[-3]] in text, f"{path.name} page {number}"
        else:
            assert all(part in pdf_text(path, page=1) for part in CREDIT), path.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_and_book_tell_the_source_from_the_handbook(built_site: Path, lang: str) -> None:
    """Every source passage sits under a visible 'from the source' label; every description under the handbook's."""
    label = re.escape(str(escape(UI["source_label"][lang])))  # as the templates escape it
    for name in ("net", "prt", "all", "recruitment"):
        markup = (built_site / lang / f"{name}.html").read_text(encoding="utf-8")
        quoted = [html.unescape(re.sub(r"<[^>]+>", " ", block)) for block in
                  re.findall(r'<div class="source-text[^"]*"><p class="provenance"[^>]*>' + label + r"</p>(.*?)</div>", markup, re.S)]
        profile = next((p for p in PROFILES["profiles"] if p["code"].lower() == name), None)
        sources = [profile["summary"][lang], profile["lead"][lang]] if profile else [PROFILES["recruitment"]["lead"][lang]]
        for source in sources:
            assert any(flat(source) in flat(block) for block in quoted), (name, source)
        descriptions = markup.count('<div class="competence-description">')
        labelled = markup.count('<div class="competence-description"><p class="provenance" data-pagefind-ignore>'
                                + str(escape(UI["elaboration_label"][lang])) + "</p>")
        assert descriptions and labelled == descriptions, name
        assert UI["source_note"][lang] in visible_text(built_site / lang / f"{name}.html")
    book = pdf_text(built_site / "downloads" / f"handbook-{lang}.pdf")
    assert book.count(UI["elaboration_label"][lang].upper()) >= len(all_points())
    assert UI["source_label"][lang].upper() in book


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook with one English text removed: NET-1's title."""
    root = copy_handbook(tmp_path_factory.mktemp("untranslated") / "handbook")
    replace_once(root / "profiles.yaml", "          en: Good communication skills\n", "")
    out = root.parent / "site"
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_an_untranslated_text_is_marked_in_the_english_pdfs(untranslated_site: Path) -> None:
    marker = f"Gode kommunikationsevner ({UI['untranslated']['en']})"
    for path in (guide(untranslated_site, "en", "NET"), untranslated_site / "en/checklists/net-development-review.pdf",
                 untranslated_site / "downloads/handbook-en.pdf"):
        assert marker in pdf_text(path), path.name
    assert "(not yet translated)" not in pdf_text(guide(untranslated_site, "da", "NET"))
    danish_spans = structure_languages(PdfReader(guide(untranslated_site, "en", "NET")))
    assert "da" in danish_spans  # /Lang on the Danish span: a screen reader reads it as Danish


def structure_languages(reader: PdfReader) -> list[str]:
    found = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/Lang" in node and "/S" in node:
            found.append(str(node["/Lang"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def test_an_untranslated_text_is_marked_in_the_english_a_to_z_index(untranslated_site: Path) -> None:
    markup = (untranslated_site / "en" / "a-z.html").read_text(encoding="utf-8")
    # listed by its significant word (site/a_to_z.py), in Danish, and marked
    assert re.search(r'<a href="net\.html#NET-1" lang="da">Kommunikationsevner</a> '
                     r'<span class="untranslated">\(not yet translated\)</span>', markup)
    assert markup.count("(not yet translated)") == 1  # only the entry that is not translated
    assert "(not yet translated)" not in (untranslated_site / "da" / "a-z.html").read_text(encoding="utf-8")


def test_a_missing_anchor_warns_with_its_line_and_fails_strict(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    source = (root / "profiles.yaml").read_text(encoding="utf-8")
    start = source.index("interview_levels:", source.index("- code: NET-2"))
    end = source.index("        levels:", start)
    (root / "profiles.yaml").write_text(source[:start] + source[end:].lstrip(), encoding="utf-8")
    line = source[:source.index("- code: NET-2")].count("\n") + 1
    warned = run_cli("--root", str(root), "check")
    assert warned.returncode == 0, warned.stderr
    assert (f"profiles.yaml:{line}: warning: competence NET-2: has no 'interview_levels'; the interview guide prints no "
            "anchors for rating the candidate's example. Add 'interview_levels:' after 'questions:'") in warned.stderr
    strict = run_cli("--root", str(root), "check", "--strict")
    assert strict.returncode == 1
    assert f"profiles.yaml:{line}:" in strict.stderr and "Traceback" not in strict.stderr
