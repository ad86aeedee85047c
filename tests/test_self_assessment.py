"""The self-assessment pages and the team page as the build writes them (their use in a browser is in
tests/browser/test_self_assessment.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from conftest import PROJECT, copy_handbook, run_cli

PROFILES = ("net", "prt", "all")
VENDORED = PROJECT / "templates" / "assets" / "vendor"
# pdf-lib 1.17.1 from npm (`npm pack pdf-lib@1.17.1`, dist/pdf-lib.min.js): MIT, see pdf-lib.LICENSE.md beside it.
PDF_LIB_SHA256 = "0f9a5cad07941f0826586c94e089d89b918c46e5c17cf2d5a3c6f666e3bc694f"


def page_data(path: Path, element: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert found, f"no {element} in {path}"
    return json.loads(found.group(1))


def test_every_profile_has_a_self_assessment_and_the_team_page_in_both_languages(built_site: Path) -> None:
    for lang in ("da", "en"):
        for slug in PROFILES:
            page = built_site / lang / f"{slug}-self-assessment.html"
            data = page_data(page, "assessment-data")
            assert data["profile"] == slug.upper() and data["lang"] == lang
            assert data["review"] == f"{lang}/checklists/{slug}-development-review.pdf"
            own = [c for c in data["competences"] if c.startswith(slug.upper() + "-")]
            assert own and (slug == "all" or data["competences"][len(own):] == ["ALL-1", "ALL-2", "ALL-3", "ALL-4"])
            html = page.read_text(encoding="utf-8")
            other = "en" if lang == "da" else "da"
            assert f'hreflang="{other}" href="../{other}/{slug}-self-assessment.html"' in html
            profile_page = (built_site / lang / f"{slug}.html").read_text(encoding="utf-8")
            assert f'href="{slug}-self-assessment.html"' in profile_page
        team = page_data(built_site / lang / "team.html", "team-data")
        assert [c["code"] for c in team["competences"]][:2] == ["NET-1", "NET-2"]
        assert 'href="team.html"' in (built_site / lang / "checklists.html").read_text(encoding="utf-8")


def test_the_pages_forbid_every_connection(built_site: Path) -> None:
    for path in [*built_site.glob("*/*-self-assessment.html"), *built_site.glob("*/team.html")]:
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', path.read_text(encoding="utf-8"))
        assert policy, path
        rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
        assert rules["connect-src"] == "'none'" and rules["script-src"] == "'self'" and rules["form-action"] == "'none'"


def test_each_development_review_is_also_a_script_holding_the_same_bytes(built_site: Path) -> None:
    scripts = sorted(built_site.glob("*/checklists/*.pdf.js"))
    assert [p.name for p in scripts] == [f"{s}-development-review.pdf.js" for s in sorted(PROFILES)] * 2
    for script in scripts:
        encoded = re.search(r'\] = "([A-Za-z0-9+/=]+)";', script.read_text(encoding="ascii")).group(1)
        assert base64.b64decode(encoded) == script.with_suffix("").read_bytes()


def test_the_pdf_library_is_the_pinned_release_with_its_licence(built_site: Path) -> None:
    assert hashlib.sha256((VENDORED / "pdf-lib.min.js").read_bytes()).hexdigest() == PDF_LIB_SHA256
    assert "MIT License" in (VENDORED / "pdf-lib.LICENSE.md").read_text(encoding="utf-8")
    assert (built_site / "assets" / "vendor" / "pdf-lib.min.js").read_bytes() == (VENDORED / "pdf-lib.min.js").read_bytes()


def test_a_page_cannot_take_the_name_of_a_self_assessment_or_the_team_page(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    for name in ("net-self-assessment", "team"):
        for lang in ("da", "en"):
            (root / "content" / f"{name}.{lang}.md").write_text("# Side\n\nTekst.\n", encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "net-self-assessment" in result.stderr and "the self-assessment of profile NET" in result.stderr
    assert "the built-in team competence picture" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_pdfs_the_pages_are_built_and_say_so_when_a_pdf_is_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("--no-pdfs", "--out", str(out), "--root", str(copy_handbook(tmp_path / "handbook")))
    assert result.returncode == 0, result.stderr
    assert (out / "da" / "net-self-assessment.html").is_file() and not list(out.glob("*/checklists/*.pdf.js"))
    assert "data-pdf-missing=" in (out / "da" / "net-self-assessment.html").read_text(encoding="utf-8")
