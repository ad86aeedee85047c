"""Pages rendered by forked workers are the pages one process renders, their problems are reported alike,
and the workers end with the build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT, copy_handbook
from test_bad_input import _own_templates, replace_once

from handbook.build.pipeline import HandbookFolder, load_handbook
from handbook.pdf.jobs import PdfJob, Superseded, plan_pdfs, render_pdfs
from handbook.problems import Problems
from handbook.site import pages
from handbook.write.cache import ContentCache


@pytest.fixture
def every_page_a_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split even the real handbook's 32 pages between processes (large handbooks split by themselves)."""
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
    assert alone[1] == 33 and not alone[2]


def test_a_template_error_in_a_worker_is_reported_once_and_located(tmp_path: Path, every_page_a_share: None) -> None:
    root = copy_handbook(tmp_path / "handbook")
    line = replace_once(_own_templates(root) / "profile.html", "{% block main %}", "{% block main %}{{ no_such_name }}")
    files, _, problems = _render(root, jobs=3)
    assert problems == [f"templates/profile.html:{line}: error: 'no_such_name' is undefined. Check the name in the "
                        "template, or add the missing string to content/ui.yaml."]
    assert not any(path.endswith(("net.html", "prt.html", "all.html")) for path in files)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "(command)", which may hold spaces
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's first process may never reap the orphans it inherits)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers' end is tied to the build's with Linux's prctl")
def test_the_pdf_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    """Killed mid-PDF (kill -9, a closed terminal), a build leaves no worker rendering or waiting behind."""
    root = copy_handbook(tmp_path / "handbook")
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(tmp_path / "site")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        workers = [pid for pid in _children(build.pid) if "libpango" in _maps(pid)]
        time.sleep(0.05)
    assert len(workers) == 2, "no two PDF workers with WeasyPrint loaded were seen"
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, workers))


def _maps(pid: int) -> str:
    """The files mapped into a process: a PDF worker maps Pango once it has imported WeasyPrint."""
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


def test_superseded_pdfs_stop_mid_pdf_even_in_a_process_that_handles_sigterm(tmp_path: Path) -> None:
    """The preview handles SIGTERM itself, and its forked workers inherit that: they must still stop at once.

    Each of the two PDFs takes many seconds to render; a stop asked for after one second must not wait
    for them (the bound is ten times what the stop takes, and a fraction of what one PDF takes)."""
    long_html = "<html lang='da'><body>" + "<p>Lang tekst til en lang PDF.</p>" * 40_000 + "</body></html>"
    jobs = [PdfJob(f"{name}.pdf", long_html, tmp_path, "test") for name in ("a", "b")]
    cache = ContentCache(tmp_path / "cache", ".pdf")
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)  # as `serve` does while it runs
    others = set(_children(os.getpid()))  # a browser or server another test left running
    started = time.monotonic()
    try:
        with pytest.raises(Superseded):
            render_pdfs(plan_pdfs(jobs, cache, ""), [tmp_path], cache, workers=2,
                        superseded=lambda: time.monotonic() - started > 1)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert time.monotonic() - started < 10
    assert not any(map(_running, set(_children(os.getpid())) - others))  # stopped, not left to finish
