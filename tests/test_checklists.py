"""The checklist PDFs: rendered by WeasyPrint, read back with pypdf."""

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

KINDS = ("interview-guide", "onboarding-plan", "development-review")
PROFILES = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
TEXTS = yaml.safe_load((PROJECT / "content" / "checklists.yaml").read_text(encoding="utf-8"))
SIZE_BUDGET = 120_000
PAGE_WORDS = {"da": ("Side 1 af", "Page 1 of"), "en": ("Page 1 of", "Side 1 af")}
CHECKLISTS = [(lang, profile["code"], kind) for lang in ("da", "en") for profile in PROFILES["profiles"] for kind in KINDS]


def flat(text: str) -> str:
    return " ".join(text.split())


def competences_in(code: str, kind: str) -> list[dict]:
    """The competences a checklist must name: the role's, plus the recruitment points or the all-staff ones."""
    profiles = {p["code"]: p for p in PROFILES["profiles"]}
    own = profiles[code]["competences"]
    if kind == "interview-guide":
        return own + PROFILES["recruitment"]["points"]
    if kind == "development-review" and code != "ALL":
        return own + profiles["ALL"]["competences"]
    return own


@pytest.fixture(scope="module")
def readers(built_site: Path) -> dict[tuple[str, str, str], tuple[Path, PdfReader]]:
    found = {}
    for lang, code, kind in CHECKLISTS:
        path = built_site / lang / "checklists" / f"{code.lower()}-{kind}.pdf"
        found[(lang, code, kind)] = (path, PdfReader(path))
    return found


def test_eighteen_checklists(built_site: Path) -> None:
    assert len(sorted(built_site.glob("*/checklists/*.pdf"))) == 18 == len(CHECKLISTS)


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_checklist_names_role_and_competences_in_its_language(readers, lang: str, code: str, kind: str) -> None:
    path, reader = readers[(lang, code, kind)]
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    role = next(p for p in PROFILES["profiles"] if p["code"] == code)["name"][lang]
    assert role in text
    assert TEXTS[kind.replace("-", "_")][lang] in text
    own_word, other_word = PAGE_WORDS[lang]
    assert own_word in text and other_word not in text
    for competence in competences_in(code, kind):
        if kind == "onboarding-plan":
            continue  # the onboarding plan lists tasks, checked below
        assert competence["code"] in text
        assert flat(competence["title"][lang]) in text, competence["code"]


@pytest.mark.parametrize("lang,code", [(lang, p["code"]) for lang in ("da", "en") for p in PROFILES["profiles"]])
def test_onboarding_plan_lists_every_task_of_the_role(readers, lang: str, code: str) -> None:
    _, reader = readers[(lang, code, "onboarding-plan")]
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    tasks = [t for t in PROFILES["onboarding"]] + [t for c in competences_in(code, "development-review") for t in c.get("onboarding", [])]
    for task in tasks:
        assert flat(task["task"][lang])[:60] in text
    for phase in ("before-start", "first-day", "first-week", "first-month", "first-three-months"):
        assert TEXTS[phase][lang] in text


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_checklist_is_fillable_with_labelled_fields(readers, lang: str, code: str, kind: str) -> None:
    _, reader = readers[(lang, code, kind)]
    fields = reader.get_fields()
    assert fields and len(fields) >= 5
    for name, field in fields.items():
        assert field.get("/TU"), f"field {name} has no accessible label"
    expected = {"interview-guide": ("notes", "rating"), "development-review": ("self", "manager", "goal", "action"),
                "onboarding-plan": ()}[kind]
    for competence in competences_in(code, kind) if expected else []:
        for suffix in expected:
            assert f"{competence['code']}.{suffix}" in fields
    if kind == "onboarding-plan":
        assert "first-week-1.done" in fields and "sign-off.employee.date" in fields


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_checklist_metadata_language_tags_and_bookmarks(readers, lang: str, code: str, kind: str) -> None:
    _, reader = readers[(lang, code, kind)]
    meta = reader.metadata
    role = next(p for p in PROFILES["profiles"] if p["code"] == code)["name"][lang]
    assert meta.title == f"{TEXTS[kind.replace('-', '_')][lang]}: {role}"
    assert meta.subject == TEXTS[kind.replace("-", "_") + "_about"][lang]
    assert meta.author
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert role in titles


@pytest.mark.parametrize("lang,code,kind", CHECKLISTS)
def test_checklist_size_is_within_budget(readers, lang: str, code: str, kind: str) -> None:
    path, _ = readers[(lang, code, kind)]
    assert path.stat().st_size < SIZE_BUDGET


def test_every_page_of_a_checklist_carries_role_kind_version_and_page_count(readers) -> None:
    _, reader = readers[("da", "NET", "interview-guide")]
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = flat(page.extract_text())
        assert "Interviewguide · Den netværksansvarlige" in text
        assert f"version {PROFILES['version']}" in text and "25. november 2026" in text
        assert f"Side {number} af {pages}" in text
        assert "Kandidat" in text


@pytest.mark.parametrize("lang", ("da", "en"))
def test_profile_pages_and_checklists_page_link_every_pdf(built_site: Path, lang: str) -> None:
    listed = {a.attrs["href"] for a in parse(built_site / lang / "checklists.html").all("a", type="application/pdf")}
    assert listed == {f"checklists/{code.lower()}-{kind}.pdf" for lng, code, kind in CHECKLISTS if lng == lang}
    for profile in PROFILES["profiles"]:
        slug = profile["code"].lower()
        links = {a.attrs["href"] for a in parse(built_site / lang / f"{slug}.html").all("a", type="application/pdf")}
        assert links == {f"checklists/{slug}-{kind}.pdf" for kind in KINDS}


