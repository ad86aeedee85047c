"""The two readings of profiles.yaml: quick, by yaml-rs, without lines; and located, by PyYAML.

The quick reading is taken only where both give the same values; anything YAML 1.1
(PyYAML) and YAML 1.2 (yaml-rs) read differently gives way to the located reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT

from handbook.problems import Problems
from handbook.sources.yaml_source import has_lines, load_yaml


def _read(tmp_path: Path, text: str, lines: bool, problems: Problems | None = None) -> object:
    path = tmp_path / "profiles.yaml"
    path.write_text(text, encoding="utf-8")
    found = Problems() if problems is None else problems
    document = load_yaml(path, "profiles.yaml", found, lines=lines)
    assert problems is not None or not found.items, found.items
    return document


@pytest.mark.parametrize("text", [
    'version: "2026.1"\n', "a: 'yes'\n", 'a: "1:30"\n', "a: 'no'\nb: x\n", "a: |\n  yes\n  no\n",
    "a: yes and no\n", "a: 2026-11-25\n", "1: x\n3: y\n", "a:\n  - b\n  - 'on'\n",
])
def test_texts_that_are_quoted_or_plain_everywhere_are_read_quickly(tmp_path: Path, text: str) -> None:
    quick = _read(tmp_path, text, lines=False)
    assert not has_lines(quick)
    assert quick == _read(tmp_path, text, lines=True)


@pytest.mark.parametrize("text", [
    "a: yes\n", "a: 'yes'\nb: yes\n", "- no\n", "a: 1:30\n", "a: 012\n", "a: 1e3\n", "a: 2026.1\n", "yes: x\n",
    "010: x\n", "a: !!str 12\n", "a: b\n---\nc: d\n", "a: &x b\nc: *x\n", "a: [b, c]\n", "a: ~\nb: 1\n",
])
def test_what_the_two_parsers_may_read_differently_is_read_with_lines(tmp_path: Path, text: str) -> None:
    """Read with lines, or refused with a located problem (a yes/no key, a second document, an anchor)."""
    problems = Problems()
    document = _read(tmp_path, text, lines=False, problems=problems)
    assert has_lines(document) if document is not None else all(p.line > 0 for p in problems.items)


def test_the_real_profiles_are_read_quickly_and_alike() -> None:
    problems = Problems()
    quick = load_yaml(PROJECT / "profiles.yaml", "profiles.yaml", problems, lines=False)
    assert not has_lines(quick)
    assert quick == load_yaml(PROJECT / "profiles.yaml", "profiles.yaml", problems) and not problems.items
