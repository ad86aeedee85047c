"""site.yaml: the library's name, logo and colours, refused where they would fail WCAG or carry script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import PROJECT, copy_handbook, run_cli
from handbook.problems import Problems
from handbook.sources import colours
from handbook.sources.branding import json_schema_text, read_branding
from handbook.sources.logo import LogoError, clean_svg, read_logo

EXAMPLE = PROJECT / "docs" / "branding-example"
SHIPPED_SCHEMA = PROJECT / "schema" / "site.schema.json"
GOOD_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/></svg>'


def branded(root: Path, site_yaml: str, logo: bytes | None = None, logo_name: str = "logo.svg") -> Path:
    copy_handbook(root)
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    if logo is not None:
        (root / "content" / logo_name).write_bytes(logo)
    return root


def test_wcag_contrast_ratios_are_computed_as_wcag_defines_them() -> None:
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert colours.ratio_text(4.499) == "4.49:1"  # never rounded up to a pass
    assert colours.contrast(DEFAULT := "#0b5c8a", "#f5f7f9") >= 4.5, DEFAULT


def test_without_site_yaml_the_handbook_keeps_its_own_look(built_site: Path) -> None:
    page = (built_site / "da" / "net.html").read_text(encoding="utf-8")
    assert "brand.css" not in page and 'href="../assets/icon.svg"' in page and "site-library" not in page
    assert not (built_site / "assets" / "brand.css").exists()


def test_the_example_brands_the_site_the_pdfs_and_the_cover(tmp_path: Path) -> None:
    root = branded(tmp_path / "hb", (EXAMPLE / "site.yaml").read_text(encoding="utf-8"),
                   (EXAMPLE / "content" / "logo.svg").read_bytes())
    out = tmp_path / "out"
    shutil.copy(PROJECT / "partnerships.yaml", root / "partnerships.yaml")
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "da" / "net.html").read_text(encoding="utf-8")
    assert '<span class="site-library">Egeskov Bibliotekerne</span>' in page
    assert '<img class="site-logo" src="../assets/logo.svg"' in page
    assert '<link rel="icon" href="../assets/logo.svg" type="image/svg+xml">' in page
    assert '<link rel="stylesheet" href="../assets/brand.css">' in page
    css = (out / "assets" / "brand.css").read_text(encoding="utf-8")
    assert "--accent: #8a1f4a;" in css and "--secondary: #c0571d;" in css and "prefers-color-scheme: dark" in css
    assert "Egeskov Libraries" in (out / "en" / "index.html").read_text(encoding="utf-8")

    from pypdf import PdfReader
    checklist = PdfReader(out / "da" / "checklists" / "net-interview-guide.pdf")
    assert all("Egeskov Bibliotekerne" in page.extract_text() for page in checklist.pages)  # the running header
    book = PdfReader(out / "downloads" / "handbook-en.pdf")
    cover = book.pages[0]
    assert "Egeskov Libraries" in cover.extract_text()
    assert list(cover.images) or "/XObject" in str(cover.get("/Resources")), "the logo is on the cover"
    agreement = PdfReader(out / "da" / "partnerships" / "eks-laeselyst-agreement.pdf")
    assert all("Egeskov Bibliotekerne" in page.extract_text() for page in agreement.pages)  # the running header
    assert "/XObject" in str(agreement.pages[0].get("/Resources")), "the logo is on the agreement's first page"


@pytest.mark.parametrize(("accent", "shown"), [("#77aadd", "2.44:1"), ("#f0c000", "1.71:1")])
def test_an_accent_that_fails_wcag_aa_is_refused_with_its_ratio(tmp_path: Path, accent: str, shown: str) -> None:
    root = branded(tmp_path / "hb", f'library:\n  da: Et bibliotek\naccent: "{accent}"\n')
    result = run_cli("--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("site.yaml:3: error:"))
    assert f"accent colour {accent}" in line and shown in line and "4.5:1" in line and "such as #" in line
    suggested = line.rsplit("such as ", 1)[1].rstrip(".")
    assert colours.contrast(suggested, colours.LIGHT_TINT) >= 4.5, "the suggestion itself must pass"
    assert not (tmp_path / "out").exists()


def test_a_second_colour_too_pale_for_a_mark_is_refused(tmp_path: Path) -> None:
    root = branded(tmp_path / "hb", 'accent: "#0b5c8a"\nsecondary: "#dddddd"\n')
    problems = Problems()
    read_branding(root, problems)
    assert [(p.file, p.line) for p in problems.errors] == [("site.yaml", 2)]
    message = str(problems.errors[0].message)
    assert "1.35:1" in message and "3:1" in message


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("accent: #0b5c8a\n", 1, "unquoted # as the start of a comment"),
    ('accent: "blue"\n', 1, "not a colour"),
    ("librar:\n  da: X\n", 1, "Did you mean 'library'"),
    ("logo: ../secret.svg\n", 1, "not in the content folder"),
    ("logo: content/missing.svg\n", 1, "does not exist"),
])
def test_a_mistake_in_site_yaml_is_located_and_explained(tmp_path: Path, text: str, line: int, expected: str) -> None:
    root = branded(tmp_path / "hb", text)
    problems = Problems()
    read_branding(root, problems)
    assert problems.errors and problems.errors[0].file == "site.yaml" and problems.errors[0].line == line
    assert expected in str(problems.errors[0].message)


@pytest.mark.parametrize(("svg", "line", "expected"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">\n<script>alert(1)</script></svg>', 2, "<script>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>', 1, "'onload'"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">\n\n<image href="https://evil.example/x.png"/></svg>', 3, "<image>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">'
     b'<use x:href="https://evil.example/a.svg#b"/></svg>', 1, "refers to"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect fill="url(https://evil.example/)"/></svg>', 1, "url("),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect style="fill: red; behavior: x\\0"/></svg>', 1, "style"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&a;</svg>', 1, "DOCTYPE"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject/></svg>', 1, "<foreignObject>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', 1, "viewBox"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', 1, "<html>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect>', 1, "not well-formed"),
])
def test_an_svg_logo_with_anything_beyond_a_drawing_is_refused_with_its_line(svg: bytes, line: int, expected: str) -> None:
    with pytest.raises(LogoError) as raised:
        clean_svg(svg)
    assert raised.value.line == line and expected in str(raised.value)


def test_a_clean_svg_logo_is_rebuilt_from_what_passed() -> None:
    svg = (b'<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" '
           b'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g">'
           b'<stop offset="0" stop-color="#fff"/></linearGradient></defs><rect fill="url(#g)" width="10" height="10"/>'
           b'<use xlink:href="#g"/><text>A &amp; B</text></svg>')
    cleaned = clean_svg(svg).decode()
    assert cleaned.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">')
    assert 'fill="url(#g)"' in cleaned and '<use href="#g">' in cleaned and "A &amp; B" in cleaned
    assert "made by hand" not in cleaned and "<?xml" not in cleaned
    assert clean_svg(cleaned.encode()) == cleaned.encode()  # stable


def test_a_png_logo_must_be_a_png() -> None:
    from conftest import TINY_PNG
    assert read_logo(TINY_PNG, "logo.png").file_name == "logo.png"
    with pytest.raises(LogoError, match="not a PNG"):
        read_logo(GOOD_SVG, "logo.png")
    with pytest.raises(LogoError, match="neither an SVG nor a PNG"):
        read_logo(GOOD_SVG, "logo.gif")


def test_the_shipped_site_schema_is_the_generated_one_and_accepts_the_example() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == json_schema_text(), "run: python build.py schema"
    validator = jsonschema.Draft7Validator(json.loads(json_schema_text()))
    example = yaml.safe_load((EXAMPLE / "site.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(example)) == []
    assert list(validator.iter_errors({"accent": "blue"})) and list(validator.iter_errors({"logo": "/etc/x.svg"}))


def test_site_yaml_is_watched_and_fingerprinted_like_the_other_sources(tmp_path: Path) -> None:
    root = branded(tmp_path / "hb", 'accent: "#0b5c8a"\n')
    out = tmp_path / "out"
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0
    (root / "site.yaml").write_text('accent: "#8a1f4a"\n', encoding="utf-8")
    again = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")
    assert again.returncode == 0 and "Up to date" not in again.stdout + again.stderr
    assert "#8a1f4a" in (out / "assets" / "brand.css").read_text(encoding="utf-8")
