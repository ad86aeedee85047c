"""Dates from the sources' history: SOURCE_DATE_EPOCH, else the last commit that touched them, else None."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest

from handbook.problems import UsageError
from handbook.sources.history import source_date


def commit(repo: Path, name: str, text: str, when: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.dk", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.dk"}
    subprocess.run(["git", "-C", str(repo), "add", name], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", f"edit {name}"], check=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "profiles.yaml", "version: 1\n", "2026-03-01T12:00:00+00:00")
    commit(tmp_path, "notes.txt", "later\n", "2026-06-15T23:30:00-02:00")  # 16 June in UTC
    return tmp_path


def test_the_last_commit_that_touched_the_paths_gives_the_date(repo: Path) -> None:
    assert source_date(repo, ["profiles.yaml"]) == datetime.date(2026, 3, 1)
    assert source_date(repo) == datetime.date(2026, 6, 16)


def test_uncommitted_edits_do_not_move_the_date(repo: Path) -> None:
    (repo / "profiles.yaml").write_text("version: 2\n", encoding="utf-8")
    assert source_date(repo, ["profiles.yaml"]) == datetime.date(2026, 3, 1)


def test_source_date_epoch_wins(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    assert source_date(repo, ["profiles.yaml"]) == datetime.date(2025, 12, 1)


def test_a_folder_outside_git_has_no_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert source_date(tmp_path, ["profiles.yaml"]) is None


def test_a_malformed_source_date_epoch_says_what_it_should_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number of seconds"):
        source_date(tmp_path)


def test_file_dates_give_each_paths_last_commit_from_one_git_log(repo: Path) -> None:
    from handbook.sources.history import file_dates
    commit(repo, "notes.txt", "later still\n", "2026-07-01T08:00:00+00:00")
    assert file_dates(repo, ["profiles.yaml", "notes.txt", "never.txt"]) == {
        "profiles.yaml": datetime.date(2026, 3, 1), "notes.txt": datetime.date(2026, 7, 1)}


def test_line_dates_give_each_lines_commit_and_none_for_uncommitted_lines(repo: Path) -> None:
    from handbook.sources.history import line_dates
    commit(repo, "profiles.yaml", "version: 1\ndate: 2026-01-01\n", "2026-04-10T12:00:00+00:00")
    (repo / "profiles.yaml").write_text("version: 2\ndate: 2026-01-01\n", encoding="utf-8")
    assert line_dates(repo, "profiles.yaml") == [None, datetime.date(2026, 4, 10)]
    assert line_dates(repo, "missing.yaml") == []
