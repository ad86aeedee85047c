"""Shared fixtures: the real command line, copies of the real handbook, and a built site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The tests read the build's English messages, whatever the machine's locale; tests of the Danish ones say so.
os.environ["HANDBOOK_LANG"] = "en"

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A real 1×1 greyscale PNG: the whole-handbook PDF embeds the images pages use, so they must load.
TINY_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
            b"\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00\x00IEND\xaeB`\x82")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path = PROJECT, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    """Run `python build.py ARGS` as an editor would, in a separate process."""
    completed = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def copy_handbook(target: Path, with_templates: bool = False) -> Path:
    """A copy of the real handbook's sources, to change in a test."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "profiles.yaml", target / "profiles.yaml")
    shutil.copytree(PROJECT / "content", target / "content")
    if with_templates:
        shutil.copytree(PROJECT / "templates", target / "templates")
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# The real handbook is kept in git, so its printed date is that of its last commit. The shared build pins it to
# the `date:` in profiles.yaml, 25 November 2026, so that tests reading the date see the same one on every
# checkout; tests/test_printed_date.py covers where the date comes from.
PINNED_DATE = {"SOURCE_DATE_EPOCH": "1795564800"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once through the real command line."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = run_cli("--out", str(out), env=PINNED_DATE)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A fresh copy of the real handbook in a temporary folder."""
    return copy_handbook(tmp_path / "handbook")
