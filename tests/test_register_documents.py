"""Each partnership's printed agreement and evaluation form: rendered by WeasyPrint, read back with pypdf."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, copy_handbook, run_cli, tree_digest
from html_pages import parse
from pypdf import PdfReader
from test_bad_input import replace_once

SIZE_BUDGET = 120_000  # the checklists' budget
REGISTER = yaml.safe_load((PROJECT / "partnerships.yaml").read_text(encoding="utf-8"))
TEXTS = yaml.safe_load((PROJECT / "content" / "partnership-documents.yaml").read_text(encoding="utf-8"))
EXAMPLE = {"da": "Eksempel", "en": "Example"}
DOCUMENTS = [(lang, p["code"], kind) for lang in ("da", "en") for p in REGISTER["examples"]
             for kind in ("agreement", "evaluation")]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def readers(built_site: Path) -> dict[tuple[str, str, str], tuple[Path, PdfReader]]:
    return {(lang, code, kind): (path, PdfReader(path)) for lang, code, kind in DOCUMENTS
            for path in [built_site / lang / "partnerships" / f"{code.lower()}-{kind}.pdf"]}


def partnership(code: str) -> dict:
    return next(p for p in REGISTER["examples"] if p["code"] == code)


def test_every_partnership_page_links_its_two_documents(built_site: Path) -> None:
    for lang, code, kind in DOCUMENTS:
        links = {a.attrs["href"] for a in parse(built_site / lang / f"partnership-{code.lower()}.html").all(
            "a", type="application/pdf")}
        assert f"partnerships/{code.lower()}-{kind}.pdf" in links
    assert len(list(built_site.glob("*/partnerships/*.pdf"))) == len(DOCUMENTS)


@pytest.mark.parametrize("lang,code,kind", DOCUMENTS)
def test_a_document_is_filled_in_from_the_register_and_marked_as_an_example(readers, lang: str, code: str,
                                                                             kind: str) -> None:
    _, reader = readers[(lang, code, kind)]
    p = partnership(code)
    pages = [flat(page.extract_text()) for page in reader.pages]
    whole = " ".join(pages)
    assert p["name"][lang] in whole and p["coordinator"]["name"] in whole
    assert flat(p["purpose"][lang]) in whole
    for partner in p["partners"]:
        assert partner in whole
    for number, text in enumerate(pages, start=1):
        assert code in text and EXAMPLE[lang] in text, f"page {number} lacks the code or the example mark"
        assert f"{TEXTS['page'][lang]} {number} {TEXTS['page_of'][lang]} {len(pages)}" in text
    if kind == "agreement":
        for section in ("section_parties", "section_purpose", "section_roles", "section_resources",
                        "section_communication", "section_personal_data", "section_duration", "section_evaluation",
                        "section_signatures"):
            assert flat(TEXTS[section][lang]) in whole, section
        goals = {g["code"]: g["name"][lang] for g in REGISTER["goals"]}
        for goal in p["goals"]:
            assert goals[goal] in whole
    else:  # the evaluation form has headings of its own, not the agreement's numbered sections
        assert flat(TEXTS["evaluation_purpose_heading"][lang]) in whole
        assert flat(TEXTS["section_purpose"][lang]) not in whole


@pytest.mark.parametrize("lang,code,kind", DOCUMENTS)
def test_a_document_is_fillable_with_labelled_fields(readers, lang: str, code: str, kind: str) -> None:
    _, reader = readers[(lang, code, kind)]
    fields = reader.get_fields()
    for name, field in fields.items():
        assert field.get("/TU"), f"field {name} has no accessible label"
    partners = len(partnership(code)["partners"])
    if kind == "agreement":
        expected = {"party.library.name", "purpose.success", "roles.network-coordinator", "resources.budget",
                    "communication.plan", "personal-data.which", "termination.notice", "signature.library.date",
                    *(f"party.{i}.contact" for i in range(1, partners + 1)),
                    *(f"signature.partner-{i}.name" for i in range(1, partners + 1))}
    else:
        expected = {"review.date", "purpose.rating", "purpose.reasons", "decision", "next-review",
                    *(f"goal.{goal}.rating" for goal in partnership(code)["goals"])}
    assert expected <= set(fields), expected - set(fields)
    if kind == "evaluation":
        assert fields["decision"].get("/FT") == "/Btn"  # a choice of continue, adjust or end


@pytest.mark.parametrize("lang,code,kind", DOCUMENTS)
def test_a_document_is_tagged_in_its_language_with_its_title_and_the_shipped_fonts(readers, lang: str, code: str,
                                                                                   kind: str) -> None:
    path, reader = readers[(lang, code, kind)]
    meta = reader.metadata
    assert meta.title == f"{TEXTS[kind + '_title'][lang]}: {partnership(code)['name'][lang]}"
    assert meta.subject == TEXTS[kind + "_about"][lang]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_data()
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"]).lstrip("/")))
    assert fonts and all(name.startswith("Handbook") for name in fonts), fonts
    assert path.stat().st_size < SIZE_BUDGET


def test_documents_are_cached_and_a_change_renders_only_those_that_show_it(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    shutil.copy(PROJECT / "partnerships.yaml", root / "partnerships.yaml")
    out = tmp_path / "site"
    env = {"SOURCE_DATE_EPOCH": "1796126400"}
    first = run_cli("--root", str(root), "--out", str(out), env=env)
    assert "32 PDFs (32 rendered)" in first.stdout, first.stdout + first.stderr  # 20 as before, 12 documents
    before = tree_digest(out)
    replace_once(root / "partnerships.yaml", "bogklubber i skoletiden", "bogklubber efter skoletid")
    again = run_cli("--root", str(root), "--out", str(out), env=env)
    assert "32 PDFs (2 rendered)" in again.stdout, again.stdout + again.stderr
    after = tree_digest(out)
    assert sorted(p for p in after if p.endswith(".pdf") and after[p] != before[p]) == [
        "da/partnerships/eks-laeselyst-agreement.pdf", "da/partnerships/eks-laeselyst-evaluation.pdf"]
