"""The checklists' forms in every PDF client: filled with pypdf and read by pdf.js, filled in pdf.js
(Firefox's viewer) and read by pypdf, drawn by poppler; and only the shipped fonts.

pdf.js is the npm package pdfjs-dist, run with Node; .ci/run installs it into .tools/, and
HANDBOOK_PDFJS_DIST names another copy. Without it the pdf.js tests skip and say how to install it,
unless HANDBOOK_REQUIRE_BROWSER=1 (as .ci/run sets) demands them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import PROJECT, copy_handbook, run_cli
from pypdf import PdfReader, PdfWriter
from test_bad_input import replace_once
from test_checklists import CHECKLISTS, competences_in

PDFJS_DIST = Path(os.environ.get("HANDBOOK_PDFJS_DIST", PROJECT / ".tools/node_modules/pdfjs-dist"))
PDFJS_SCRIPT = Path(__file__).parent / "pdfjs_forms.mjs"
INSTALL_HINT = ("install it with `npm install --prefix .tools --ignore-scripts pdfjs-dist@5.6.205` "
                "and Node 20.19 or newer (bash .ci/run does both)")
NAME = "François O’Brien, Łukasz Żółć, 5 €"
RADIO = 1 << 15


def pdfjs(*args: str) -> str:
    node = shutil.which("node")
    if node is None or not (PDFJS_DIST / "legacy/build/pdf.mjs").is_file():
        what = "Node is not installed" if node is None else f"pdf.js is not at {PDFJS_DIST}"
        if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1, but {what}: {INSTALL_HINT}.", pytrace=False)
        pytest.skip(f"{what}: {INSTALL_HINT}.")
    result = subprocess.run([node, str(PDFJS_SCRIPT), *args], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PDFJS_DIST": str(PDFJS_DIST)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def pdfjs_fields(path: Path) -> dict[str, dict]:
    return json.loads(pdfjs("read", str(path)))["fields"]


def checklist(site: Path, lang: str, code: str, kind: str) -> Path:
    return site / lang / "checklists" / f"{code.lower()}-{kind}.pdf"


def values_to_set(path: Path) -> dict[str, str]:
    """A value for every field: each rating a different choice, each text a name, each box ticked."""
    values: dict[str, str] = {}
    with pikepdf.open(path) as pdf:
        for index, field in enumerate(pdf.Root.AcroForm.Fields):
            name = str(field.T)
            if field.get("/FT") == "/Tx":
                values[name] = f"{NAME} {index}"
            elif int(field.get("/Ff", 0)) & RADIO:
                states = [str(state)[1:] for kid in field.Kids for state in kid.AP.N.keys() if state != "/Off"]
                values[name] = states[index % len(states)]
            else:
                values[name] = "on"
    return values


# --- The fields as ISO 32000-1 describes them -----------------------------------------------------------------

EXPORT_VALUES = {"rating": ["1", "2", "3", "4", "5", "na"], "self": ["1", "2", "3", "4", "5"],
                 "manager": ["1", "2", "3", "4", "5"],
                 "recommendation": ["strong_no", "no", "yes", "strong_yes", "no_decision"]}


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_a_rating_is_one_radio_field_whose_buttons_say_what_they_mean(built_site: Path, lang: str, code: str,
                                                                       kind: str) -> None:
    with pikepdf.open(checklist(built_site, lang, code, kind)) as pdf:
        fields = list(pdf.Root.AcroForm.Fields)
        listed = {field.objgen for field in fields}
        names = [str(field.T) for field in fields]
        assert len(names) == len(set(names)), "a field is listed twice in /Fields"
        groups = [field for field in fields if int(field.get("/Ff", 0)) & RADIO]
        titles = {c["code"]: " ".join(c["title"][lang].split()) for c in competences_in(code, kind)}
        expected = {"interview-guide": len(titles) * 1 + 1, "development-review": len(titles) * 2,
                    "onboarding-plan": 0}[kind]
        assert len(groups) == expected
        for group in groups:
            name = str(group.T)
            assert "/Opt" not in group and group.V == pikepdf.Name.Off
            values = [str(state)[1:] for kid in group.Kids for state in kid.AP.N.keys() if state != "/Off"]
            assert values == EXPORT_VALUES[name.rsplit(".", 1)[-1]], name
            for kid in group.Kids:
                assert kid.objgen not in listed, f"{name}: a button is listed in /Fields"
                assert "/T" not in kid and "/FT" not in kid and "/V" not in kid, f"{name}: a button is a field of its own"
                assert kid.AS == pikepdf.Name.Off
            code_of = name.split(".")[0]
            if code_of in titles:
                assert code_of in str(group.TU) and titles[code_of] in str(group.TU), f"{name}: {group.TU}"
            labels = [str(kid.TU) for kid in group.Kids]
            assert len(set(labels)) == len(labels) and all(label != str(group.TU) for label in labels)


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_every_text_field_has_an_appearance_stream_and_every_button_a_mark(built_site: Path, lang: str, code: str,
                                                                          kind: str) -> None:
    with pikepdf.open(checklist(built_site, lang, code, kind)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            if field.get("/FT") == "/Tx":
                assert isinstance(field.AP.N, pikepdf.Stream), field.T
            else:
                for widget in field.get("/Kids", [field]):
                    assert "/CA" in widget.MK, field.T
                assert "/ZaDb" in pdf.Root.AcroForm.DR.Font
        assert "/NeedAppearances" not in pdf.Root.AcroForm


# --- Round trips ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_a_form_filled_with_pypdf_reads_back_the_same_in_pdfjs(built_site: Path, tmp_path: Path, lang: str, code: str,
                                                               kind: str) -> None:
    source = checklist(built_site, lang, code, kind)
    values = values_to_set(source)
    writer = PdfWriter(clone_from=source)
    # pypdf's ordinary call; a button's value is its state, written as a name
    buttons = {name for name in values if _is_button(source, name)}
    writer.update_page_form_field_values(None, {n: f"/{v}" if n in buttons else v for n, v in values.items()})
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    seen = pdfjs_fields(filled)
    assert {name: field["value"] for name, field in seen.items()} == values


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_a_form_filled_in_pdfjs_reads_back_the_same_in_pypdf(built_site: Path, tmp_path: Path, lang: str, code: str,
                                                             kind: str) -> None:
    source = checklist(built_site, lang, code, kind)
    values = values_to_set(source)
    filled = tmp_path / "filled.pdf"
    shown = {n: (True if v == "on" else v) for n, v in values.items()}
    pdfjs("fill", str(source), str(filled), json.dumps(shown))
    read = {name: str(field.get("/V")) for name, field in PdfReader(filled).get_fields().items()}
    buttons = {name for name in values if _is_button(source, name)}
    assert {name: value.removeprefix("/") if name in buttons else value for name, value in read.items()} == values


def _is_button(path: Path, name: str) -> bool:
    with pikepdf.open(path) as pdf:
        return any(str(f.T) == name and f.get("/FT") == "/Btn" for f in pdf.Root.AcroForm.Fields)


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_pdfjs_sees_one_named_labelled_field_per_rating(built_site: Path, lang: str, code: str, kind: str) -> None:
    seen = json.loads(pdfjs("read", str(checklist(built_site, lang, code, kind))))
    fields = seen["fields"]
    assert not [name for name in fields if re.fullmatch(r"(.+)\.\1", name)], "buttons as fields of their own"
    assert sorted(seen["fieldObjectNames"]) == sorted(fields), "a field without a widget"
    for name, field in fields.items():
        assert all(field["labels"]), name
        if field["kind"] == "radio":
            assert field["widgets"] == len(set(field["exportValues"])) >= 5 and len(set(field["pages"])) == 1


# --- Poppler ----------------------------------------------------------------------------------------------------

def render(pdf: Path, page: int, box: tuple[float, float, float, float], out: Path) -> tuple[list[list[int]], str]:
    """The greyscale pixels of `box` (PDF points, from the bottom left) on `page`, drawn by poppler at 300 dpi."""
    with pikepdf.open(pdf) as doc:
        height = float(doc.pages[page - 1].mediabox[3])
    scale = 300 / 72
    x1, y1, x2, y2 = box
    result = subprocess.run(["pdftoppm", "-gray", "-r", "300", "-f", str(page), "-l", str(page), "-x",
                             str(round(x1 * scale)), "-y", str(round((height - y2) * scale)), "-W",
                             str(round((x2 - x1) * scale)), "-H", str(round((y2 - y1) * scale)), str(pdf), str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = next(out.parent.glob(out.name + "*.pgm")).read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match
    width, rows = int(match.group(1)), int(match.group(2))
    pixels = data[match.end():]
    return [list(pixels[row * width:(row + 1) * width]) for row in range(rows)], result.stderr


def widget(pdf: Path, name: str) -> tuple[int, tuple[float, float, float, float]]:
    with pikepdf.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for annotation in page.get("/Annots", []):
                if annotation.get("/T") == name:
                    return number, normalised(annotation.Rect)
    raise AssertionError(name)


def normalised(rect: pikepdf.Array) -> tuple[float, float, float, float]:
    """A rectangle as left, bottom, right, top (WeasyPrint writes the top edge first)."""
    x1, y1, x2, y2 = (float(v) for v in rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed "
                                   "(apt-get install poppler-utils; bash .ci/run does it)")


@needs_poppler
@pytest.mark.parametrize("lang", ("da", "en"))
def test_a_box_ticked_with_pypdf_shows_ticked_in_poppler_as_in_pdfjs(built_site: Path, tmp_path: Path,
                                                                     lang: str) -> None:
    source = checklist(built_site, lang, "NET", "onboarding-plan")
    writer = PdfWriter(clone_from=source)
    writer.update_page_form_field_values(None, {"first-week-1.done": "/on"})  # pypdf's ordinary call
    ticked = tmp_path / "ticked.pdf"
    writer.write(ticked)
    page, (x1, y1, x2, y2) = widget(ticked, "first-week-1.done")
    inset = (x2 - x1) * 0.25  # inside the printed square: the mark alone
    box = (x1 + inset, y1 + inset, x2 - inset, y2 - inset)
    dark = lambda pixels: sum(value < 128 for row in pixels for value in row)  # noqa: E731
    before, _ = render(source, page, box, tmp_path / "before")
    after, errors = render(ticked, page, box, tmp_path / "after")
    assert dark(before) == 0 and dark(after) > 0.08 * len(after) * len(after[0]), errors
    assert pdfjs_fields(ticked)["first-week-1.done"]["value"] == "on"


@needs_poppler
def test_a_rating_chosen_in_pdfjs_shows_chosen_in_poppler(built_site: Path, tmp_path: Path) -> None:
    """Firefox's save, opened in Evince or Okular. (pypdf writes a group's /V as a text string, not a name, which
    poppler does not take for a state: a rating filled with pypdf shows in pdf.js but not in poppler.)"""
    source = checklist(built_site, "da", "NET", "development-review")
    chosen = tmp_path / "chosen.pdf"
    pdfjs("fill", str(source), str(chosen), json.dumps({"NET-1.self": "4"}))
    with pikepdf.open(chosen) as pdf:
        group = next(f for f in pdf.Root.AcroForm.Fields if f.T == "NET-1.self")
        assert group.V == pikepdf.Name("/4")
        buttons = [(pdf.pages.index(pikepdf.Page(kid.P)) + 1, normalised(kid.Rect)) for kid in group.Kids]
    for index, (page, (x1, y1, x2, y2)) in enumerate(buttons):
        inset = (x2 - x1) * 0.3
        pixels, _ = render(chosen, page, (x1 + inset, y1 + inset, x2 - inset, y2 - inset), tmp_path / f"b{index}")
        inked = sum(value < 128 for row in pixels for value in row) / (len(pixels) * len(pixels[0]))
        assert (inked > 0.3) == (index == 3), f"button {index + 1}: {inked:.0%} inked"


@needs_poppler
def test_a_name_in_any_latin_script_fills_in_whole_in_poppler(built_site: Path, tmp_path: Path) -> None:
    """pypdf fills the field; poppler redraws it (pypdf asks it to) with the form font: every letter is drawn."""
    from fontTools.ttLib import TTFont

    source = checklist(built_site, "en", "NET", "development-review")
    writer = PdfWriter(clone_from=source)
    writer.update_page_form_field_values(None, {"employee": NAME})
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    page, box = widget(filled, "employee")
    pixels, errors = render(filled, page, box, tmp_path / "name")
    assert "couldn't find a font" not in errors, errors
    inked = [x for row in pixels for x, value in enumerate(row) if value < 100]
    drawn = (max(inked) - min(inked)) * 72 / 300
    font = TTFont(PROJECT / "templates/fonts/HandbookForm-Regular.ttf")
    cmap, advances = font.getBestCmap(), font["hmtx"]
    assert all(ord(ch) in cmap for ch in NAME)
    size = 9.5  # the fields' font size (checklist.css)
    expected = sum(advances[cmap[ord(ch)]][0] for ch in NAME) * size / font["head"].unitsPerEm
    assert abs(drawn - expected) < 0.06 * expected, f"{drawn:.1f} pt drawn, {expected:.1f} pt for the whole name"


# --- Only the shipped fonts -------------------------------------------------------------------------------------

ALL_PDFS = [f"{lang}/checklists/{code.lower()}-{kind}.pdf" for lang, code, kind in CHECKLISTS] + \
           ["downloads/handbook-da.pdf", "downloads/handbook-en.pdf"]


@needs_poppler
@pytest.mark.parametrize("path", ALL_PDFS)
def test_pdffonts_lists_only_the_shipped_fonts_embedded(built_site: Path, path: str) -> None:
    result = subprocess.run(["pdffonts", str(built_site / path)], capture_output=True, text=True, timeout=60)
    rows = result.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Handbook-(Sans(-[A-Za-z-]+)?|Form)", name), row
        assert (emb, uni) == ("yes", "yes"), row


def test_a_character_no_shipped_font_has_fails_the_build_and_names_it(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook", with_templates=True)
    replace_once(root / "templates/checklists/interview-guide.html", "{% block body %}", "{% block body %}<p>☃</p>")
    out = tmp_path / "site"
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 1
    assert re.search(r"^templates/checklists/interview-guide\.html: error: the character '☃' \(U\+2603\) is in none of "
                     r"the handbook's fonts, so this machine's font '[^']+' would print it, .* add it to the fonts with "
                     r"templates/fonts/make_fonts\.py \(making da/checklists/all-interview-guide\.pdf", result.stderr,
                     re.M), result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_finishing_a_pdf_gives_the_same_bytes_every_time(built_site: Path) -> None:
    from handbook.pdf.finish import finish_pdf

    data = checklist(built_site, "da", "NET", "interview-guide").read_bytes()
    html = '<div aria-label="Vurdering NET-1"><input type="radio" name="NET-1.rating" value="1"></div>'
    first, foreign = finish_pdf(data, html, {"Handbook Sans", "Handbook Form"})
    assert foreign == [] and finish_pdf(data, html, {"Handbook Sans", "Handbook Form"})[0] == first
