"""Nothing the build starts outlives it: SIGTERM or kill -9 while Pagefind indexes ends Pagefind too.

Through the real command line, on a handbook large enough that Pagefind runs for a while:
the build is stopped while Pagefind is its child, and afterwards no Pagefind is running,
nothing is left next to the output folder, and the previous site is as it was.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from conftest import PROJECT, copy_handbook, run_cli, tree_digest
from test_hardening import _many_profiles


_PR_SET_CHILD_SUBREAPER = 36  # from linux/prctl.h


@pytest.fixture(scope="module")
def large_handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_handbook(tmp_path_factory.mktemp("large") / "handbook")
    _many_profiles(root, 150)
    return root


def _children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their command names, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1: stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            if int(rest[1]) == pid and rest[0] != "Z":
                found[int(entry.name)] = name
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


@contextmanager
def _adopting_orphans() -> Iterator[None]:
    """While inside, processes orphaned below this one become its children (Linux's child subreaper),
    so the test can see how a Pagefind that outlived its build ended."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1)
    try:
        yield
    finally:
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 0)


def _ended_with_the_build(pagefind: int) -> bool:
    """Whether Pagefind was stopped, not left to finish: reaped by its build, or, orphaned, killed by a signal."""
    try:
        _, status = os.waitpid(pagefind, 0)
    except ChildProcessError:  # not ours: its build waited for it
        return True
    return os.WIFSIGNALED(status)


def _wait_for_pagefind(build: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 240  # a guard against a hang, not a timing
    while time.monotonic() < deadline and build.poll() is None:
        pagefind = [pid for pid, name in _children(build.pid).items() if name.startswith("pagefind")]
        if pagefind:
            return pagefind[0]
        time.sleep(0.01)
    pytest.fail(f"Pagefind never ran as the build's child: {build.communicate()}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill -9"])
def test_a_build_stopped_while_pagefind_indexes_ends_pagefind(large_handbook: Path, tmp_path: Path,
                                                              how: signal.Signals) -> None:
    out = tmp_path / "site"
    first = run_cli("--root", str(large_handbook), "--out", str(out), "--no-pdfs")
    assert first.returncode == 0, first.stderr
    (large_handbook / "content" / "about.da.md").write_text(f"# Om\n\nÆndret {how.name}.\n", encoding="utf-8")
    before = tree_digest(out)
    with _adopting_orphans():
        build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--root", str(large_handbook), "--out",
                                  str(out), "--no-pdfs", "--clean"],
                                 cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        pagefind = _wait_for_pagefind(build)

        os.kill(build.pid, how)
        _, stderr = build.communicate(timeout=120)

        assert _ended_with_the_build(pagefind), "Pagefind outlived the build and ran on to its end"
    assert not _alive(pagefind)
    assert build.returncode in (-how, 128 + how), (build.returncode, stderr)
    assert "Traceback" not in stderr
    assert tree_digest(out) == before
    if how == signal.SIGTERM:  # a build that could clean up did; after kill -9 the next build does
        assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
    again = run_cli("--root", str(large_handbook), "--out", str(out), "--no-pdfs")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
