"""Pages rendered by forked workers are the pages one process renders, and their problems are reported alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_handbook
from handbook import pages
from handbook.pipeline import HandbookFolder, load_handbook
from handbook.problems import Problems
from test_bad_input import _own_templates, replace_once


@pytest.fixture
def every_page_a_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split even the real handbook's 24 pages between processes (large handbooks split by themselves)."""
    monkeypatch.setattr(pages, "PAGES_PER_WORKER", 1)


def _render(root: Path, jobs: int) -> tuple[dict[str, bytes], int, list[str]]:
    folder, problems = HandbookFolder(root), Problems()
    handbook = load_handbook(folder, problems)
    assert handbook is not None, problems.sorted()
    files, rendered = pages.render_site(handbook, folder.templates, folder.root, problems, None, jobs)
    return files, rendered, [str(problem) for problem in problems.sorted()]


def test_three_processes_render_the_pages_one_renders(tmp_path: Path, every_page_a_share: None) -> None:
    root = copy_handbook(tmp_path / "handbook")
    alone, in_parallel = _render(root, jobs=1), _render(root, jobs=3)
    assert in_parallel == alone
    assert list(in_parallel[0]) == list(alone[0])  # in the same order too
    assert alone[1] == 25 and not alone[2]


def test_a_template_error_in_a_worker_is_reported_once_and_located(tmp_path: Path, every_page_a_share: None) -> None:
    root = copy_handbook(tmp_path / "handbook")
    line = replace_once(_own_templates(root) / "profile.html", "{% block main %}", "{% block main %}{{ no_such_name }}")
    files, _, problems = _render(root, jobs=3)
    assert problems == [f"templates/profile.html:{line}: error: 'no_such_name' is undefined. Check the name in the "
                        "template, or add the missing string to content/ui.yaml."]
    assert not any(path.endswith(("net.html", "prt.html", "all.html")) for path in files)
