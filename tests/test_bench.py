"""The benchmark's parts: the synthetic handbooks are valid, the edit it times is one text, a smoke run saves JSON.

Speed itself is measured by `bench/run.py`, never asserted here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PROJECT, run_cli

from handbook.model import LANGUAGES
from handbook.pdf.checklists import KINDS
from handbook.site.plan import GENERATED_PAGES

sys.path.insert(0, str(PROJECT / "bench"))
from edit import edit_description  # noqa: E402  (bench/ is a folder of scripts, not a package)

GENERATE = PROJECT / "bench" / "generate.py"
MKDOCS_INSTALLED = all(importlib.util.find_spec(name) for name in ("mkdocs", "material", "mkdocs_static_i18n"))


def pages_of(profiles: int, extra_pages: int) -> int:
    """Per language: the front page, the profiles, about, recruitment, the extra pages, the generated pages, a
    self-assessment per profile and the team page; and the language chooser."""
    return len(LANGUAGES) * (1 + profiles + 2 + extra_pages + len(GENERATED_PAGES) + profiles + 1) + 1


def generate(folder: Path, profiles: int, *options: str) -> Path:
    done = subprocess.run([sys.executable, str(GENERATE), str(folder), "--profiles", str(profiles), *options],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.parametrize("profiles,extra_pages", [(3, 0), (12, 1)])
def test_generated_handbook_passes_check_without_warnings(tmp_path: Path, profiles: int, extra_pages: int) -> None:
    handbook = generate(tmp_path / "handbook", profiles)
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    counted = re.match(rf"Checked {pages_of(profiles, extra_pages)} pages( \(\d+ rendered\))?, (\d+) PDFs",
                       result.stdout.splitlines()[-1])
    assert counted, result.stdout
    assert int(counted[2]) >= len(KINDS) * len(LANGUAGES) * profiles  # every profile's checklists, and more


def test_generated_handbook_has_the_real_structure(tmp_path: Path) -> None:
    data = yaml.safe_load((generate(tmp_path / "handbook", 12) / "profiles.yaml").read_text(encoding="utf-8"))
    codes = [p["code"] for p in data["profiles"]]
    assert codes == [f"P{n:04d}" for n in range(1, 12)] + ["ALL"]
    for profile in data["profiles"]:
        competences = profile["competences"]
        assert [c["code"] for c in competences] == [f"{profile['code']}-{n}" for n in range(1, 9)]
        for competence in competences:
            assert set(competence["description"]) == {"da", "en"} and competence["questions"] and competence["onboarding"]
            assert sorted(competence["levels"]) == [1, 3, 5]
    real = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
    assert data["recruitment"] == real["recruitment"] and data["onboarding"] == real["onboarding"]
    descriptions = [c["description"]["da"] for p in data["profiles"] for c in p["competences"]]
    assert len(set(descriptions)) == len(descriptions), "every competence's text differs"
    assert (tmp_path / "handbook" / "content" / "guide-001.en.md").is_file()


def test_generator_is_deterministic_and_seeded(tmp_path: Path) -> None:
    first = (generate(tmp_path / "a", 5) / "profiles.yaml").read_bytes()
    assert first == (generate(tmp_path / "b", 5) / "profiles.yaml").read_bytes()
    assert first != (generate(tmp_path / "c", 5, "--seed", "1") / "profiles.yaml").read_bytes()


@pytest.mark.parametrize("source,code", [("real", "NET-1"), ("generated", "P0002-1")])
def test_the_timed_edit_changes_one_danish_description(tmp_path: Path, source: str, code: str) -> None:
    handbook = tmp_path / "handbook"
    if source == "real":
        handbook.mkdir()
        (handbook / "profiles.yaml").write_bytes((PROJECT / "profiles.yaml").read_bytes())
    else:
        generate(handbook, 3)
    original = (handbook / "profiles.yaml").read_text(encoding="utf-8")
    edited = edit_description(original, code, "Revideret1")
    changed = [(a, b) for a, b in zip(original.splitlines(), edited.splitlines()) if a != b]
    assert len(changed) == 1 and len(original.splitlines()) == len(edited.splitlines())

    def description(text: str) -> dict[str, str]:
        profiles = yaml.safe_load(text)["profiles"]
        return next(c["description"] for p in profiles for c in p["competences"] if c["code"] == code)

    before, after = description(original), description(edited)
    assert after == {"da": "Revideret1 " + before["da"], "en": before["en"]}


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One smoke run of the benchmark through its command line: 3 profiles, one run, no PDFs."""
    folder = tmp_path_factory.mktemp("bench")
    options = [] if MKDOCS_INSTALLED else ["--no-mkdocs"]
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "run.py"), "--sizes", "3", "--runs", "1", "--quick",
                           "--json", str(folder / "results.json"), "--work", str(folder / "work"), *options],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"| 3 profiles | {pages_of(3, 0)} |" in done.stdout  # the table, with the size's pages
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


def test_quick_run_saves_machine_and_measurements(quick_results: dict[str, Any]) -> None:
    machine = quick_results["machine"]
    assert machine["cores"] >= 1 and machine["python"] and machine["packages"]["Jinja2"]
    [size] = quick_results["sizes"]
    check = size["measurements"]["check"]
    assert (check["runs"], check["pages"]) == (1, pages_of(3, 0)) and check["pdfs"] >= 18
    assert check["wall_s"] > 0 and check["peak_rss_mb"] > 0
    assert size["measurements"]["clean_with_pdfs"] == {"skipped": "--quick"}
    if quick_results["settings"]["build_has_no_pdfs"]:
        assert size["measurements"]["clean_no_pdfs"]["pages"] == pages_of(3, 0)
        assert size["measurements"]["rebuild_one_change"]["unexpected"] == []
    else:
        assert "no --no-pdfs" in size["measurements"]["clean_no_pdfs"]["skipped"]
    assert {t["result"] for t in quick_results["targets"]} <= {"pass", "fail", "n/a"}


@pytest.mark.skipif(not MKDOCS_INSTALLED, reason="MkDocs is not installed: pip install -e '.[bench]' to compare with it")
def test_quick_run_builds_the_corpus_with_mkdocs(quick_results: dict[str, Any]) -> None:
    mkdocs = quick_results["sizes"][0]["mkdocs"]
    # The front page, 3 profiles, recruitment and about, in 2 languages, and MkDocs' own 404 page.
    assert mkdocs["pages"] == 13 and mkdocs["wall_s"] > 0


def test_the_checklists_alone_are_rendered_from_clean_by_the_builds_code() -> None:
    """What the PDF target times: the real handbook's 18 checklists and nothing else, every one rendered."""
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "checklists_alone.py"), "--root", str(PROJECT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("18 PDFs (checklists alone) rendered, ")
