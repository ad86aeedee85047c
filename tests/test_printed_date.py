"""The printed date is when the handbook's text last changed: SOURCE_DATE_EPOCH, else the last commit that
touched profiles.yaml or content/, else `date:` in profiles.yaml. Through the real command line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import copy_handbook, run_cli, tree_digest
from html_pages import visible_text
from pypdf import PdfReader

WRITTEN_DATE = {"da": "25. november 2026", "en": "25 November 2026"}  # `date:` in profiles.yaml


@pytest.fixture
def outside_git(tmp_path: Path) -> dict[str, str]:
    """An environment in which `tmp_path` is in no git repository and SOURCE_DATE_EPOCH is not set."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return {**env, "GIT_CEILING_DIRECTORIES": str(tmp_path)}


def git(repo: Path, *arguments: str, when: str = "2027-02-03T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.dk", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.dk"}
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, env=env, capture_output=True)


def commit_all(repo: Path, when: str) -> None:
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", "edit", when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the handbook kept in a git repository of its own, last committed on 3 February 2027."""
    root = copy_handbook(tmp_path / "handbook")
    git(root, "init", "-q")
    commit_all(root, "2027-02-03T10:00:00+00:00")
    return root


def build(root: Path, out: Path, env: dict[str, str], *options: str) -> str:
    result = run_cli("--root", str(root), "--out", str(out), *options, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def about(out: Path, lang: str) -> str:
    return visible_text(out / lang / "about.html")


def without_epoch() -> dict[str, str]:
    return {"SOURCE_DATE_EPOCH": ""}  # an empty value counts as unset


def test_outside_git_the_date_in_profiles_yaml_is_printed(tmp_path: Path, outside_git: dict[str, str]) -> None:
    root = copy_handbook(tmp_path / "handbook")
    build(root, tmp_path / "site", outside_git, "--no-pdfs")
    for lang, date in WRITTEN_DATE.items():
        assert date in about(tmp_path / "site", lang)
    assert "<lastmod>2026-11-25</lastmod>" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_in_git_the_last_commit_that_changed_the_text_is_printed_on_pages_and_pdfs(repo: Path, tmp_path: Path) -> None:
    (repo / "notes.txt").write_text("not part of the handbook's text\n", encoding="utf-8")
    commit_all(repo, "2027-05-20T10:00:00+00:00")  # a later commit that does not touch the text
    out = tmp_path / "site"
    build(repo, out, without_epoch())
    assert "3. februar 2027" in about(out, "da") and "3 February 2027" in about(out, "en")
    assert "<lastmod>2027-02-03</lastmod>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    for lang, date in (("da", "3. februar 2027"), ("en", "3 February 2027")):
        for pdf in (out / lang / "checklists" / "prt-onboarding-plan.pdf", out / "downloads" / f"handbook-{lang}.pdf"):
            first_page = " ".join(PdfReader(pdf).pages[0].extract_text().split())
            assert date in first_page and WRITTEN_DATE[lang] not in first_page, pdf.name


def test_a_commit_alone_builds_again_with_its_date(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    profiles = repo / "profiles.yaml"
    profiles.write_text(profiles.read_text(encoding="utf-8").replace("Koordineringsevner", "Koordinering"), encoding="utf-8")
    build(repo, out, without_epoch(), "--no-pdfs")
    assert "3. februar 2027" in about(out, "da"), "an edit counts from its commit"
    assert "Up to date" in build(repo, out, without_epoch(), "--no-pdfs")

    commit_all(repo, "2027-03-09T10:00:00+00:00")  # the same files, now committed
    second = build(repo, out, without_epoch(), "--no-pdfs")
    assert "Up to date" not in second
    assert "9. marts 2027" in about(out, "da") and "9 March 2027" in about(out, "en")


def test_source_date_epoch_wins_over_git(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "site", {"SOURCE_DATE_EPOCH": "1767225600"}, "--no-pdfs")  # 1 January 2026, 00:00 UTC
    assert "1. januar 2026" in about(tmp_path / "site", "da")


def test_a_malformed_source_date_epoch_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    result = run_cli("--root", str(repo), "--out", str(tmp_path / "site"), "--no-pdfs", env={"SOURCE_DATE_EPOCH": "monday"})
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (UTC)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_same_sources_and_history_give_the_same_bytes(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "a", without_epoch(), "--no-pdfs", "--clean")
    build(repo, tmp_path / "b", without_epoch(), "--no-pdfs", "--clean")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