def test_unchanged_pdfs_come_from_the_cache_and_a_change_renders_only_those_that_show_it(tmp_path: Path) -> None:
    """18 checklists and the whole handbook in two languages."""
    root = copy_handbook(tmp_path / "handbook")
    out = tmp_path / "site"
    first = run_cli("--root", str(root), "--out", str(out))
    assert "20 PDFs (20 rendered)" in first.stdout, first.stdout + first.stderr
    replace_once(root / "content" / "about.en.md", "## Source", "## The source")  # a page only the English book shows
    again = run_cli("--root", str(root), "--out", str(out))
    assert "20 PDFs (1 rendered)" in again.stdout, again.stdout + again.stderr
    before = tree_digest(out)
    replace_once(root / "profiles.yaml", "Gode kommunikationsevner", "Rigtig gode kommunikationsevner")
    changed = run_cli("--root", str(root), "--out", str(out))
    # A Danish title: only the Danish checklists that print titles (not the onboarding plan's task list), and the
    # Danish handbook, change.
    assert "20 PDFs (3 rendered)" in changed.stdout
    after = tree_digest(out)
    differing = sorted(path for path in after if after[path] != before.get(path) and path.endswith(".pdf"))
    assert differing == ["da/checklists/net-development-review.pdf", "da/checklists/net-interview-guide.pdf",
                         "downloads/handbook-da.pdf"]
    clean = run_cli("--root", str(root), "--out", str(out), "--clean")
    assert "20 PDFs (20 rendered)" in clean.stdout
    assert tree_digest(out) == after


def _template_with(root: Path, markup: str) -> None:
    shutil.copytree(PROJECT / "templates", root / "templates")
    replace_once(root / "templates" / "checklists" / "interview-guide.html", "{% block body %}", "{% block body %}" + markup)


@pytest.mark.parametrize("markup,expected", [
    ('<img src="file:///etc/hostname" alt="">', "'/etc/hostname' is outside the handbook folder and may not be read."),
    ('<img src="../../../../../../../../../../etc/hostname" alt="">', "'/etc/hostname' is outside the handbook folder and may not be read."),
    ('<img src="http://127.0.0.1:9/logo.png" alt="">', "'http://127.0.0.1:9/logo.png' is not a file of the handbook; nothing may be loaded from the network."),
])
def test_a_checklist_cannot_read_outside_the_handbook(tmp_path: Path, markup: str, expected: str) -> None:
    root = copy_handbook(tmp_path / "handbook")
    _template_with(root, markup)
    result = run_cli("--root", str(root), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert re.search(r"^templates/checklists/interview-guide\.html: error: " + re.escape(expected), result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_weasyprint_errors_fail_the_build(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    _template_with(root, '<img src="missing-picture.png" alt="">')
    result = run_cli("--root", str(root), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("templates/checklists/interview-guide.html: error: the image 'templates/checklists/missing-picture.png' does "
            "not exist. Add the file there, or correct its name (making da/checklists/all-interview-guide.pdf, ") in result.stderr
    assert "Traceback" not in result.stderr and "file://" not in result.stderr


@pytest.mark.parametrize("name,written,expected", [
    ("extra.css", False, "does not exist. Add the file there, or correct its name"),
    ("extra.txt", True, "is not a CSS file (text/plain). Give it a name ending in .css"),
])
def test_a_stylesheet_that_cannot_be_used_fails_the_build_and_says_which(tmp_path: Path, name: str, written: bool,
                                                                        expected: str) -> None:
    root = copy_handbook(tmp_path / "handbook")
    _template_with(root, "")
    if written:
        (root / "templates" / "checklists" / name).write_text("p { color: black }\n", encoding="utf-8")
    replace_once(root / "templates" / "checklists" / "_base.html", "</head>", f'<link rel="stylesheet" href="{name}">\n</head>')
    result = run_cli("--root", str(root), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert (f"templates/checklists/development-review.html: error: the stylesheet 'templates/checklists/{name}' {expected} "
            "(making da/checklists/all-development-review.pdf, ") in result.stderr
    assert "Traceback" not in result.stderr and "file://" not in result.stderr


def test_an_image_in_a_template_that_is_no_image_fails_the_build_and_says_which(tmp_path: Path) -> None:
    """Content images are checked as they are read; a template's own are read by WeasyPrint alone."""
    root = copy_handbook(tmp_path / "handbook")
    _template_with(root, '<img src="logo.png" alt="">')
    (root / "templates" / "checklists" / "logo.png").write_bytes(b"not a picture")
    result = run_cli("--root", str(root), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("templates/checklists/interview-guide.html: error: the image 'templates/checklists/logo.png' could not be "
            "read as an image. Save it again as PNG, JPEG, GIF or SVG (making da/checklists/all-interview-guide.pdf, ") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_yaml_text_reaches_the_pdf_as_text(tmp_path: Path) -> None:
    """Markup in a YAML text is escaped: it is printed, and it loads nothing."""
    root = copy_handbook(tmp_path / "handbook")
    replace_once(root / "profiles.yaml", "da: Gode kommunikationsevner", 'da: "Gode <img src=\'/etc/hostname\'> evner"')
    out = tmp_path / "site"
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = flat(" ".join(p.extract_text() for p in PdfReader(out / "da/checklists/net-interview-guide.pdf").pages))
    assert "Gode <img src='/etc/hostname'> evner" in text
