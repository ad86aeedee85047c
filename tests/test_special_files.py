"""A named pipe, socket or device among the sources is refused by name; the build never waits on it.

Through the real command line, `build` and `check` alike: each special file where an editor's
tools might leave one (a page, an image, a template, profiles.yaml itself, a link to one).
The timeout is a guard against the old hang, not a timing.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path
from typing import Callable

import pytest
from conftest import copy_handbook, run_cli, tree_digest

FIFO = "is a named pipe (FIFO), not a file: the build reads only ordinary files and folders. Remove it, or put the " \
       "file it stands for in its place."


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _socket(path: Path) -> None:
    path.unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _device(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is: endless bytes
    except PermissionError:
        pytest.skip("making a device file needs root")


def _linked_fifo(path: Path) -> None:
    _fifo(path.with_name("pipe"))
    path.unlink()
    path.symlink_to("pipe")


CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "a pipe as a page": ("content/about.da.md", _fifo, FIFO),
    "a pipe as an image": ("content/images/logo.png", _fifo, FIFO),
    "a pipe as a template": ("templates/page.html", _fifo, FIFO),
    "a pipe as profiles.yaml": ("profiles.yaml", _fifo, FIFO),
    "a pipe in content/ no page uses": ("content/notes.txt", _fifo, FIFO),
    "a socket in content/": ("content/about.en.md", _socket, FIFO.replace("a named pipe (FIFO)", "a socket")),
    "a device in content/": ("content/index.da.md", _device, FIFO.replace("a named pipe (FIFO)", "a device")),
    "a link to a pipe in content/": ("content/about.da.md", _linked_fifo, FIFO),
}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_special_file_among_the_sources_is_refused_by_name(tmp_path: Path, built_site: Path, command: str,
                                                             case: tuple[str, Callable[[Path], None], str]) -> None:
    where, make, message = case
    root = copy_handbook(tmp_path / "handbook", with_templates=True)
    out = tmp_path / "site"
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0
    before = tree_digest(out)
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    if not (root / where).exists():
        (root / where).write_text("", encoding="utf-8")
    make(root / where)

    result = run_cli(command, "--root", str(root), "--out", str(out), "--no-pdfs", timeout=120)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{where}: error: {message}\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(out) == before
