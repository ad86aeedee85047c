"""What a build prints: stage lines, a progress bar on a terminal, one summary line, and options."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, run_cli

from handbook.build.progress import Reporter
from handbook.problems import Problem

# The shipped handbook warns once: it carries the example partnerships until they are deleted.
SUMMARY = re.compile(r"Built .*site/: 43 pages \(\d+ rendered\), 32 PDFs \(\d+ rendered\), \d+ files, 1 warning in \d+\.\d\d s\.")
PDF_STAGE = re.compile(r"(Rendering \d+ of 32 PDFs|All 32 PDFs unchanged)…")  # depends on what the cache holds


def test_plain_output_is_one_line_per_stage_and_a_summary(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Reading sources…", "Rendering 43 pages…", "Writing site/…"]
    assert PDF_STAGE.fullmatch(lines[3]) and lines[4] == "Indexing the pages for search…"
    assert SUMMARY.fullmatch(lines[5]) and len(lines) == 6
    assert "\r" not in result.stdout and "\x1b" not in result.stdout


def test_on_a_terminal_stages_are_redrawn_in_place_and_only_the_summary_stays(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--out", str(tmp_path / "site")],
                               stdout=terminal, stderr=subprocess.PIPE, env=os.environ.copy())
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the build has exited
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    text = shown.decode("utf-8")
    assert "\r\x1b[KReading sources…\r\x1b[KRendering 43 pages…\r\x1b[KWriting site/…\r\x1b[K" in text
    assert "\r\x1b[KIndexing the pages for search…" in text
    visible = [line.split("\r\x1b[K")[-1] for line in text.split("\r\n") if line.split("\r\x1b[K")[-1]]
    assert len(visible) == 1 and SUMMARY.fullmatch(visible[0]), visible


def test_quiet_build_prints_nothing_when_all_is_well(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path / "site"), "--quiet")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_progress_bar_on_a_terminal() -> None:
    out, err = io.StringIO(), io.StringIO()
    reporter = Reporter(out=out, err=err, terminal=True)
    reporter.stage("Rendering 4 PDFs", total=4)
    reporter.advance()
    reporter.advance()
    assert out.getvalue().endswith("\r\x1b[KRendering 4 PDFs… [" + "#" * 15 + "." * 15 + "] 2/4")
    reporter.error("profiles.yaml:3: error: something")  # clears the bar, prints, draws the bar again
    assert err.getvalue() == "profiles.yaml:3: error: something\n"
    assert out.getvalue().endswith("] 2/4\r\x1b[K\r\x1b[KRendering 4 PDFs… [" + "#" * 15 + "." * 15 + "] 2/4")
    reporter.advance(2)
    reporter.done()
    reporter.line("Built output/: 13 pages, 4 PDFs.")
    assert out.getvalue().endswith("] 4/4\r\x1b[KBuilt output/: 13 pages, 4 PDFs.\n")


def test_progress_bar_is_not_drawn_in_plain_or_quiet_output() -> None:
    plain, quiet, err = io.StringIO(), io.StringIO(), io.StringIO()
    for stream, is_quiet in ((plain, False), (quiet, True)):
        reporter = Reporter(out=stream, err=err, quiet=is_quiet, terminal=False)
        reporter.stage("Rendering 4 PDFs", total=4)
        reporter.advance(4)
        reporter.done()
        reporter.problem(Problem("profiles.yaml", 3, "not translated", "warning"))
        reporter.line("Built.")
    assert plain.getvalue() == "Rendering 4 PDFs…\nBuilt.\n"
    assert quiet.getvalue() == ""
    assert err.getvalue() == "profiles.yaml:3: warning: not translated\n"  # the quiet one left it out


def test_help_documents_the_new_commands_and_options() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("serve", "schema", "--clean", "--jobs N", "--port PORT", "127.0.0.1"):
        assert word in result.stdout


def test_jobs_must_be_a_positive_number() -> None:
    result = run_cli("--jobs", "0")
    assert result.returncode == 2
    assert "--jobs must be a whole number, at least 1; not '0'" in result.stderr


def test_clean_and_jobs_are_accepted(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path / "site"), "--clean", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert SUMMARY.fullmatch(result.stdout.splitlines()[-1])
